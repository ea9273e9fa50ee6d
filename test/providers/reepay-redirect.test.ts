// Reepay's redirect (window) checkout: a merchant page in a frame this test controls leaves for the sandbox
// checkout on the other origin, and comes back (the test sends the frame there, with the parameters the
// checkout adds, as the checkout would), where the element re-emits the result — only at the session's accept
// or cancel URL as it knew them when it left (from the payload, or the session endpoint's answer), and only for
// the session it left for. Reepay's parameters alone decide only when neither URL was known. (The test page
// itself cannot navigate away.) A person paying on the checkout page in between is the end-to-end tier's
// (test/e2e/reepay.test.ts).
import { expect } from '@open-wc/testing';
import type { PayCancelDetail, ReepayCompleteDetail } from '../../src/index.js';
import { SANDBOX } from '../helpers.js';
import { useMerchantPage } from '../hosted-helpers.js';

const MERCHANT_PAGE = '/test/fixtures/reepay-redirect.html';
const SAVED_CARD = `ca_${'5e'.repeat(16)}`;

/** The merchant page's query with `parameters` added, as the checkout sends the payer back. */
const backAt = (query: string, parameters: Record<string, string>) => `?${query}&${new URLSearchParams(parameters)}`;
/** The fixture's accept and cancel URLs (from its payload), and its one URL for both (from the endpoint's answer). */
const ACCEPT = 'reepay=accept';
const CANCEL = 'reepay=cancel';
const SHARED = 'via=answer';

describe('reepay: redirect checkout round trip', () => {
  const merchant = useMerchantPage(MERCHANT_PAGE, 'reepay-merchant-page');
  const { events, nextEvent } = merchant;
  const nothingEmitted = () => {
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
  };

  it('leaves for the checkout on the checkout origin, and at the accept URL re-emits pay-complete with what the checkout returned', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    expect(redirect.url.startsWith(`${SANDBOX}/sandbox/reepay/checkout/#/cs_`)).to.equal(true);
    merchant.open(backAt(ACCEPT, { id: redirect.sessionId, invoice: 'order-1234abcd', customer: 'demo-customer' }));
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

  it('recognises the accept URL with parameters it does not know added, in any order', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    merchant.open(`?utm_source=mail&id=${redirect.sessionId}&customer=demo-customer&${ACCEPT}&invoice=order-1`);
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).invoice).to.equal('order-1');
  });

  it('re-emits the saved payment method of a recurring session', async () => {
    await merchant.load('?kind=recurring');
    const redirect = await merchant.leave();
    merchant.open(backAt(ACCEPT, { id: redirect.sessionId, customer: 'demo-customer', payment_method: SAVED_CARD }));
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail.sessionId).to.equal(redirect.sessionId);
    expect(detail.paymentMethod).to.equal(SAVED_CARD);
    expect(detail.invoice).to.equal(null);
  });

  it('re-emits pay-cancel at the cancel URL, whatever parameters it carries, and is ready to pay again', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    merchant.open(backAt(CANCEL, { id: redirect.sessionId, customer: 'demo-customer' }));
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'reepay', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    await nextEvent('pay-ready', 1);
    expect(events('pay-complete')).to.have.length(0);
    expect(merchant.element().status).to.equal('ready');
  });

  it('ignores the accept URL naming another session id, and keeps waiting for its own', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    await merchant.load(backAt(ACCEPT, { id: `cs_${'0'.repeat(32)}`, invoice: 'order-x', customer: 'demo-customer' }));
    await merchant.load(backAt(ACCEPT, { id: redirect.sessionId.toUpperCase(), customer: 'demo-customer' }));
    await merchant.load(backAt(ACCEPT, { customer: 'demo-customer', invoice: 'order-x' }));
    nothingEmitted();
    // The real session id still comes back, once: loaded again, the page is just ready to pay.
    const back = backAt(ACCEPT, { id: redirect.sessionId, invoice: 'order-x', customer: 'demo-customer' });
    merchant.open(back);
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).sessionId).to.equal(redirect.sessionId);
    await merchant.load(back);
    expect(events('pay-complete')).to.have.length(1);
  });

  it('ignores a location that is neither URL, even with Reepay’s parameters, and keeps waiting for the return', async () => {
    await merchant.load();
    const redirect = await merchant.leave();
    const result = { id: redirect.sessionId, invoice: 'order-x', customer: 'demo-customer' };
    await merchant.load(`?${new URLSearchParams(result)}`);
    await merchant.load(backAt('reepay=elsewhere', result));
    await merchant.load(backAt(SHARED, result));
    nothingEmitted();
    merchant.open(backAt(CANCEL, { id: redirect.sessionId }));
    expect((await nextEvent<PayCancelDetail>('pay-cancel')).sessionId).to.equal(redirect.sessionId);
  });

  it('knows the URLs from the session endpoint’s answer alone: at one URL for both, a return with a customer is the accept', async () => {
    await merchant.load('?returns=answer');
    const redirect = await merchant.leave();
    await merchant.load(backAt(ACCEPT, { id: redirect.sessionId, customer: 'demo-customer' }));
    nothingEmitted();
    merchant.open(backAt(SHARED, { id: redirect.sessionId, invoice: 'order-y', customer: 'demo-customer' }));
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).invoice).to.equal('order-y');
  });

  it('takes a return without a customer at one URL for both as the cancel', async () => {
    await merchant.load('?returns=answer');
    const redirect = await merchant.leave();
    merchant.open(backAt(SHARED, { id: redirect.sessionId }));
    expect((await nextEvent<PayCancelDetail>('pay-cancel')).sessionId).to.equal(redirect.sessionId);
    expect(events('pay-complete')).to.have.length(0);
  });

  it('falls back on Reepay’s parameters only when neither URL is known: a customer is the accept', async () => {
    await merchant.load('?returns=none');
    const redirect = await merchant.leave();
    merchant.open(`?${new URLSearchParams({ id: redirect.sessionId, invoice: 'order-z', customer: 'demo-customer' })}`);
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).invoice).to.equal('order-z');
  });

  it('falls back on Reepay’s parameters only when neither URL is known: the id alone is the cancel', async () => {
    await merchant.load('?returns=none');
    const redirect = await merchant.leave();
    merchant.open(`?id=${redirect.sessionId}`);
    expect((await nextEvent<PayCancelDetail>('pay-cancel')).sessionId).to.equal(redirect.sessionId);
  });

  it('emits nothing on a page with a result when this tab never left for a checkout', async () => {
    await merchant.load(backAt(ACCEPT, { id: `cs_${'1'.repeat(32)}`, invoice: 'order-x', customer: 'demo-customer' }));
    await merchant.load(`?id=cs_${'1'.repeat(32)}&invoice=order-x&customer=demo-customer`);
    nothingEmitted();
  });
});
