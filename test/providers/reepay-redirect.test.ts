// Reepay's redirect (window) checkout end to end: a merchant page in a frame this test controls leaves for
// the sandbox checkout on the other origin and is sent back to its accept or cancel URL, where the element
// re-emits the result, but only for the session it left for. (The test page itself cannot navigate away.)
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PayCancelDetail, PayRedirectDetail, ReepayCompleteDetail } from '../../src/index.js';
import { SANDBOX } from '../helpers.js';

const FIXTURE = '/test/fixtures/reepay-redirect.html';
const FRAME_NAME = 'reepay-merchant-page';

interface FixtureEvent {
  type: string;
  detail: unknown;
  /** The query of the page that emitted it. */
  page: string;
}

declare global {
  interface Window {
    reepayFixtureEvents?: FixtureEvent[];
  }
}

let frame: HTMLIFrameElement;
const events = (type: string) => (window.reepayFixtureEvents ?? []).filter((event) => event.type === type);
const nextEvent = async <T>(type: string, after = 0): Promise<T> => {
  await waitUntil(() => events(type).length > after, `no ${type} after ${JSON.stringify(window.reepayFixtureEvents)}`, {
    timeout: 10_000,
  });
  return events(type)[after].detail as T;
};

/** Loads the merchant page (the fixture) in the test's frame at `search`. */
const loadMerchantPage = async (search = '') => {
  const readies = events('pay-ready').length;
  frame.src = `${FIXTURE}${search}`;
  await nextEvent('pay-ready', readies);
};

/** Presses Pay on the merchant page: the element leaves for the checkout. */
const pay = async (): Promise<PayRedirectDetail> => {
  const redirects = events('pay-redirect').length;
  const element = frame.contentDocument!.querySelector('pay-checkout')!;
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
  const redirect = await nextEvent<PayRedirectDetail>('pay-redirect', redirects);
  // The frame shows the checkout (another origin) once this page can no longer see into it.
  await waitUntil(() => frame.contentDocument === null, 'still on the merchant page', { timeout: 10_000 });
  return redirect;
};

/** Acts in the checkout page that replaced the merchant page in the frame. */
const inCheckout = (payload: Record<string, unknown>) => executeServerCommand('card-frame', { frameName: FRAME_NAME, ...payload });

beforeEach(() => {
  window.reepayFixtureEvents = [];
  sessionStorage.clear();
  frame = Object.assign(document.createElement('iframe'), { name: FRAME_NAME, title: 'Merchant page' });
  frame.style.cssText = 'width: 480px; height: 640px';
  document.body.append(frame);
});
afterEach(() => frame.remove());

describe('reepay: redirect checkout round trip', () => {
  it('leaves for the checkout, and on the accept page re-emits pay-complete with what the checkout returned', async () => {
    await loadMerchantPage();
    const redirect = await pay();
    expect(redirect.url.startsWith(`${SANDBOX}/sandbox/reepay/checkout/#/cs_`)).to.equal(true);
    await inCheckout({ type: { 'cc-number': '4242 4242 4242 4242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' }, click: '#pay' });
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail).to.include({ provider: 'reepay', sessionId: redirect.sessionId, customer: 'demo-customer', redirected: true });
    expect(detail.invoice).to.match(/^order-/);
    const page = new URLSearchParams(events('pay-complete')[0].page);
    expect(page.get('id')).to.equal(redirect.sessionId);
    expect(frame.contentDocument!.querySelector('pay-checkout')!.status).to.equal('complete');
  });

  it('re-emits the saved payment method of a recurring session', async () => {
    await loadMerchantPage('?kind=recurring');
    const redirect = await pay();
    await inCheckout({ type: { 'cc-number': '5555 5555 5555 4444', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' }, click: '#pay' });
    const detail = await nextEvent<ReepayCompleteDetail>('pay-complete');
    expect(detail.sessionId).to.equal(redirect.sessionId);
    expect(detail.paymentMethod).to.match(/^ca_[0-9a-f]{32}$/);
    expect(detail.invoice).to.equal(null);
  });

  it('re-emits pay-cancel on the cancel page when the payer cancels, and is ready to pay again', async () => {
    await loadMerchantPage();
    const redirect = await pay();
    await inCheckout({ click: '#cancel' });
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'reepay', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    expect(events('pay-complete')).to.have.length(0);
    expect(frame.contentDocument!.querySelector('pay-checkout')!.status).to.equal('ready');
  });

  it('does not re-emit a result whose session id is not the one it left for, and keeps waiting for that one', async () => {
    await loadMerchantPage();
    const redirect = await pay();
    await inCheckout({ text: 'h1' }); // the checkout page is there
    const forged = `cs_${'0'.repeat(32)}`;
    await loadMerchantPage(`?id=${forged}&invoice=order-x&customer=demo-customer`);
    await loadMerchantPage(`?customer=demo-customer&invoice=order-x`);
    await loadMerchantPage(`?id=${redirect.sessionId.toUpperCase()}&customer=demo-customer`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
    // The real session id still comes back, once: loaded again, the page is just ready to pay.
    const back = `?id=${redirect.sessionId}&invoice=order-x&customer=demo-customer`;
    frame.src = `${FIXTURE}${back}`;
    expect((await nextEvent<ReepayCompleteDetail>('pay-complete')).sessionId).to.equal(redirect.sessionId);
    await loadMerchantPage(back);
    expect(events('pay-complete')).to.have.length(1);
  });

  it('emits nothing on a page with a result when this tab never left for a checkout', async () => {
    await loadMerchantPage(`?id=cs_${'1'.repeat(32)}&invoice=order-x&customer=demo-customer`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
  });
});
