// Paiwise through <pay-checkout>: the sandbox's hosted checkout page on the other origin, in an inline frame,
// in a modal and by redirect, its outcome read from the frame's location once it is back on this origin; the
// demo backend verifies, captures and refunds every checkout.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  PayCheckout,
  PayCancelEvent,
  PayCompleteEvent,
  type PaiwiseCompleteDetail,
  type PayCancelDetail,
} from '../../src/index.js';
import { SANDBOX, button, collect, message, nextError, ready, sleep } from '../helpers.js';
import {
  expectVetoedRedirect,
  hostedDialog as dialog,
  hostedFrame,
  inHostedPage as inCheckout,
  itChecksTheSessionEndpoint,
  itRefusesBeforeLoading,
  openHostedCheckout as openCheckout,
  testCard as card,
  useMerchantPage,
  withTimeouts,
} from '../hosted-helpers.js';
import { RETURN_PAGE, RETURN_URLS, SESSION_ENDPOINT, createSession, post } from '../paiwise-helpers.js';

const HOSTED = `${SANDBOX}/sandbox/paiwise/pay/`;
const VISA = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

/** What Paiwise says about the checkout (the backend's `retrieve`): the proof the event only hints at. */
const verify = async (id: string): Promise<string> => (await post('/api/paiwise/verify', { id })).status as string;

/**
 * A connected Paiwise element against the sandbox, told where its checkouts return (`payload`); `attributes`
 * add to / override the defaults (null removes).
 */
const paiwise = (attributes: Record<string, string | null> = {}, payload: Record<string, unknown> = {}): Promise<PayCheckout> => {
  const element = document.createElement('pay-checkout');
  const all: Record<string, string | null> = { provider: 'paiwise', environment: 'sandbox', amount: '89900', currency: 'SEK', ...attributes };
  for (const [name, value] of Object.entries(all)) if (value != null) element.setAttribute(name, value);
  element.payload = { ...RETURN_URLS, ...payload };
  return fixture<PayCheckout>(html`${element}`);
};

/** Types a card into the element's checkout frame and presses the page's Pay button. */
const payInCheckout = (element: PayCheckout, number = VISA) =>
  inCheckout(hostedFrame(element)!.name, { type: card(number), click: '#pay-button' });

/** Follows the checkout page's cancel link. */
const cancelInCheckout = (element: PayCheckout) => inCheckout(hostedFrame(element)!.name, { click: '#cancel-link' });

describe('paiwise: the inline checkout (mode="iframe")', () => {
  it('shows the checkout for a given session-url at once and emits pay-complete when the frame comes back to returnUrl', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const frame = hostedFrame(element)!;
    expect(frame.src).to.equal(session.url);
    expect(frame.title).to.equal('Secure payment page');
    expect(!button(element), 'the checkout has its own Pay button').to.equal(true);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const event = await complete;
    expect(event).to.be.instanceOf(PayCompleteEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ provider: 'paiwise', sessionId: session.id, checkoutId: session.id, redirected: false, status: 'paid' });
    expect(element.status).to.equal('complete');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    expect(await verify(session.id)).to.equal('paid');
  });

  it('creates the checkout on Pay through session-endpoint, sending the payload and the return URLs', async () => {
    const element = await paiwise({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    expect(!hostedFrame(element), 'nothing framed before Pay').to.equal(true);
    await openCheckout(element);
    expect(hostedFrame(element)!.src.startsWith(`${HOSTED}checkout.html?checkout_id=`)).to.equal(true);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as PaiwiseCompleteDetail;
    expect(detail).to.include({ provider: 'paiwise', status: 'paid', redirected: false });
    expect(await verify(detail.checkoutId)).to.equal('paid');
  });

  it('reports a reservation (capture false) with status reserved, which the backend captures and refunds', async () => {
    const element = await paiwise({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT }, { product: 'bike-rental' });
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const { checkoutId, status } = (await complete).detail as PaiwiseCompleteDetail;
    expect(status).to.equal('reserved');
    expect(await verify(checkoutId)).to.equal('reserved');
    expect(await post('/api/paiwise/capture', { id: checkoutId })).to.include({ status: 'paid', amount: 50000, currency: 'SEK' });
    expect(await post('/api/paiwise/refund', { id: checkoutId })).to.include({ status: 'refunded', amountRefunded: 50000 });
  });

  it('keeps a declined card inside the checkout and completes once with another card', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const errors = collect(element, 'pay-error');
    const completes = collect(element, 'pay-complete');
    await payInCheckout(element, DECLINED);
    expect(await inCheckout(hostedFrame(element)!.name, { text: '#form-error' })).to.match(/declined/i);
    expect(await verify(session.id)).to.equal('failed');
    expect(completes).to.have.length(0);
    expect(element.status).to.equal('ready');
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element, VISA);
    expect((await complete).detail).to.include({ checkoutId: session.id, status: 'paid' });
    await sleep(200);
    expect(completes).to.have.length(1);
    expect(errors).to.have.length(0);
    expect(await verify(session.id)).to.equal('paid');
  });

  it('emits pay-cancel when the frame comes back to returnUrlCancel, removes the frame, and Pay opens a new checkout', async () => {
    const element = await paiwise({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const first = new URL(hostedFrame(element)!.src).searchParams.get('checkout_id')!;
    const cancel = oneEvent(element, 'pay-cancel');
    await cancelInCheckout(element);
    const event = await cancel;
    expect(event).to.be.instanceOf(PayCancelEvent);
    expect(event.detail).to.deep.equal({ provider: 'paiwise', sessionId: first, redirected: false, reason: 'cancel' });
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    expect(button(element).disabled).to.equal(false);
    expect(await verify(first)).to.equal('canceled');
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    expect((await complete).detail.sessionId).not.to.equal(first);
  });

  it('reports pay-error frame-load when the checkout page never loads, and lets the payer try again', async () => {
    await withTimeouts({ mount: 500 }, async () => {
      const element = await paiwise({ mode: 'iframe', 'session-endpoint': `${SESSION_ENDPOINT}?frame_fault=hang` });
      await ready(element);
      const error = nextError(element);
      button(element).click();
      const { detail } = await error;
      expect(detail).to.include({ code: 'frame-load', recoverable: true, provider: 'paiwise' });
      expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
      expect(element.status).to.equal('ready');
      await element.updateComplete;
      expect(message(element)).to.equal('The payment page could not be loaded.');
    });
  });

  it('reports frame-load for a given session-url whose page never loads', async () => {
    const session = await createSession();
    await withTimeouts({ mount: 500 }, async () => {
      const element = await paiwise({ mode: 'iframe', 'session-url': `${session.url}&sandbox_fault=hang` });
      const { detail } = await nextError(element);
      expect(detail.code).to.equal('frame-load');
      expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    });
  });

  it('reports pay-error session when the frame comes back to a page on this origin that is no return URL', async () => {
    // The backend created the checkout with other return URLs than the element expects.
    const session = await createSession({ returnUrl: `${RETURN_PAGE}?elsewhere=1` });
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const completes = collect(element, 'pay-complete');
    const error = nextError(element);
    await payInCheckout(element);
    const { detail } = await error;
    expect(detail).to.include({ code: 'session', provider: 'paiwise' });
    expect(detail.reason).to.contain(RETURN_PAGE);
    expect(completes).to.have.length(0);
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('does not report a return naming another checkout', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const completes = collect(element, 'pay-complete');
    const error = nextError(element);
    const frame = hostedFrame(element)!;
    frame.src = `${RETURN_PAGE}?outcome=return&checkout_id=${'0'.repeat(32)}&status=paid`;
    expect((await error).detail.code).to.equal('session');
    expect(completes).to.have.length(0);
    expect(await verify(session.id)).to.equal('created');
  });
});

describe('paiwise: the modal checkout (mode="modal", the default)', () => {
  it('opens a modal on Pay with focus inside and the page scroll locked, and closes it on the return', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const modal = dialog(element)!;
    expect(modal.open).to.equal(true);
    expect(modal.matches(':modal')).to.equal(true);
    expect(modal.getAttribute('aria-label')).to.equal('Secure payment');
    expect(element.shadowRoot!.activeElement === hostedFrame(element), 'focus is in the checkout').to.equal(true);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as PaiwiseCompleteDetail;
    expect(detail.status).to.equal('paid');
    expect(!dialog(element), 'the modal is gone').to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(element.status).to.equal('complete');
    expect(await verify(detail.checkoutId)).to.equal('paid');
  });

  it('reserves in the modal with status reserved', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT }, { product: 'bike-rental' });
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as PaiwiseCompleteDetail;
    expect(detail.status).to.equal('reserved');
    expect(await verify(detail.checkoutId)).to.equal('reserved');
  });

  it("emits pay-cancel and closes the modal when the payer follows the checkout's cancel link", async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    button(element).focus();
    await openCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await cancelInCheckout(element);
    const { detail } = await cancel;
    expect(detail).to.include({ provider: 'paiwise', redirected: false, reason: 'cancel' });
    expect(await verify(detail.sessionId)).to.equal('canceled');
    expect(!dialog(element), 'the modal is gone').to.equal(true);
    expect(element.shadowRoot!.activeElement === button(element), 'focus is back on Pay').to.equal(true);
    expect(element.status).to.equal('ready');
  });

  // Paiwise's page has no Escape handling, and keys pressed in a cross-origin frame never reach this page:
  // Escape cancels once focus is on the modal itself (Tab from the page's last control), as with the close control.
  it('cancels on Escape with focus on the modal: pay-cancel, the modal closes, focus returns to Pay', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    button(element).focus();
    await openCheckout(element);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.focus();
    const cancel = oneEvent(element, 'pay-cancel');
    await sendKeys({ press: 'Escape' });
    expect((await cancel).detail.reason).to.equal('cancel');
    expect(!dialog(element), 'the modal is gone').to.equal(true);
    expect(element.shadowRoot!.activeElement === button(element), 'focus is back on Pay').to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('cancels with the close control', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect((await cancel).detail.reason).to.equal('cancel');
    expect(!dialog(element), 'the modal is gone').to.equal(true);
  });

  it('reports frame-load before the modal opens when the checkout page never loads', async () => {
    await withTimeouts({ mount: 500 }, async () => {
      const element = await paiwise({ 'session-endpoint': `${SESSION_ENDPOINT}?frame_fault=hang` });
      await ready(element);
      const error = nextError(element);
      button(element).click();
      expect((await error).detail.code).to.equal('frame-load');
      expect(!dialog(element), 'no modal').to.equal(true);
      expect(element.status).to.equal('ready');
    });
  });
  it('leaves the page untouched when removed while the modal is open', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const events = ['pay-complete', 'pay-cancel', 'pay-error'].flatMap((type) => collect(element, type as 'pay-error'));
    element.remove();
    expect(document.documentElement.style.overflow).to.equal('');
    expect(!element.shadowRoot!.querySelector('dialog, iframe'), 'nothing left').to.equal(true);
    await sleep(200);
    expect(events).to.have.length(0);
  });
});

describe('paiwise: redirect mode in this page', () => {
  it('emits a cancelable pay-redirect with the checkout URL; canceled, the page stays and Pay works again', async () => {
    const session = await createSession({ mode: 'redirect' });
    const element = await paiwise({ mode: 'redirect', 'session-url': session.url });
    await expectVetoedRedirect(element, { provider: 'paiwise', sessionId: session.id, url: session.url });
  });

  it("allows Paiwise's own host in production without allowOrigins", async () => {
    const url = 'https://api.paiwise.com/checkout/pay?checkout_id=0123abcd';
    const element = await paiwise({ mode: 'redirect', environment: 'production', 'session-url': url });
    await ready(element);
    element.addEventListener('pay-redirect', (event) => event.preventDefault());
    const redirect = oneEvent(element, 'pay-redirect');
    button(element).click();
    expect((await redirect).detail).to.deep.equal({ provider: 'paiwise', sessionId: '0123abcd', url });
  });
});

describe('paiwise: a merchant page with the default return URLs', () => {
  // In redirect mode the merchant page leaves for the checkout and comes back; in iframe mode its checkout
  // frame gets a copy of the merchant page back.
  const merchant = useMerchantPage('/test/fixtures/paiwise-merchant.html', 'paiwise-merchant-page');
  const { events, nextEvent } = merchant;

  it('leaves for the checkout, and back on the page re-emits pay-complete with the checkout id and status', async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    expect(redirect.url.startsWith(`${HOSTED}checkout.html?checkout_id=${redirect.sessionId}`)).to.equal(true);
    await merchant.inCheckout({ type: card(), click: '#pay-button' });
    const detail = await nextEvent<PaiwiseCompleteDetail>('pay-complete');
    expect(detail).to.deep.equal({ provider: 'paiwise', sessionId: redirect.sessionId, checkoutId: redirect.sessionId, redirected: true, status: 'paid' });
    const page = new URLSearchParams(events('pay-complete')[0].page);
    expect(Object.fromEntries(page)).to.deep.equal({ mode: 'redirect', paiwise: 'return', checkout_id: redirect.sessionId, status: 'paid' });
    expect(merchant.element().status).to.equal('complete');
    expect(await verify(redirect.sessionId)).to.equal('paid');
  });

  it('re-emits a reservation with status reserved', async () => {
    await merchant.load('?mode=redirect&product=bike-rental');
    const redirect = await merchant.leave();
    await merchant.inCheckout({ type: card(), click: '#pay-button' });
    expect(await nextEvent<PaiwiseCompleteDetail>('pay-complete')).to.include({ checkoutId: redirect.sessionId, status: 'reserved' });
  });

  it('re-emits pay-cancel on the cancel return, and is ready to pay again', async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    await merchant.inCheckout({ click: '#cancel-link' });
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'paiwise', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    expect(new URLSearchParams(events('pay-cancel')[0].page).get('paiwise')).to.equal('cancel');
    expect(events('pay-complete')).to.have.length(0);
    expect(merchant.element().status).to.equal('ready');
  });

  it('does not re-emit a result whose checkout id is not the one it left for, and keeps waiting for that one', async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    await merchant.inCheckout({ text: 'h1' }); // the checkout page is there
    await merchant.load(`?mode=redirect&paiwise=return&checkout_id=${'0'.repeat(32)}&status=paid`);
    await merchant.load('?mode=redirect&paiwise=return&status=paid');
    await merchant.load(`?mode=redirect&paiwise=return&checkout_id=${redirect.sessionId}x&status=paid`);
    await merchant.load(`?mode=redirect&paiwise=elsewhere&checkout_id=${redirect.sessionId}&status=paid`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
    // The real checkout id still comes back, once: loaded again, the page is just ready to pay.
    const back = `?mode=redirect&paiwise=return&checkout_id=${redirect.sessionId}&status=paid`;
    merchant.open(back);
    expect((await nextEvent<PaiwiseCompleteDetail>('pay-complete')).checkoutId).to.equal(redirect.sessionId);
    await merchant.load(back);
    expect(events('pay-complete')).to.have.length(1);
  });

  it('emits nothing on a page with a result when this tab never left for a checkout', async () => {
    await merchant.load(`?mode=redirect&paiwise=return&checkout_id=${'1'.repeat(32)}&status=paid`);
    expect(events('pay-complete')).to.have.length(0);
    expect(events('pay-cancel')).to.have.length(0);
  });

  it('in iframe mode, reads its own page back in the frame as the return, and emits pay-complete once', async () => {
    await merchant.load('?mode=iframe');
    const element = merchant.element();
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('iframe:not([hidden])'), 'the checkout did not open', { timeout: 10_000 });
    const hosted = element.shadowRoot!.querySelector('iframe')!;
    await inCheckout(hosted.name, { type: card(), click: '#pay-button' });
    const detail = await nextEvent<PaiwiseCompleteDetail>('pay-complete');
    expect(detail).to.include({ provider: 'paiwise', redirected: false, status: 'paid' });
    expect(element.status).to.equal('complete');
    expect(!element.shadowRoot!.querySelector('iframe'), 'the frame is gone').to.equal(true);
    await sleep(300);
    expect(events('pay-complete')).to.have.length(1);
    expect(await verify(detail.checkoutId)).to.equal('paid');
  });
});

describe('paiwise: configuration refused before anything loads', () => {
  const url = `${HOSTED}checkout.html?checkout_id=${'a'.repeat(32)}`;
  itRefusesBeforeLoading('paiwise', HOSTED, [
    ['a session-id without session-url', { 'session-id': 'a'.repeat(32) }, 'config'],
    ['a checkout id that is not URL-safe', { 'session-id': 'a/b', 'session-url': url }, 'config'],
    ['a session-url naming no checkout', { 'session-url': `${HOSTED}checkout.html` }, 'config'],
    ['a session-id and session-url naming different checkouts', { 'session-id': 'b'.repeat(32), 'session-url': url }, 'config'],
    ['no session at all', {}, 'config'],
    ['mode="embedded"', { mode: 'embedded', 'session-url': url }, 'config'],
    ['an API key as session id', { 'session-id': 'paiwise_sandbox_demo', 'session-url': url }, 'insecure-config'],
    ['a checkout URL on a foreign host', { 'session-url': 'https://api.paiwise.com.evil.example/pay?checkout_id=abc' }, 'insecure-config'],
    ['a javascript: session-url', { 'session-url': 'javascript:alert(1)' }, 'insecure-config'],
    ['an http Paiwise URL', { 'session-url': 'http://api.paiwise.com/pay?checkout_id=abc' }, 'insecure-config'],
    ['a session endpoint on a foreign origin', { 'session-endpoint': 'https://evil.example/session' }, 'insecure-config'],
  ]);

  it('refuses the sandbox checkout when the page did not allow its origin from script', async () => {
    // The same URL on another spelling of the sandbox host: not the origin this test page allowed.
    const element = document.createElement('pay-checkout');
    for (const [name, value] of Object.entries({ provider: 'paiwise', mode: 'iframe', 'session-url': url.replace('127.0.0.1', 'localhost') })) {
      element.setAttribute(name, value);
    }
    const error = nextError(element);
    document.body.append(element);
    try {
      expect((await error).detail.code).to.equal('insecure-config');
      expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
    } finally {
      element.remove();
    }
  });

  it('refuses a payload returnUrl on another origin with config when Pay is pressed, creating nothing', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT }, { returnUrl: 'https://evil.example/return' });
    await ready(element);
    const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(SESSION_ENDPOINT)).length;
    const error = nextError(element);
    button(element).click();
    expect((await error).detail).to.include({ code: 'config', recoverable: false });
    expect(performance.getEntriesByType('resource').filter((entry) => entry.name.includes(SESSION_ENDPOINT)).length).to.equal(requests);
    expect(!dialog(element), 'no modal').to.equal(true);
  });
});

describe('paiwise: the session endpoint', () => {
  itChecksTheSessionEndpoint({
    element: (endpoint) => paiwise({ 'session-endpoint': endpoint }),
    endpoint: SESSION_ENDPOINT,
    hostedPrefix: HOSTED,
    foreign: { id: 'abc', url: 'https://evil.example/pay?checkout_id=abc' },
    unusable: ['an id and a URL naming different checkouts', { id: 'abc', url: `${HOSTED}checkout.html?checkout_id=def` }],
  });
});

describe('paiwise: accessibility', () => {
  it('is accessible ready, with the inline checkout open (inside it too, with an error), in the modal, complete, and in an error state', async () => {
    const modal = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(modal);
    await expect(modal).to.be.accessible();
    await openCheckout(modal);
    await expect(modal).to.be.accessible();
    expect(await inCheckout(hostedFrame(modal)!.name, { axe: true })).to.deep.equal([]);
    modal.remove();

    const inline = await paiwise({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(inline);
    await expect(inline).to.be.accessible();
    await payInCheckout(inline, DECLINED);
    await inCheckout(hostedFrame(inline)!.name, { text: '#form-error' });
    expect(await inCheckout(hostedFrame(inline)!.name, { axe: true })).to.deep.equal([]);
    const complete = oneEvent(inline, 'pay-complete');
    await payInCheckout(inline);
    await complete;
    await inline.updateComplete;
    await expect(inline).to.be.accessible();

    const failing = await paiwise({ 'session-id': 'abc' });
    await nextError(failing);
    await failing.updateComplete;
    await expect(failing).to.be.accessible();
  });
});
