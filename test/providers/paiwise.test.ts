// Paiwise through <pay-checkout>, the adapter against the hosted page's contract: the sandbox's checkout page on
// the other origin in an inline frame and in a modal, its outcome read from the frame's location once it is
// back on this origin. The test moves the element's frame where the page would send it (returnUrl with the
// checkout id and status, the page's cancel link) instead of a person paying in it; the merchant page's
// redirect round trip, configuration refusals and the session endpoint. A person paying in the real page is
// the end-to-end tier's (test/e2e/paiwise.test.ts); the page itself is test/sandbox's.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PayCheckout, type PaiwiseCompleteDetail, type PayCancelDetail } from '../../src/index.js';
import { button, checkErrorOnConnect, collect, message, nextError, ready, retryButton, setAttributes } from '../helpers.js';
import {
  describeHostedCheckout,
  expectHosted,
  expectVetoedRedirect,
  hostedDialog as dialog,
  hostedFrame,
  navigateFrame,
  openHostedCheckout as openCheckout,
  useMerchantPage,
  withTimeouts,
} from '../hosted-helpers.js';
import {
  HOSTED,
  RETURN_PAGE,
  RETURN_URLS,
  SESSION_ENDPOINT,
  cancelLink,
  checkoutIdOf,
  createSession,
  post,
  returnedTo,
  verify,
} from '../paiwise-helpers.js';

/**
 * A connected Paiwise element against the sandbox, told where its checkouts return (`payload`); `attributes`
 * add to / override the defaults (null removes).
 */
const paiwise = (attributes: Record<string, string | null> = {}, payload: Record<string, unknown> = {}): Promise<PayCheckout> => {
  const element = setAttributes(document.createElement('pay-checkout'), {
    provider: 'paiwise',
    environment: 'sandbox',
    amount: '89900',
    currency: 'SEK',
    ...attributes,
  });
  element.payload = { ...RETURN_URLS, ...payload };
  return fixture<PayCheckout>(html`${element}`);
};

/** The checkout in the element's frame (framed at once, or opened with Pay). */
const framedCheckout = (element: PayCheckout): string => checkoutIdOf(hostedFrame(element)!.src);

describe('paiwise: the inline checkout (mode="iframe")', () => {
  it('frames the hosted checkout page of a given session-url at once, with no Pay button of its own', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    expect(expectHosted.inlineFrame(element).src).to.equal(session.url);
  });

  it('emits pay-complete with the checkout id and status when the frame comes back to returnUrl, and removes the frame', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, returnedTo(session.id, 'paid'));
    expectHosted.inlineComplete(element, await complete, {
      provider: 'paiwise',
      sessionId: session.id,
      checkoutId: session.id,
      redirected: false,
      status: 'paid',
    });
  });

  it('creates the checkout on Pay through session-endpoint, sending the payload and the return URLs', async () => {
    // The bike rental is a 500 SEK reservation on the backend's price list.
    const element = await paiwise({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT }, { product: 'bike-rental' });
    await ready(element);
    expect(!hostedFrame(element), 'nothing framed before Pay').to.equal(true);
    await openCheckout(element);
    expect(hostedFrame(element)!.src.startsWith(`${HOSTED}checkout.html?checkout_id=`)).to.equal(true);
    const id = framedCheckout(element);
    expect(await post('/api/paiwise/verify', { id })).to.include({ status: 'created', amount: 50000, currency: 'SEK' });
    // The checkout's cancel link goes to the returnUrlCancel the element sent: the element recognises it.
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, cancelLink(id));
    expect((await cancel).detail.sessionId).to.equal(id);
  });

  it('reads the return in the frame even when that page tidied its URL before it loaded', async () => {
    const session = await createSession({ returnUrl: `${RETURN_PAGE}?outcome=return&tidy` });
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url }, { returnUrl: `${RETURN_PAGE}?outcome=return&tidy` });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    const errors = collect(element, 'pay-error');
    await navigateFrame(hostedFrame(element)!, returnedTo(session.id, 'paid', `${RETURN_PAGE}?outcome=return&tidy`));
    expect((await complete).detail).to.include({ checkoutId: session.id, status: 'paid' });
    expect(errors, 'no session error for a page that was a return').to.have.length(0);
  });

  it('reports the status the return URL carries: reserved for a reservation', async () => {
    const session = await createSession({ product: 'bike-rental' });
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, returnedTo(session.id, 'reserved'));
    expect((await complete).detail).to.include({ checkoutId: session.id, status: 'reserved' });
  });

  it("emits pay-cancel when the checkout's cancel link brings the frame back to returnUrlCancel, removes the frame, and Pay opens a new checkout", async () => {
    const element = await paiwise({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const first = framedCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, cancelLink(first));
    await expectHosted.inlineCancel(element, await cancel, { provider: 'paiwise', sessionId: first, redirected: false, reason: 'cancel' });
    expect(await verify(first)).to.equal('canceled');
    await openCheckout(element);
    expect(framedCheckout(element)).not.to.equal(first);
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
      // Not a dead end: there is no Pay to press for a given session, so Retry loads the page again.
      await element.updateComplete;
      expect(element.status).to.equal('error');
      const again = nextError(element);
      retryButton(element)!.click();
      await waitUntil(() => hostedFrame(element), 'Retry loaded no page', { timeout: 5_000 });
      expect((await again).detail.code, 'the page never loads, again').to.equal('frame-load');
    });
  });

  it('reports pay-error session when the frame comes back to a page on this origin that is no return URL', async () => {
    // The backend created the checkout with other return URLs than the element expects: the page goes there.
    const elsewhere = `${RETURN_PAGE}?elsewhere=1`;
    const session = await createSession({ returnUrl: elsewhere });
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const completes = collect(element, 'pay-complete');
    const error = nextError(element);
    await navigateFrame(hostedFrame(element)!, returnedTo(session.id, 'paid', elsewhere));
    const { detail } = await error;
    expect(detail).to.include({ code: 'session', provider: 'paiwise' });
    expect(detail.reason).to.contain(RETURN_PAGE);
    expect(completes).to.have.length(0);
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('reports pay-error session, never pay-complete, when the frame comes back to returnUrl with a status nobody paid', async () => {
    for (const status of ['failed', 'canceled', 'revoked', 'created', 'Failed ']) {
      const session = await createSession();
      const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
      await ready(element);
      const completes = collect(element, 'pay-complete');
      const error = nextError(element);
      await navigateFrame(hostedFrame(element)!, returnedTo(session.id, status));
      expect((await error).detail.code, status).to.equal('session');
      expect(completes, status).to.have.length(0);
      element.remove();
    }
  });

  it('does not report a return naming another checkout', async () => {
    const session = await createSession();
    const element = await paiwise({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const completes = collect(element, 'pay-complete');
    const error = nextError(element);
    await navigateFrame(hostedFrame(element)!, returnedTo('0'.repeat(32), 'paid'));
    expect((await error).detail.code).to.equal('session');
    expect(completes).to.have.length(0);
    expect(await verify(session.id)).to.equal('created');
  });
});

describe('paiwise: the modal checkout (mode="modal", the default)', () => {
  it('opens a modal on Pay once the checkout page has loaded, with focus inside and the page scroll locked', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    expectHosted.modalOpen(element);
  });

  it('closes the modal and unlocks the page scroll when the frame comes back to returnUrl, emitting pay-complete', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const id = framedCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await navigateFrame(hostedFrame(element)!, returnedTo(id, 'paid'));
    expect((await complete).detail).to.deep.equal({
      provider: 'paiwise',
      sessionId: id,
      checkoutId: id,
      redirected: false,
      status: 'paid',
    });
    expectHosted.modalClosed(element, 'complete');
  });

  it("emits pay-cancel, closes the modal and returns focus to Pay when the payer follows the checkout's cancel link", async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await ready(element);
    button(element).focus();
    await openCheckout(element);
    const id = framedCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await navigateFrame(hostedFrame(element)!, cancelLink(id));
    const { detail } = await cancel;
    expect(detail).to.deep.equal({ provider: 'paiwise', sessionId: id, redirected: false, reason: 'cancel' });
    expect(await verify(id)).to.equal('canceled');
    expectHosted.modalClosed(element, 'ready', { focusOnPay: true });
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

  it('keeps the page scroll locked while any modal is open and gives the page its own back after the last (two opened from script)', async () => {
    document.documentElement.style.overflow = 'clip'; // the page's own
    try {
      const [first, second] = await Promise.all([
        paiwise({ 'session-endpoint': SESSION_ENDPOINT }),
        paiwise({ 'session-endpoint': SESSION_ENDPOINT }),
      ]);
      await Promise.all([ready(first), ready(second)]);
      for (const element of [first, second]) {
        void element.submit().catch(() => {});
        await waitUntil(() => dialog(element)?.open, 'the modal did not open', { timeout: 10_000 });
      }
      first.remove();
      expect(document.documentElement.style.overflow, 'the second modal is still open').to.equal('hidden');
      second.remove();
      expect(document.documentElement.style.overflow).to.equal('clip');
    } finally {
      document.documentElement.style.overflow = '';
    }
  });

  it('leaves the page untouched, and says nothing, when removed while the modal is open', async () => {
    const element = await paiwise({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const events = ['pay-complete', 'pay-cancel', 'pay-error'].flatMap((type) => collect(element, type as 'pay-error'));
    element.remove();
    await element.updateComplete;
    expect(document.documentElement.style.overflow).to.equal('');
    expect(!element.shadowRoot!.querySelector('dialog, iframe'), 'nothing left').to.equal(true);
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
  // frame gets a copy of the merchant page back. The test sends the frame back as the checkout would.
  const MERCHANT_PAGE = '/test/fixtures/paiwise-merchant.html';
  const merchant = useMerchantPage(MERCHANT_PAGE, 'paiwise-merchant-page');
  const { events, nextEvent } = merchant;

  it('leaves for the checkout, and back on the page re-emits pay-complete with the checkout id and status', async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    expect(redirect.url.startsWith(`${HOSTED}checkout.html?checkout_id=${redirect.sessionId}`)).to.equal(true);
    merchant.open(`?mode=redirect&paiwise=return&checkout_id=${redirect.sessionId}&status=paid`);
    const detail = await nextEvent<PaiwiseCompleteDetail>('pay-complete');
    expect(detail).to.deep.equal({
      provider: 'paiwise',
      sessionId: redirect.sessionId,
      checkoutId: redirect.sessionId,
      redirected: true,
      status: 'paid',
    });
    const page = new URLSearchParams(events('pay-complete')[0].page);
    expect(Object.fromEntries(page)).to.deep.equal({
      mode: 'redirect',
      paiwise: 'return',
      checkout_id: redirect.sessionId,
      status: 'paid',
    });
    expect(merchant.element().status).to.equal('complete');
  });

  it("re-emits pay-cancel when the checkout's cancel link brings the page back to its cancel return, and is ready to pay again", async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    await merchant.goTo(cancelLink(redirect.sessionId));
    const detail = await nextEvent<PayCancelDetail>('pay-cancel');
    expect(detail).to.deep.equal({ provider: 'paiwise', sessionId: redirect.sessionId, redirected: true, reason: 'cancel' });
    expect(new URLSearchParams(events('pay-cancel')[0].page).get('paiwise')).to.equal('cancel');
    await nextEvent('pay-ready', 1);
    expect(events('pay-complete')).to.have.length(0);
    expect(merchant.element().status).to.equal('ready');
  });

  it('does not re-emit a result whose checkout id is not the one it left for, and keeps waiting for that one', async () => {
    await merchant.load('?mode=redirect');
    const redirect = await merchant.leave();
    await merchant.load(`?mode=redirect&paiwise=return&checkout_id=${'0'.repeat(32)}&status=paid`);
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

  it('takes a return to its own URLs that carries nothing (a Paiwise adding no parameter) as the checkout it left for', async () => {
    await merchant.load('?mode=redirect');
    const paid = await merchant.leave();
    merchant.open('?mode=redirect&paiwise=return');
    expect(await nextEvent<PaiwiseCompleteDetail>('pay-complete')).to.deep.equal({
      provider: 'paiwise',
      sessionId: paid.sessionId,
      checkoutId: paid.sessionId,
      redirected: true,
    });
    await merchant.load('?mode=redirect');
    const canceled = await merchant.leave();
    merchant.open('?mode=redirect&paiwise=cancel');
    expect(await nextEvent<PayCancelDetail>('pay-cancel')).to.deep.equal({
      provider: 'paiwise',
      sessionId: canceled.sessionId,
      redirected: true,
      reason: 'cancel',
    });
    // Taken once: the same bare return again is just a page ready to pay.
    await merchant.load('?mode=redirect&paiwise=return');
    expect(events('pay-complete')).to.have.length(1);
  });

  it('takes the return when the page tidied its URL before the element read it (a router, an analytics script)', async () => {
    await merchant.load('?mode=redirect');
    const paid = await merchant.leave();
    merchant.open(`?mode=redirect&tidy&paiwise=return&checkout_id=${paid.sessionId}&status=paid`);
    expect(await nextEvent<PaiwiseCompleteDetail>('pay-complete')).to.deep.equal({
      provider: 'paiwise',
      sessionId: paid.sessionId,
      checkoutId: paid.sessionId,
      redirected: true,
      status: 'paid',
    });
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
    const id = checkoutIdOf(hosted.src);
    // The element's default return URL: the merchant page itself, with Paiwise's parameters added.
    await navigateFrame(hosted, `${MERCHANT_PAGE}?mode=iframe&paiwise=return&checkout_id=${id}&status=paid`);
    const detail = await nextEvent<PaiwiseCompleteDetail>('pay-complete');
    expect(detail).to.deep.equal({ provider: 'paiwise', sessionId: id, checkoutId: id, redirected: false, status: 'paid' });
    expect(element.status).to.equal('complete');
    expect(!element.shadowRoot!.querySelector('iframe'), 'the frame is gone').to.equal(true);
    expect(events('pay-complete')).to.have.length(1);
  });
});

const CHECKOUT_URL = `${HOSTED}checkout.html?checkout_id=${'a'.repeat(32)}`;

describeHostedCheckout(
  {
    provider: 'paiwise',
    element: (attributes) => paiwise(attributes),
    sessionEndpoint: SESSION_ENDPOINT,
    hostedPrefix: HOSTED,
    createSession: () => createSession(),
    complete: (element, id) => navigateFrame(hostedFrame(element)!, returnedTo(id, 'paid')),
  },
  {
    refused: [
      ['a session-id without session-url', { 'session-id': 'a'.repeat(32) }, 'config'],
      ['a checkout id that is not URL-safe', { 'session-id': 'a/b', 'session-url': CHECKOUT_URL }, 'config'],
      ['a session-url naming no checkout', { 'session-url': `${HOSTED}checkout.html` }, 'config'],
      ['a session-id and session-url naming different checkouts', { 'session-id': 'b'.repeat(32), 'session-url': CHECKOUT_URL }, 'config'],
      ['no session at all', {}, 'config'],
      ['mode="embedded"', { mode: 'embedded', 'session-url': CHECKOUT_URL }, 'config'],
      ['an API key as session id', { 'session-id': 'paiwise_sandbox_demo', 'session-url': CHECKOUT_URL }, 'insecure-config'],
      [
        'a checkout URL on a foreign host',
        { 'session-url': 'https://api.paiwise.com.evil.example/pay?checkout_id=abc' },
        'insecure-config',
      ],
      ['a javascript: session-url', { 'session-url': 'javascript:alert(1)' }, 'insecure-config'],
      ['an http Paiwise URL', { 'session-url': 'http://api.paiwise.com/pay?checkout_id=abc' }, 'insecure-config'],
      ['a session endpoint on a foreign origin', { 'session-endpoint': 'https://evil.example/session' }, 'insecure-config'],
    ],
    answers: {
      foreign: { id: 'abc', url: 'https://evil.example/pay?checkout_id=abc' },
      unusable: ['an id and a URL naming different checkouts', { id: 'abc', url: `${HOSTED}checkout.html?checkout_id=def` }],
    },
    badSessionId: 'abc',
  },
);

describe('paiwise: origins the page did not allow', () => {
  it('refuses the sandbox checkout when the page did not allow its origin from script', async () => {
    // The same URL on another spelling of the sandbox host: not the origin this test page allowed.
    const element = setAttributes(document.createElement('pay-checkout'), {
      provider: 'paiwise',
      mode: 'iframe',
      'session-url': CHECKOUT_URL.replace('127.0.0.1', 'localhost'),
    });
    await checkErrorOnConnect(element, ({ detail }) => {
      expect(detail.code).to.equal('insecure-config');
      expect(!hostedFrame(element), 'no checkout frame').to.equal(true);
    });
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
