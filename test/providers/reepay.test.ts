// Reepay through <pay-checkout>: the sandbox's hosted checkout on the other origin, in an inline frame and
// in a modal, the frame protocol's checks, sessions from attributes and from the merchant's endpoint.
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PayCancelEvent, PayCompleteEvent, type ReepayCompleteDetail } from '../../src/index.js';
import { button, collect, message, nextError, ready, sleep, windowListeners } from '../helpers.js';
import {
  expectVetoedRedirect,
  hostedDialog as dialog,
  hostedFrame,
  inHostedPage as inCheckout,
  itChecksTheSessionEndpoint,
  itRefusesBeforeLoading,
  openHostedCheckout as openCheckout,
  requestsTo,
  withTimeouts,
} from '../hosted-helpers.js';
import { CHECKOUT, SESSION_ENDPOINT, createSession, payInCheckout, reepay } from '../reepay-helpers.js';

const VISA = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

const checkoutRequests = () => requestsTo(CHECKOUT);

describe('reepay: the inline checkout (mode="iframe")', () => {
  it('shows the checkout for a given session-url at once and emits pay-complete when the payer pays', async () => {
    const session = await createSession();
    const requests = checkoutRequests();
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    expect(checkoutRequests(), 'the checkout page request is seen').to.be.greaterThan(requests);
    const frame = hostedFrame(element)!;
    expect(frame.src.startsWith(CHECKOUT)).to.equal(true);
    expect(new URL(frame.src).hash).to.equal('#/checkout/preload');
    expect(frame.title).to.equal('Secure payment page');
    expect(!button(element), 'the checkout has its own Pay button').to.equal(true);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const event = await complete;
    expect(event).to.be.instanceOf(PayCompleteEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    const detail = event.detail as ReepayCompleteDetail;
    expect(detail).to.include({ provider: 'reepay', sessionId: session.id, customer: 'demo-customer', redirected: false });
    expect(detail.invoice).to.match(/^order-[0-9a-f]{8}$/);
    expect(detail.subscription).to.equal(null);
    expect(detail.paymentMethod).to.equal(null);
    expect(element.status).to.equal('complete');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('opens the checkout on Pay with session-endpoint, which receives the payload', async () => {
    const element = await reepay({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    element.payload = { kind: 'recurring', customer: 'payload-customer' };
    await ready(element);
    expect(!hostedFrame(element), 'no hostedFrame(element)').to.equal(true);
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail.customer).to.equal('payload-customer');
    expect(detail.paymentMethod).to.match(/^ca_[0-9a-f]{32}$/);
  });

  it('keeps a declined card inside the checkout and completes once with another card', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(element);
    const errors = collect(element, 'pay-error');
    const completes = collect(element, 'pay-complete');
    await payInCheckout(element, DECLINED);
    expect(await inCheckout(hostedFrame(element)!.name, { text: '#form-error' })).to.equal('Your card was declined. Try another card.');
    expect(completes).to.have.length(0);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element, VISA);
    await complete;
    await sleep(200);
    expect(completes).to.have.length(1);
    expect(errors).to.have.length(0);
  });

  it('emits pay-cancel when the payer cancels, removes the frame, and Pay opens the checkout again', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await inCheckout(hostedFrame(element)!.name, { click: '#cancel' });
    const event = await cancel;
    expect(event).to.be.instanceOf(PayCancelEvent);
    expect(event.detail).to.include({ provider: 'reepay', reason: 'cancel', redirected: false });
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(!hostedFrame(element), 'no hostedFrame(element)').to.equal(true);
    expect(button(element).disabled).to.equal(false);
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    await complete;
  });

  it('tears the frame down when the checkout closes itself, and is ready again', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await inCheckout(hostedFrame(element)!.name, { click: '#close' });
    expect((await cancel).detail.reason).to.equal('close');
    expect(!hostedFrame(element), 'no hostedFrame(element)').to.equal(true);
    expect(element.status).to.equal('ready');
  });

  it("reports pay-error session with Reepay's error when the session has expired", async () => {
    const session = await createSession({ ttl: 'PT1S' });
    await sleep(1100);
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'session', reason: 'error.session.expired', recoverable: true, provider: 'reepay' });
    expect(element.status).to.equal('error');
    await element.updateComplete;
    expect(message(element)).to.equal('The payment session could not be completed.');
    expect(!hostedFrame(element), 'no hostedFrame(element)').to.equal(true);
  });

  it('reports frame-load when the checkout page never loads', async () => {
    const { id } = await createSession();
    await withTimeouts({ mount: 500 }, async () => {
      const element = await reepay({ mode: 'iframe', 'session-url': `${CHECKOUT}?sandbox_fault=hang#/${id}` });
      const { detail } = await nextError(element);
      expect(detail.code).to.equal('frame-load');
      expect(!hostedFrame(element), 'no hostedFrame(element)').to.equal(true);
    });
  });
});

describe('reepay: the modal checkout (mode="modal", the default)', () => {
  it('opens a modal on Pay with focus inside and the page scroll locked, and closes it on accept', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const modal = dialog(element)!;
    expect(modal.open).to.equal(true);
    expect(modal.matches(':modal')).to.equal(true);
    expect(modal.getAttribute('aria-label')).to.equal('Secure payment');
    expect(new URL(hostedFrame(element)!.src).hash).to.equal('#/preload');
    expect(element.shadowRoot!.activeElement === hostedFrame(element), 'focus is in the checkout').to.equal(true);
    expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    expect((await complete).detail.sessionId).to.match(/^cs_[0-9a-f]{32}$/);
    expect(!dialog(element), 'no dialog(element)').to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(element.status).to.equal('complete');
  });

  it('cancels on Escape inside the checkout: pay-cancel, the modal closes, focus returns to Pay', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    button(element).focus();
    await openCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await inCheckout(hostedFrame(element)!.name, { click: '[autocomplete="cc-number"]', press: 'Escape' });
    expect((await cancel).detail.reason).to.equal('cancel');
    expect(!dialog(element), 'no dialog(element)').to.equal(true);
    expect(element.shadowRoot!.activeElement === button(element), 'focus is back on Pay').to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(element.status).to.equal('ready');
  });

  it('cancels on Escape with focus on the modal itself, and with its close control', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.focus();
    const escaped = oneEvent(element, 'pay-cancel');
    await sendKeys({ press: 'Escape' });
    expect((await escaped).detail.reason).to.equal('cancel');
    expect(!dialog(element), 'no dialog(element)').to.equal(true);

    await openCheckout(element);
    const closeControl = element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!;
    expect(closeControl.getAttribute('aria-label')).to.equal('Close the payment window');
    const closed = oneEvent(element, 'pay-cancel');
    closeControl.click();
    expect((await closed).detail.reason).to.equal('cancel');
    expect(!dialog(element), 'no dialog(element)').to.equal(true);
  });

  it('reports an expired session as pay-error session before the modal opens, and stays usable', async () => {
    const session = await createSession({ ttl: 'PT1S' });
    await sleep(1100);
    const element = await reepay({ 'session-url': session.url });
    await ready(element);
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'session', reason: 'error.session.expired', recoverable: true });
    expect(element.status).to.equal('ready');
    expect(!dialog(element), 'no dialog(element)').to.equal(true);
    await element.updateComplete;
    expect(message(element)).to.equal('The payment session could not be completed.');
  });

  it('leaves the page untouched when removed while the modal is open', async () => {
    const before = await windowListeners('message');
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    expect(await windowListeners('message')).to.be.greaterThan(before);
    const cancels = collect(element, 'pay-cancel');
    const errors = collect(element, 'pay-error');
    element.remove();
    expect(document.documentElement.style.overflow).to.equal('');
    expect(!element.shadowRoot!.querySelector('dialog, iframe'), 'nothing left').to.equal(true);
    expect(await windowListeners('message')).to.equal(before);
    expect(cancels.length + errors.length).to.equal(0);
  });
});

describe('reepay: saved cards and subscriptions', () => {
  it('saves a card with a recurring session, and the backend charges the saved ca_ later', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': (await createSession({ kind: 'recurring' })).url });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail.invoice).to.equal(null);
    expect(detail.paymentMethod).to.match(/^ca_[0-9a-f]{32}$/);
    const response = await fetch('/api/reepay/charge-saved', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentMethod: detail.paymentMethod }),
    });
    expect(await response.json()).to.include({ state: 'settled', amount: 19900, currency: 'DKK' });
  });

  it('opens a subscription session in the subscription checkout and reports the subscription', async () => {
    const session = await createSession({ kind: 'subscription' });
    expect(session.url).to.contain('#/subscription/cs_');
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    expect(new URL(hostedFrame(element)!.src).hash).to.equal('#/subscription/preload');
    const complete = oneEvent(element, 'pay-complete');
    await payInCheckout(element);
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail.subscription).to.match(/^sub-/);
    expect(detail.paymentMethod).to.match(/^ca_/);
  });
});

describe('reepay: configuration refused before anything loads', () => {
  const id = `cs_${'a'.repeat(32)}`;
  itRefusesBeforeLoading('reepay', CHECKOUT, [
    ['a session id that is not Reepay-shaped', { 'session-id': 'cs_123' }, 'config'],
    ['a session id with upper-case hex', { 'session-id': `cs_${'A'.repeat(32)}` }, 'config'],
    ['a session-url naming no session', { 'session-url': 'https://checkout.reepay.com/#/checkout/nope/x' }, 'config'],
    ['a session-id and session-url naming different sessions', { 'session-id': id, 'session-url': `https://checkout.reepay.com/#/cs_${'b'.repeat(32)}` }, 'config'],
    ['no session at all', {}, 'config'],
    ['mode="embedded"', { mode: 'embedded', 'session-id': id }, 'config'],
    ['an unknown mode', { mode: 'popup', 'session-id': id }, 'config'],
    ['a private key as session id', { 'session-id': 'priv_0123456789abcdef0123456789abcdef' }, 'insecure-config'],
    ['a checkout URL on a foreign host', { 'session-url': `https://checkout.reepay.com.evil.example/#/${id}` }, 'insecure-config'],
    ['a javascript: session-url', { 'session-url': 'javascript:alert(1)' }, 'insecure-config'],
    ['an http checkout URL', { 'session-url': `http://checkout.reepay.com/#/${id}` }, 'insecure-config'],
    ['the staging checkout in production', { environment: 'production', 'session-url': `https://staging-checkout.reepay.com/#/${id}` }, 'insecure-config'],
    ['a session endpoint on a foreign origin', { 'session-endpoint': 'https://evil.example/session' }, 'insecure-config'],
  ]);
});

describe('reepay: the session endpoint', () => {
  itChecksTheSessionEndpoint({
    element: (endpoint) => reepay({ 'session-endpoint': endpoint }),
    endpoint: SESSION_ENDPOINT,
    hostedPrefix: CHECKOUT,
    foreign: { id: `cs_${'c'.repeat(32)}`, url: `https://evil.example/#/cs_${'c'.repeat(32)}` },
    unusable: ['a session id that is not Reepay-shaped', { id: 'cs_1', url: `${CHECKOUT}#/cs_1` }],
  });
});

describe('reepay: redirect mode in this page', () => {
  it('emits a cancelable pay-redirect with the session URL; canceled, the page stays and Pay works again', async () => {
    const session = await createSession();
    const element = await reepay({ mode: 'redirect', 'session-url': session.url });
    await expectVetoedRedirect(element, { provider: 'reepay', sessionId: session.id, url: session.url });
  });

  it('goes to the default checkout for a bare session-id, and allows the staging checkout in sandbox', async () => {
    const id = `cs_${'d'.repeat(32)}`;
    for (const [attributes, url] of [
      [{ 'session-id': id }, `https://checkout.reepay.com/#/checkout/${id}`],
      [{ 'session-url': `https://staging-checkout.reepay.com/#/${id}` }, `https://staging-checkout.reepay.com/#/${id}`],
    ] as const) {
      const element = await reepay({ mode: 'redirect', ...attributes });
      await ready(element);
      element.addEventListener('pay-redirect', (event) => event.preventDefault());
      const redirect = oneEvent(element, 'pay-redirect');
      button(element).click();
      expect((await redirect).detail.url).to.equal(url);
    }
  });
});

describe('reepay: accessibility', () => {
  it('is accessible ready, with the inline checkout open (inside it too, with errors), in the modal, complete, and in an error state', async () => {
    const modal = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(modal);
    await expect(modal).to.be.accessible();
    await openCheckout(modal);
    await expect(modal).to.be.accessible();
    expect(await inCheckout(hostedFrame(modal)!.name, { axe: true })).to.deep.equal([]);
    modal.remove();

    const inline = await reepay({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(inline);
    await expect(inline).to.be.accessible();
    await inCheckout(hostedFrame(inline)!.name, { click: '#pay' });
    expect(await inCheckout(hostedFrame(inline)!.name, { axe: true })).to.deep.equal([]);
    const complete = oneEvent(inline, 'pay-complete');
    await payInCheckout(inline);
    await complete;
    await inline.updateComplete;
    await expect(inline).to.be.accessible();

    const failing = await reepay({ 'session-id': 'cs_1' });
    await nextError(failing);
    await failing.updateComplete;
    await expect(failing).to.be.accessible();
  });
});
