// Reepay through <pay-checkout>, the adapter against the frame protocol: the sandbox's hosted checkout on the
// other origin in an inline frame and in a modal, its messages sent from the element's own frame on the
// checkout origin (the page's `sandbox_echo` switch) instead of a person paying in it; sessions from
// attributes and from the merchant's endpoint, and what is refused before anything loads. A person paying in
// the real page is the end-to-end tier's (test/e2e/reepay.test.ts); the page itself is test/sandbox's.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { PayCheckout, type PayCheckoutError, type ReepayCompleteDetail } from '../../src/index.js';
import { button, collect, message, nextError, nextEvent, ready, setAttributes, sleep, windowListeners } from '../helpers.js';
import {
  describeHostedCheckout,
  expectHosted,
  expectVetoedRedirect,
  hostedDialog as dialog,
  hostedFrame,
  openHostedCheckout as openCheckout,
  requestsTo,
  withTimeouts,
} from '../hosted-helpers.js';
import { CHECKOUT, EVENT, SESSION_ENDPOINT, acceptInCheckout, createSession, eventFromCheckout, reepay } from '../reepay-helpers.js';

const SAVED_CARD = `ca_${'5e'.repeat(16)}`;

const checkoutRequests = () => requestsTo(CHECKOUT);

describe('reepay: the inline checkout (mode="iframe")', () => {
  it('frames the embedded checkout for a given session-url at once, with no Pay button of its own', async () => {
    const session = await createSession();
    const requests = checkoutRequests();
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    expect(checkoutRequests(), 'the checkout page request is seen').to.be.greaterThan(requests);
    const frame = expectHosted.inlineFrame(element);
    expect(frame.src.startsWith(CHECKOUT)).to.equal(true);
    expect(new URL(frame.src).hash).to.equal('#/checkout/preload');
  });

  it('keeps the framed checkout, and what the payer typed in it, when the page shows a new amount', async () => {
    const session = await createSession();
    const element = await reepay({ mode: 'iframe', 'session-url': session.url, amount: '9900', currency: 'DKK' });
    await ready(element);
    const frame = hostedFrame(element);
    const requests = checkoutRequests();
    const readies = collect(element, 'pay-ready');
    element.amount = 12_500;
    await element.updateComplete;
    // Compared by identity, not by chai's equal: a failure message must not try to print a cross-origin frame.
    expect(hostedFrame(element) === frame, 'the same frame').to.equal(true);
    expect(checkoutRequests(), 'the checkout page was not loaded again').to.equal(requests);
    expect(readies).to.have.length(0);
    expect(element.status).to.equal('ready');
  });

  it("emits pay-complete with the handles of the checkout's Accept, and removes the frame", async () => {
    const session = await createSession();
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    await acceptInCheckout(element, session.id, { invoice: 'order-1234abcd' });
    expectHosted.inlineComplete(element, await complete, {
      provider: 'reepay',
      sessionId: session.id,
      redirected: false,
      invoice: 'order-1234abcd',
      customer: 'demo-customer',
      subscription: null,
      paymentMethod: null,
    });
  });

  it("opens on Pay the checkout that session-endpoint created from the element's payload", async () => {
    const element = await reepay({ mode: 'iframe', 'session-endpoint': SESSION_ENDPOINT });
    // The demo backend makes a subscription session of this payload: the element frames the subscription checkout.
    element.payload = { kind: 'subscription', customer: 'payload-customer' };
    await ready(element);
    expect(!hostedFrame(element), 'nothing framed before Pay').to.equal(true);
    await openCheckout(element);
    expect(new URL(hostedFrame(element)!.src).hash).to.equal('#/subscription/preload');
  });

  it('emits pay-cancel when the checkout sends Cancel, removes the frame, and Pay opens the checkout again', async () => {
    const session = await createSession();
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await eventFromCheckout(element, EVENT.cancel, { id: session.id });
    await expectHosted.inlineCancel(element, await cancel, {
      provider: 'reepay',
      sessionId: session.id,
      reason: 'cancel',
      redirected: false,
    });
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await acceptInCheckout(element, session.id);
    expect((await complete).detail.sessionId).to.equal(session.id);
  });

  it('tears the frame down when the checkout sends Close, and is ready again', async () => {
    const element = await reepay({ mode: 'iframe', 'session-url': (await createSession()).url });
    await ready(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await eventFromCheckout(element, EVENT.close);
    expect((await cancel).detail.reason).to.equal('close');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    expect(element.status).to.equal('ready');
  });

  it("reports pay-error session with Reepay's error when the session has expired", async () => {
    const session = await createSession({ ttl: 'PT1S' });
    await sleep(1100); // the session's one second of life, on the sandbox's clock
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'session', reason: 'error.session.expired', recoverable: true, provider: 'reepay' });
    expect(element.status).to.equal('error');
    await element.updateComplete;
    expect(message(element)).to.equal('The payment session could not be completed.');
    expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
  });

  it('reports frame-load when the checkout page never loads', async () => {
    const { id } = await createSession();
    await withTimeouts({ mount: 500 }, async () => {
      const element = await reepay({ mode: 'iframe', 'session-url': `${CHECKOUT}?sandbox_fault=hang#/${id}` });
      const { detail } = await nextError(element);
      expect(detail.code).to.equal('frame-load');
      expect(!hostedFrame(element), 'the frame is gone').to.equal(true);
    });
  });
});

describe('reepay: the modal checkout (mode="modal", the default)', () => {
  it('opens a modal on Pay once the checkout sends Open, with focus inside and the page scroll locked', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    expectHosted.modalOpen(element);
    expect(new URL(hostedFrame(element)!.src).hash).to.equal('#/preload');
  });

  it('closes the modal and unlocks the page scroll on Accept, emitting pay-complete', async () => {
    const session = await createSession();
    const element = await reepay({ 'session-url': session.url });
    await openCheckout(element);
    const complete = oneEvent(element, 'pay-complete');
    await acceptInCheckout(element, session.id);
    expect((await complete).detail.sessionId).to.equal(session.id);
    expectHosted.modalClosed(element, 'complete');
  });

  it('closes the modal and returns focus to Pay when the checkout sends Cancel (the payer pressed Escape in it)', async () => {
    const session = await createSession();
    const element = await reepay({ 'session-url': session.url });
    await ready(element);
    button(element).focus();
    await openCheckout(element);
    const cancel = oneEvent(element, 'pay-cancel');
    await eventFromCheckout(element, EVENT.cancel, { id: session.id });
    expect((await cancel).detail.reason).to.equal('cancel');
    expectHosted.modalClosed(element, 'ready', { focusOnPay: true });
  });

  it('reports an expired session as pay-error session before the modal opens, and stays usable', async () => {
    const session = await createSession({ ttl: 'PT1S' });
    await sleep(1100); // the session's one second of life, on the sandbox's clock
    const element = await reepay({ 'session-url': session.url });
    await ready(element);
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'session', reason: 'error.session.expired', recoverable: true });
    expect(element.status).to.equal('ready');
    expect(!dialog(element), 'no modal').to.equal(true);
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
  it("reports the saved card of a recurring session's Accept as paymentMethod, with no invoice", async () => {
    const session = await createSession({ kind: 'recurring' });
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    const complete = oneEvent(element, 'pay-complete');
    await acceptInCheckout(element, session.id, { invoice: undefined, payment_method: SAVED_CARD });
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail).to.include({ sessionId: session.id, customer: 'demo-customer', invoice: null, paymentMethod: SAVED_CARD });
  });

  it('opens a subscription session in the subscription checkout and reports the subscription', async () => {
    const session = await createSession({ kind: 'subscription' });
    expect(session.url).to.contain('#/subscription/cs_');
    const element = await reepay({ mode: 'iframe', 'session-url': session.url });
    await ready(element);
    expect(new URL(hostedFrame(element)!.src).hash).to.equal('#/subscription/preload');
    const complete = oneEvent(element, 'pay-complete');
    await acceptInCheckout(element, session.id, { invoice: undefined, subscription: 'sub-0001', payment_method: SAVED_CARD });
    const detail = (await complete).detail as ReepayCompleteDetail;
    expect(detail).to.include({ subscription: 'sub-0001', paymentMethod: SAVED_CARD });
  });
});

const SESSION_ID = `cs_${'a'.repeat(32)}`;

describeHostedCheckout(
  {
    provider: 'reepay',
    element: (attributes) => reepay(attributes),
    sessionEndpoint: SESSION_ENDPOINT,
    hostedPrefix: CHECKOUT,
    createSession: () => createSession(),
    complete: (element, id) => acceptInCheckout(element, id),
  },
  {
    refused: [
      ['a session id that is not Reepay-shaped', { 'session-id': 'cs_123' }, 'config'],
      ['a session id with upper-case hex', { 'session-id': `cs_${'A'.repeat(32)}` }, 'config'],
      ['a session-url naming no session', { 'session-url': 'https://checkout.reepay.com/#/checkout/nope/x' }, 'config'],
      [
        'a session-id and session-url naming different sessions',
        { 'session-id': SESSION_ID, 'session-url': `https://checkout.reepay.com/#/cs_${'b'.repeat(32)}` },
        'config',
      ],
      ['no session at all', {}, 'config'],
      ['mode="embedded"', { mode: 'embedded', 'session-id': SESSION_ID }, 'config'],
      ['an unknown mode', { mode: 'popup', 'session-id': SESSION_ID }, 'config'],
      ['a private key as session id', { 'session-id': 'priv_0123456789abcdef0123456789abcdef' }, 'insecure-config'],
      [
        'a checkout URL on a foreign host',
        { 'session-url': `https://checkout.reepay.com.evil.example/#/${SESSION_ID}` },
        'insecure-config',
      ],
      ['a javascript: session-url', { 'session-url': 'javascript:alert(1)' }, 'insecure-config'],
      ['an http checkout URL', { 'session-url': `http://checkout.reepay.com/#/${SESSION_ID}` }, 'insecure-config'],
      [
        'the staging checkout in production',
        { environment: 'production', 'session-url': `https://staging-checkout.reepay.com/#/${SESSION_ID}` },
        'insecure-config',
      ],
      ['a session endpoint on a foreign origin', { 'session-endpoint': 'https://evil.example/session' }, 'insecure-config'],
    ],
    answers: {
      foreign: { id: `cs_${'c'.repeat(32)}`, url: `https://evil.example/#/cs_${'c'.repeat(32)}` },
      unusable: ['a session id that is not Reepay-shaped', { id: 'cs_1', url: `${CHECKOUT}#/cs_1` }],
    },
    badSessionId: 'cs_1',
  },
);

describe('reepay: submit() answers the payment, whatever its listeners do', () => {
  const closeControl = (element: PayCheckout) => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!;
  const sessionPosts = () => requestsTo(`${location.origin}${SESSION_ENDPOINT}`);

  it('resolves with the completed payment when a pay-complete listener swaps the element for a thank-you', async () => {
    const session = await createSession();
    const element = await reepay({ 'session-url': session.url });
    await openCheckout(element);
    const answer = element.submit();
    const completes = collect(element, 'pay-complete');
    element.addEventListener('pay-complete', () => element.replaceWith('Thank you'), { once: true });
    await acceptInCheckout(element, session.id);
    expect(await answer).to.include({ provider: 'reepay', sessionId: session.id });
    expect(completes).to.have.length(1);
  });

  it('answers a submit() made in a pay-cancel listener with the new checkout, not the canceled one', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const first = element.submit();
    // Wrapped: a promise resolved with a promise would wait for it.
    const again = new Promise<{ answer: Promise<unknown> }>((resolve) =>
      element.addEventListener('pay-cancel', () => resolve({ answer: element.submit() }), { once: true }),
    );
    closeControl(element).click();
    expect(await first).to.include({ canceled: true, reason: 'cancel' });
    const { answer: second } = await again;
    expect(second, 'another payment, another answer').to.not.equal(first);
    await waitUntil(() => dialog(element)?.open && !hostedFrame(element)!.hidden, 'no new checkout', { timeout: 10_000 });
    const answered = collect(element, 'pay-cancel');
    closeControl(element).click();
    expect(await second).to.include({ canceled: true, reason: 'cancel' });
    expect(answered).to.have.length(1);
  });

  it('opens no second checkout for a submit() made while the payer closes the open one', async () => {
    const element = await reepay({ 'session-endpoint': SESSION_ENDPOINT });
    await openCheckout(element);
    const before = sessionPosts();
    const answer = element.submit();
    closeControl(element).click();
    expect(await answer).to.include({ canceled: true, reason: 'cancel' });
    await sleep(1500); // a window in which a second checkout would have been asked for and opened
    expect(sessionPosts() - before, 'no session created').to.equal(0);
    expect(dialog(element), 'no modal').to.equal(null);
    expect(element.status).to.equal('ready');
  });
});

describe('reepay: redirect mode in this page', () => {
  it('emits a cancelable pay-redirect with the session URL; canceled, the page stays and Pay works again', async () => {
    const session = await createSession();
    const element = await reepay({ mode: 'redirect', 'session-url': session.url });
    await expectVetoedRedirect(element, { provider: 'reepay', sessionId: session.id, url: session.url });
  });

  it('comes back to ready with one pay-error timeout when the navigation never leaves the page (a 204, a download)', () =>
    withTimeouts({ submit: 500 }, async () => {
      const here = location.href;
      // The "checkout" is this page with a fragment: going there leaves nothing, as a 204 answer would.
      PayCheckout.allowOrigins([location.origin]);
      const url = `${here.replace(/#.*/, '')}#/cs_${'ab'.repeat(16)}`;
      const element = await reepay({ mode: 'redirect', 'session-url': url });
      await ready(element);
      const errors = collect(element, 'pay-error');
      try {
        const failure = await element.submit().then(
          () => expect.fail('submit() resolved'),
          (error: PayCheckoutError) => error,
        );
        expect(failure.code).to.equal('timeout');
        await element.updateComplete;
        expect(errors.map(({ detail }) => detail.code)).to.deep.equal(['timeout']);
        expect(element.status).to.equal('ready');
        expect(message(element)).to.equal('The payment provider took too long to answer. Please try again.');
        expect(button(element).disabled, 'Pay works again').to.equal(false);
      } finally {
        sessionStorage.clear();
        history.replaceState(null, '', here);
      }
    }));

  it('comes back to ready with pay-cancel when the payer goes Back from the checkout to this page as the browser kept it', async () => {
    const here = location.href;
    PayCheckout.allowOrigins([location.origin]);
    const id = `cs_${'cd'.repeat(16)}`;
    const element = await reepay({ mode: 'redirect', 'session-url': `${here.replace(/#.*/, '')}#/${id}` });
    await ready(element);
    try {
      const answer = element.submit();
      await waitUntil(() => element.status == 'redirecting', 'never redirecting', { timeout: 10_000 });
      const canceled = oneEvent(element, 'pay-cancel');
      // What the back/forward cache does: the page is shown again, as it was when the payer left.
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect((await canceled).detail).to.deep.equal({ provider: 'reepay', sessionId: id, redirected: true, reason: 'cancel' });
      expect(await answer).to.include({ canceled: true, sessionId: id });
      await element.updateComplete;
      expect(element.status).to.equal('ready');
      // The session is still open at Reepay: a Forward to it and a payment there come back to a page that takes it.
      const record = JSON.parse(sessionStorage.getItem('pay-checkout:redirect:reepay')!) as { id: string };
      expect(record.id, 'the record stays for a Forward to the checkout').to.equal(id);
      // No accept_url was named: Reepay's parameters tell the return.
      history.replaceState(null, '', `?id=${id}&invoice=order-1&customer=c-1`);
      const returned = setAttributes(document.createElement('pay-checkout'), {
        provider: 'reepay',
        environment: 'sandbox',
        mode: 'redirect',
        'session-url': `${here.replace(/#.*/, '')}#/${id}`,
      });
      const completed = nextEvent(returned, 'pay-complete');
      document.body.append(returned);
      const complete = await completed.finally(() => returned.remove());
      expect(complete.detail).to.include({ provider: 'reepay', sessionId: id, invoice: 'order-1', redirected: true });
    } finally {
      sessionStorage.clear();
      history.replaceState(null, '', here);
    }
  });

  it('comes back to ready saying nothing when Back brings it to this page after a return page took the outcome', async () => {
    const here = location.href;
    PayCheckout.allowOrigins([location.origin]);
    const id = `cs_${'ce'.repeat(16)}`;
    const element = await reepay({ mode: 'redirect', 'session-url': `${here.replace(/#.*/, '')}#/${id}` });
    await ready(element);
    const cancels = collect(element, 'pay-cancel');
    try {
      const answer = element.submit();
      await waitUntil(() => element.status == 'redirecting', 'never redirecting', { timeout: 10_000 });
      // The payer paid, the accept page took the record and said pay-complete; then Back past the checkout.
      sessionStorage.removeItem('pay-checkout:redirect:reepay');
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(await answer).to.deep.equal({ canceled: true, provider: 'reepay', reason: 'interrupted' });
      await element.updateComplete;
      expect(element.status).to.equal('ready');
      expect(cancels, 'no pay-cancel for a payment a return page reported').to.have.length(0);
    } finally {
      sessionStorage.clear();
      history.replaceState(null, '', here);
    }
  });

  it('leaves for the checkout when a pay-redirect listener removes the element without preventing it', async () => {
    const here = location.href;
    PayCheckout.allowOrigins([location.origin]);
    const id = `cs_${'cf'.repeat(16)}`;
    const element = await reepay({ mode: 'redirect', 'session-url': `${here.replace(/#.*/, '')}#/${id}` });
    await ready(element);
    // A page that shows "Taking you to the payment page…" in the element's place.
    element.addEventListener('pay-redirect', () =>
      element.replaceWith(Object.assign(document.createElement('p'), { textContent: 'Taking you to the payment page…' })),
    );
    try {
      button(element).click();
      await waitUntil(() => location.hash == `#/${id}`, 'the page never left for the checkout', { timeout: 10_000 });
      expect(JSON.parse(sessionStorage.getItem('pay-checkout:redirect:reepay')!).id, 'the return will be recognised').to.equal(id);
    } finally {
      sessionStorage.clear();
      history.replaceState(null, '', here);
    }
  });

  it('gives a redirect result only to an element in redirect mode, not to a modal before it on the page', async () => {
    const here = location.href;
    const id = `cs_${'ef'.repeat(16)}`;
    const at = (query: string) => Object.assign(new URL(here), { search: query, hash: '' }).href;
    // This tab left for Reepay session `id` from the redirect element, and is back at its accept URL.
    sessionStorage.setItem(
      'pay-checkout:redirect:reepay',
      JSON.stringify({ id, at: Date.now(), accept: at('?reepay=accept'), cancel: at('?reepay=cancel') }),
    );
    history.replaceState(null, '', at(`?reepay=accept&id=${id}&invoice=order-1&customer=c-1`));
    const completes: string[] = [];
    const elements = ['modal', 'redirect'].map((mode) => {
      const element = Object.assign(document.createElement('pay-checkout'), {
        provider: 'reepay',
        environment: 'sandbox',
        mode,
        sessionEndpoint: SESSION_ENDPOINT,
      } as Partial<PayCheckout>);
      element.addEventListener('pay-complete', () => completes.push(mode));
      return element;
    });
    try {
      document.body.append(...elements);
      await waitUntil(() => completes.length && elements[0]!.status == 'ready', 'no pay-complete', { timeout: 10_000 });
      expect(completes).to.deep.equal(['redirect']);
      expect(elements[1]!.status).to.equal('complete');
    } finally {
      elements.forEach((element) => element.remove());
      sessionStorage.clear();
      history.replaceState(null, '', here);
    }
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
