// Reepay's redirect (window) checkout: a merchant page in a frame this test controls leaves for the sandbox
// checkout on the other origin, and comes back to its accept or cancel URL (the test sends the frame there,
// with the parameters the checkout adds, as the checkout would), where the element re-emits the result — but
// only for the session it left for. (The test page itself cannot navigate away.) A person paying on the
// checkout page in between is the end-to-end tier's (test/e2e/reepay.test.ts).
import { expect } from '@open-wc/testing';
import type { PayCancelDetail, ReepayCompleteDetail } from '../../src/index.js';
import { SANDBOX } from '../helpers.js';
import { useMerchantPage } from '../hosted-helpers.js';

const MERCHANT_PAGE = '/test/fixtures/reepay-redirect.html';
const SAVED_CARD = `ca_${'5e'.repeat(16)}`;

/**
 * The query of where the checkout sends the payer: the session's accept_url and cancel_url are both the
 * merchant page (the demo backend's returnPath); accepting adds id, customer, invoice and payment_method,
 * cancelling id and invoice.
 */
const backAt = (parameters: Record<string, string>) => `?${new URLSearchParams(parameters)}`;

describe('reepay: redirect checkout round trip', () => {
  const merchant = useMerchantPage(MERCHANT_PAGE, 'reepay-merchant-page');
  const { events, nextEvent } = merchant;

  it('leaves for the checkout on the checkout origin, and on the accept page re-emits pay-complete with what the checkout returned', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    expect(redirect.url.startsWith(`${SANDBOX}/sandbox/reepay/checkout/#/cs_`)).to.equal(true);
    merchant.open(backAt({ id: redirect.sessionId, customer: 'demo-customer', invoice: 'order-1234abcd' }));
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail).to.deep.equal({
      provider: 'reepay',
      sessionId: redirect.sessionId,
      redirected: true,
      invoice: 'order-1234abcd',
      customer: 'demo-customer',
      subscription: null,
      paymentMethod: null,
    });
    const page = new URLSearchParams(events('pay-complete')[0].page);
    expect(page.get('id')).to.equal(redirect.sessionId);
    expect(merchant.element().status).to.equal('complete');
  });

  it('re-emits the saved payment method of a recurring session', async () => {
    await merchant.load('?kind=recurring');
    const redirect = await merchant.leave();
    merchant.open(backAt({ id: redirect.sessionId, customer: 'demo-customer', payment_method: SAVED_CARD }));
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail.sessionId).to.equal(redirect.sessionId);
    expect(detail.paymentMethod).to.equal(SAVED_CARD);
    expect(detail.invoice).to.equal(null);
  });

  it('re-emits pay-cancel on the cancel page (a return without a customer), and is ready to pay again', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    merchant.open(backAt({ id: redirect.sessionId, invoice: 'order-1234abcd' }));
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'reepay', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    await nextEvent('pay-ready', 1);
    expect(events('pay-complete')).to.have.length(0);
    expect(merchant.element().status).to.equal('ready');
  });

  it('does not re-emit a result whose session id is not the one it left for, and keeps waiting for that one', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    const forged = `cs_${'0'.repeat(32)}`;
    await merchant.load(`?id=${forged}&invoice=order-x&customer=demo-customer`);
    await merchant.load(`?customer=demo-customer&invoice=order-x`);
    await merchant.load(`?id=${redirect.sessionId.toUpperCase()}&customer=demo-customer`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
    // The real session id still comes back, once: loaded again, the page is just ready to pay.
    const back = `?id=${redirect.sessionId}&invoice=order-x&customer=demo-customer`;
    merchant.open(back);
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).sessionId).to.equal(redirect.sessionId);
    await merchant.load(back);
    expect(events('pay-complete')).to.have.length(1);
  });

  it('emits nothing on a page with a result when this tab never left for a checkout', async () => {
    await merchant.load(`?id=cs_${'1'.repeat(32)}&invoice=order-x&customer=demo-customer`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
  });
});
