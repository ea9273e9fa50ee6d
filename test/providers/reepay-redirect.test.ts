// Reepay's redirect (window) checkout end to end: a merchant page in a frame this test controls leaves for
// the sandbox checkout on the other origin and is sent back to its accept or cancel URL, where the element
// re-emits the result, but only for the session it left for. (The test page itself cannot navigate away.)
import { expect } from '@open-wc/testing';
import type { PayCancelDetail, ReepayCompleteDetail } from '../../src/index.js';
import { SANDBOX } from '../helpers.js';
import { testCard, useMerchantPage } from '../hosted-helpers.js';

describe('reepay: redirect checkout round trip', () => {
  const merchant = useMerchantPage('/test/fixtures/reepay-redirect.html', 'reepay-merchant-page');
  const { events, nextEvent } = merchant;

  it('leaves for the checkout, and on the accept page re-emits pay-complete with what the checkout returned', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    expect(redirect.url.startsWith(`${SANDBOX}/sandbox/reepay/checkout/#/cs_`)).to.equal(true);
    await merchant.inCheckout({ type: testCard(), click: '#pay' });
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail).to.include({ provider: 'reepay', sessionId: redirect.sessionId, customer: 'demo-customer', redirected: true });
    expect(detail.invoice).to.match(/^order-/);
    const page = new URLSearchParams(events('pay-complete')[0].page);
    expect(page.get('id')).to.equal(redirect.sessionId);
    expect(merchant.element().status).to.equal('complete');
  });

  it('re-emits the saved payment method of a recurring session', async () => {
    await merchant.load('?kind=recurring');
    const redirect = await merchant.leave();
    await merchant.inCheckout({ type: testCard('5555 5555 5555 4444'), click: '#pay' });
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail.sessionId).to.equal(redirect.sessionId);
    expect(detail.paymentMethod).to.match(/^ca_[0-9a-f]{32}$/);
    expect(detail.invoice).to.equal(null);
  });

  it('re-emits pay-cancel on the cancel page when the payer cancels, and is ready to pay again', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    await merchant.inCheckout({ click: '#cancel' });
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'reepay', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    expect(events('pay-complete')).to.have.length(0);
    expect(merchant.element().status).to.equal('ready');
  });

  it('does not re-emit a result whose session id is not the one it left for, and keeps waiting for that one', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    await merchant.inCheckout({ text: 'h1' }); // the checkout page is there
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
