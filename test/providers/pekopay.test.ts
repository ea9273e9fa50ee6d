// PekoPay through <pay-checkout>: the sandbox SDK, its card frame on the other origin, real tokens.
import { expect, oneEvent } from '@open-wc/testing';
import { inFrame } from '../frame-command.js';
import { PayCheckout, PayTokenEvent, type PayTokenEvent as TokenEvent } from '../../src/index.js';
import {
  CARDS,
  SDK_URL,
  TOKEN_URL,
  button,
  cardFrame,
  configurePekopay,
  countInCardFrame,
  collect,
  fetchToken,
  message,
  nestShadowRoots,
  nextError,
  pekopay,
  ready,
  sleep,
  typeCard,
  windowListeners,
} from '../helpers.js';

const pay = async (element: PayCheckout): Promise<TokenEvent> => {
  const token = oneEvent(element, 'pay-token');
  button(element).click();
  return token;
};

describe('pekopay: paying with the hosted card fields', () => {
  it('emits pay-token with the token and card when the token comes from token-url', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element, { number: CARDS.visa });
    const event = await pay(element);
    expect(event).to.be.instanceOf(PayTokenEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.provider).to.equal('pekopay');
    expect(event.detail.paymentToken).to.match(/^sess_[0-9a-f]{32}$/);
    expect(event.detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
    expect(event.detail.savedCard).to.equal(false);
    expect(event.detail.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(element.status).to.equal('complete');
    expect(element.getAttribute('status')).to.equal('complete');
  });

  it('emits pay-token when the token is given as session-token', async () => {
    const sessionToken = await fetchToken();
    const element = await pekopay({ 'token-url': null, 'session-token': sessionToken });
    await ready(element);
    await typeCard(element, { number: CARDS.mastercard });
    const event = await pay(element);
    expect(event.detail.paymentToken).to.equal(sessionToken);
    expect(event.detail.card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
  });

  it('emits pay-token when the token comes from a sessionTokenProvider function', async () => {
    const element = document.createElement('pay-checkout');
    let calls = 0;
    element.sessionTokenProvider = () => (calls++, fetchToken());
    Object.assign(element, { provider: 'pekopay', environment: 'sandbox', sdkUrl: SDK_URL, amount: 1500, currency: 'CAD' });
    document.body.append(element);
    try {
      await ready(element);
      await typeCard(element, { number: CARDS.amex });
      const event = await pay(element);
      expect(event.detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
      expect(calls).to.equal(1);
    } finally {
      element.remove();
    }
  });

  it('uses an injected PekoCheckoutForm before sdk-url (property, static, then global)', async () => {
    const { PekoCheckoutForm } = await import(/* @vite-ignore */ SDK_URL);
    // No sdk-url: the default would be jsDelivr, which this machine cannot reach, so readiness proves injection.
    const byProperty = document.createElement('pay-checkout');
    byProperty.pekoCheckoutForm = PekoCheckoutForm;
    Object.assign(byProperty, { provider: 'pekopay', environment: 'sandbox', tokenUrl: TOKEN_URL });
    document.body.append(byProperty);
    await ready(byProperty);
    byProperty.remove();

    PayCheckout.pekoCheckoutForm = PekoCheckoutForm;
    try {
      const byStatic = await pekopay({ 'sdk-url': null });
      await ready(byStatic);
    } finally {
      PayCheckout.pekoCheckoutForm = undefined;
    }

    (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm = PekoCheckoutForm;
    try {
      const byGlobal = await pekopay({ 'sdk-url': null });
      await ready(byGlobal);
      await typeCard(byGlobal);
      expect((await pay(byGlobal)).detail.card?.last4).to.equal('4242');
    } finally {
      delete (globalThis as { PekoCheckoutForm?: unknown }).PekoCheckoutForm;
    }
  });

  it('pays when the payer presses Enter inside the card fields', async () => {
    const element = await pekopay();
    await ready(element);
    const token = oneEvent(element, 'pay-token');
    await typeCard(element, {}, 'Enter');
    expect((await token).detail.card?.last4).to.equal('4242');
    expect(element.status).to.equal('complete');
  });
});

describe('pekopay: the Pay button', () => {
  it('shows the formatted amount and is disabled until the fields are ready', async () => {
    const element = await pekopay();
    expect(button(element).textContent!.trim()).to.equal('Pay CA$99.00');
    expect(element.status).to.equal('loading');
    expect(button(element).disabled).to.equal(true);
    await ready(element);
    expect(button(element).disabled).to.equal(false);
  });

  it('formats other currencies and locales, and says "Pay" without an amount', async () => {
    const yen = await pekopay({ amount: '5000', currency: 'JPY' });
    expect(button(yen).textContent!.trim()).to.equal('Pay ¥5,000');
    const danish = await pekopay({ amount: '12550', currency: 'DKK', locale: 'da' });
    expect(button(danish).textContent!.replace(/\s/g, ' ').trim()).to.equal('Pay 125,50 kr.');
    const bare = await pekopay({ amount: null, currency: null });
    expect(button(bare).textContent!.trim()).to.equal('Pay');
  });

  it('is aria-disabled while submitting (still focusable), and rapid clicks and submit() calls produce one token', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element, { number: CARDS.slow });
    const tokens = collect(element, 'pay-token');
    for (let i = 0; i < 5; i++) button(element).click();
    void element.submit();
    void element.submit();
    await element.updateComplete;
    expect(element.status).to.equal('submitting');
    expect(button(element).getAttribute('aria-disabled')).to.equal('true');
    expect(button(element).disabled).to.equal(false);
    await oneEvent(element, 'pay-token');
    await sleep(500);
    expect(tokens).to.have.length(1);
    expect(button(element).disabled).to.equal(true);
  });

  it('goes idle → loading → ready → submitting → complete, reflected in the status attribute', async () => {
    const element = document.createElement('pay-checkout');
    const seen: string[] = [];
    new MutationObserver(() => seen.push(element.getAttribute('status')!)).observe(element, {
      attributeFilter: ['status'],
    });
    Object.assign(element, { provider: 'pekopay', environment: 'sandbox', sdkUrl: SDK_URL, tokenUrl: TOKEN_URL });
    expect(element.status).to.equal('idle');
    document.body.append(element);
    try {
      await ready(element);
      await typeCard(element);
      await pay(element);
      await element.updateComplete;
      expect(seen.filter((status, i) => status !== seen[i - 1])).to.deep.equal([
        'loading',
        'ready',
        'submitting',
        'complete',
      ]);
    } finally {
      element.remove();
    }
  });

  it('hides the built-in button with hide-submit, and the host pays with submit()', async () => {
    const element = await pekopay({ 'hide-submit': '' });
    expect(element.shadowRoot!.querySelector('button')).to.equal(null);
    await ready(element);
    await typeCard(element);
    const token = oneEvent(element, 'pay-token');
    await element.submit();
    expect((await token).detail.card?.last4).to.equal('4242');
  });

  it('takes its label from the button-label slot', async () => {
    const element = await pekopay();
    const label = Object.assign(document.createElement('span'), { slot: 'button-label', textContent: 'Place order' });
    element.append(label);
    const slot = button(element).querySelector('slot')!;
    expect(slot.assignedElements()).to.deep.equal([label]);
  });

  it('ignores submit() before the fields are ready', async () => {
    const element = await pekopay();
    const errors = collect(element, 'pay-error');
    await element.submit();
    expect(element.status).to.equal('loading');
    await ready(element);
    expect(errors).to.have.length(0);
  });
});

describe('pekopay: field states and card errors', () => {
  it('emits pay-change with field validity and the detected brand', async () => {
    const element = await pekopay();
    await ready(element);
    const changes = collect(element, 'pay-change');
    await typeCard(element, { number: '4242 42', expiry: '', cvc: '', name: '' });
    await sleep(100);
    const partial = changes.at(-1)!.detail;
    expect(partial.provider).to.equal('pekopay');
    expect(partial.complete).to.equal(false);
    expect(partial.cardType).to.equal('VISA');
    expect(partial.fields.cardNumber?.valid).to.equal(false);
    await typeCard(element);
    await sleep(100);
    const complete = changes.at(-1)!.detail;
    expect(complete.complete).to.equal(true);
    expect(Object.values(complete.fields).every((field) => field.valid)).to.equal(true);
  });

  it('reports validation when submitted incomplete, shows it, and stays usable', async () => {
    const element = await pekopay();
    await ready(element);
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail.code).to.equal('validation');
    expect(detail.recoverable).to.equal(true);
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(message(element)).to.equal('Please check your card details.');
    expect(await countInCardFrame(element, '[aria-invalid="true"]')).to.be.greaterThan(0);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
    expect(message(element)).to.equal('');
  });

  it('reports tokenize when the provider cannot be reached to tokenize, and stays usable', async () => {
    const element = await pekopay({ 'sdk-url': `${SDK_URL}?tokenize_fault=500` });
    await ready(element);
    await typeCard(element);
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'tokenize', recoverable: true });
    expect(detail.reason).to.contain('network_error');
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(message(element)).to.equal('Your card details could not be processed. Please try again.');
  });

  it('reports timeout when tokenizing takes longer than the limit, then emits the late token once', async () => {
    const saved = { ...PayCheckout.timeouts };
    PayCheckout.timeouts.submit = 500;
    try {
      const element = await pekopay();
      await ready(element);
      await typeCard(element, { number: CARDS.slow });
      const tokens = collect(element, 'pay-token');
      const error = nextError(element);
      button(element).click();
      expect((await error).detail).to.include({ code: 'timeout', recoverable: true });
      expect(element.status).to.equal('ready');
      await element.updateComplete;
      expect(message(element)).to.equal('The payment provider took too long to answer. Please try again.');
      // Paying again joins the tokenization still in flight: one token, never two.
      button(element).click();
      await oneEvent(element, 'pay-token');
      await sleep(300);
      expect(tokens).to.have.length(1);
      expect(element.status).to.equal('complete');
    } finally {
      Object.assign(PayCheckout.timeouts, saved);
    }
  });

  it('reports a declined card with pay-error declined, then pays with another card', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element, { number: CARDS.declined });
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'declined', recoverable: true, provider: 'pekopay' });
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(message(element)).to.equal('Your card was declined. Please use another card.');
    expect(element.shadowRoot!.querySelector('[part="message"]')!.getAttribute('role')).to.equal('alert');
    await typeCard(element, { number: CARDS.mastercard });
    expect((await pay(element)).detail.card?.last4).to.equal('4444');
  });
});

describe('pekopay: loading failures', () => {
  it('reports sdk-load when sdk-url answers 404', async () => {
    const element = await pekopay({ 'sdk-url': `${SDK_URL}?sandbox_fault=404` });
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(element.status).to.equal('error');
    await element.updateComplete;
    expect(message(element)).to.equal('The secure payment form could not be loaded.');
    expect(button(element).disabled).to.equal(true);
  });

  it('reports sdk-load when the SDK calls onLoadError (unknown session token)', async () => {
    const element = await pekopay({ 'token-url': null, 'session-token': 'sess_00000000000000000000000000000000' });
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(detail.reason).to.contain('invalid_session_token');
    expect(element.querySelector('iframe')).to.equal(null);
  });

  it('reports sdk-load when the SDK module does not answer in time', async () => {
    const saved = { ...PayCheckout.timeouts };
    PayCheckout.timeouts.sdk = 300;
    try {
      const element = await pekopay({ 'sdk-url': `${SDK_URL}?sandbox_fault=hang` });
      const { detail } = await nextError(element);
      expect(detail.code).to.equal('sdk-load');
      expect(detail.reason).to.contain('timed out');
    } finally {
      Object.assign(PayCheckout.timeouts, saved);
    }
  });

  it('reports token-fetch, recoverable, when the token endpoint keeps answering 500', async () => {
    const element = await pekopay({ 'token-url': `${TOKEN_URL}?sandbox_fault=500` });
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'token-fetch', recoverable: true });
    expect(element.status).to.equal('error');
    await element.updateComplete;
    expect(message(element)).to.equal('The payment session could not be started. Please try again.');
  });

  it('reports token-fetch when the token endpoint answers something that is not a token', async () => {
    for (const fault of ['malformed', 'missing']) {
      const element = await pekopay({ 'token-url': `${TOKEN_URL}?sandbox_fault=${fault}` });
      expect((await nextError(element)).detail.code, fault).to.equal('token-fetch');
    }
  });
});

describe('pekopay: token expiry and reset', () => {
  it('refreshes an expired token through sessionTokenProvider before tokenizing, and emits the fresh one', async () => {
    const issued: string[] = [];
    const element = document.createElement('pay-checkout');
    element.sessionTokenProvider = async () => {
      const token = await fetchToken('?ttl=1');
      issued.push(token);
      return token;
    };
    Object.assign(element, { provider: 'pekopay', environment: 'sandbox', sdkUrl: SDK_URL });
    document.body.append(element);
    try {
      await ready(element);
      await typeCard(element);
      await sleep(1200);
      const event = await pay(element);
      expect(issued).to.have.length(2);
      expect(event.detail.paymentToken).to.equal(issued[1]);
      expect(event.detail.paymentToken).to.not.equal(issued[0]);
    } finally {
      element.remove();
    }
  });

  it('reports token-expired when the token expired and nothing can refresh it', async () => {
    const element = await pekopay({ 'token-url': null, 'session-token': await fetchToken('?ttl=1') });
    await ready(element);
    await typeCard(element);
    await sleep(1200);
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code).to.equal('token-expired');
  });

  it('reset() starts over with a fresh token, never the used one', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element);
    const first = await pay(element);
    element.reset();
    await element.updateComplete;
    expect(element.status).to.equal('loading');
    await ready(element);
    await typeCard(element, { number: CARDS.mastercard });
    const second = await pay(element);
    expect(second.detail.paymentToken).to.not.equal(first.detail.paymentToken);
    expect(second.detail.idempotencyKey).to.not.equal(first.detail.idempotencyKey);
    expect(element.querySelectorAll('iframe')).to.have.length(1);
  });

  it('does not reuse a used session-token after reset(): it reports token-expired', async () => {
    const element = await pekopay({ 'token-url': null, 'session-token': await fetchToken() });
    await ready(element);
    await typeCard(element);
    await pay(element);
    const error = nextError(element);
    element.reset();
    expect((await error).detail.code).to.equal('token-expired');
  });
});

describe('pekopay: removal mid-flow', () => {
  it('leaves no frame and no window listener behind when removed while loading or submitting', async () => {
    const before = await windowListeners('message');
    const loading = await pekopay();
    loading.remove();

    const submitting = await pekopay();
    await ready(submitting);
    expect(await windowListeners('message')).to.be.greaterThan(before);
    await typeCard(submitting, { number: CARDS.slow });
    const tokens = collect(submitting, 'pay-token');
    const errors = collect(submitting, 'pay-error');
    button(submitting).click();
    await sleep(50);
    submitting.remove();
    await sleep(3500);
    expect(tokens).to.have.length(0);
    expect(errors).to.have.length(0);
    expect(document.querySelectorAll('iframe')).to.have.length(0);
    expect(submitting.children).to.have.length(0);
    expect(submitting.status).to.equal('idle');
    expect(await windowListeners('message')).to.equal(before);
  });

  it('mounts again when re-added after removal', async () => {
    const element = await pekopay();
    await ready(element);
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    await ready(element);
    expect(cardFrame(element)).to.exist;
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
  });
});

describe('pekopay: accessibility', () => {
  it('is accessible while ready, with invalid card details, and in an error state; so are the hosted fields', async () => {
    const element = await pekopay();
    await ready(element);
    await expect(element).to.be.accessible();
    await typeCard(element, { number: '4242', expiry: '01/20', cvc: '', name: '' });
    button(element).click();
    await nextError(element);
    await expect(element).to.be.accessible();
    // The hosted fields themselves, with their inline errors showing: axe inside the cross-origin frame.
    expect(await inFrame(cardFrame(element).name, { axe: true })).to.deep.equal([]);
    const failing = await pekopay({ 'sdk-url': `${SDK_URL}?sandbox_fault=404` });
    await nextError(failing);
    await failing.updateComplete;
    await expect(failing).to.be.accessible();
  });
});

describe('pekopay: inside other components and next to other instances', () => {
  for (const depth of [1, 2]) {
    it(`pays when nested ${depth} shadow root(s) deep, the strict SDK finding its frame in the document`, async () => {
      const { outer, root } = nestShadowRoots(depth);
      const element = configurePekopay(document.createElement('pay-checkout'));
      root.append(element);
      document.body.append(outer);
      try {
        await ready(element);
        const frame = cardFrame(element);
        expect(frame.getRootNode()).to.equal(document);
        expect(frame.closest('test-shadow-closed')).to.equal(outer);
        await typeCard(element);
        expect((await pay(element)).detail.card?.last4).to.equal('4242');
        element.remove();
        expect(outer.children).to.have.length(0);
        expect(document.querySelectorAll('iframe')).to.have.length(0);
      } finally {
        outer.remove();
      }
    });
  }

  it('keeps two instances on one page apart: own fields, tokens and events', async () => {
    const first = await pekopay();
    const second = await pekopay({ amount: '2500' });
    await Promise.all([ready(first), ready(second)]);
    expect(cardFrame(first)).to.not.equal(cardFrame(second));
    const firstTokens = collect(first, 'pay-token');
    const secondTokens = collect(second, 'pay-token');
    await typeCard(first, { number: CARDS.visa });
    await typeCard(second, { number: CARDS.mastercard });
    const secondToken = await pay(second);
    const firstToken = await pay(first);
    expect(firstToken.detail.card?.last4).to.equal('4242');
    expect(secondToken.detail.card?.last4).to.equal('4444');
    expect(firstToken.detail.paymentToken).to.not.equal(secondToken.detail.paymentToken);
    expect(firstTokens).to.have.length(1);
    expect(secondTokens).to.have.length(1);
  });
});
