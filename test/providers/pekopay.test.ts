// PekoPay through <pay-checkout>: the element against the in-page PekoCheckoutForm double
// (test/doubles/peko-checkout-form.ts), its same-origin card fields typed in as a person would, real tokens
// from the demo backend's token-url.
import '../setup/listeners.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { PayCheckout, PayCheckoutError, PayTokenEvent, type PekoCheckoutFormStatic, type PekoFormFieldState } from '../../src/index.js';
import { UNKNOWN_TOKEN } from '../doubles/peko-checkout-form.js';
import {
  CARDS,
  PekoCheckoutFormDouble,
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
  pay,
  pekopay,
  ready,
  sdkOf,
  typeCard,
  windowListeners,
  withTokenProvider,
  retryButton,
} from '../helpers.js';

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
    expect(event.detail.paymentToken).to.equal(sdkOf(element).tokensSeen[0]);
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
    const { element, issued } = await withTokenProvider(() => fetchToken(), { amount: 1500 });
    await ready(element);
    await typeCard(element, { number: CARDS.amex });
    const event = await pay(element);
    expect(event.detail.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
    expect(issued).to.have.length(1);
    expect(event.detail.paymentToken).to.equal(issued[0]!.token);
  });

  it('pays when the payer presses Enter inside the card fields', async () => {
    const element = await pekopay();
    await ready(element);
    const token = oneEvent(element, 'pay-token');
    await typeCard(element, {}, 'Enter');
    expect((await token).detail.card?.last4).to.equal('4242');
    expect(element.status).to.equal('complete');
    expect(sdkOf(element).submits).to.equal(1);
  });
});

describe('pekopay: where the PekoCheckoutForm comes from', () => {
  // sdk-url points at a module that answers 404: readiness proves that an injected form was used instead.
  const failingSdkUrl = `${SDK_URL}?sandbox_fault=404`;
  const global = globalThis as { PekoCheckoutForm?: unknown };
  afterEach(() => {
    PayCheckout.pekoCheckoutForm = undefined;
    delete global.PekoCheckoutForm;
  });

  it('uses the element’s pekoCheckoutForm property before the static one and the global one', async () => {
    const [byProperty, byStatic, byGlobal] = [new PekoCheckoutFormDouble(), new PekoCheckoutFormDouble(), new PekoCheckoutFormDouble()];
    PayCheckout.pekoCheckoutForm = byStatic;
    global.PekoCheckoutForm = byGlobal;
    const element = await pekopay({ 'sdk-url': failingSdkUrl }, byProperty);
    await ready(element);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
    expect([byProperty, byStatic, byGlobal].map((form) => form.initialized.length)).to.deep.equal([1, 0, 0]);
  });

  it('uses the static PayCheckout.pekoCheckoutForm before the global one', async () => {
    const [byStatic, byGlobal] = [new PekoCheckoutFormDouble(), new PekoCheckoutFormDouble()];
    PayCheckout.pekoCheckoutForm = byStatic;
    global.PekoCheckoutForm = byGlobal;
    const element = await pekopay({ 'sdk-url': failingSdkUrl }, null);
    await ready(element);
    expect([byStatic, byGlobal].map((form) => form.initialized.length)).to.deep.equal([1, 0]);
  });

  it('uses a global PekoCheckoutForm before importing sdk-url', async () => {
    const byGlobal = new PekoCheckoutFormDouble();
    global.PekoCheckoutForm = byGlobal;
    const element = await pekopay({ 'sdk-url': failingSdkUrl }, null);
    await ready(element);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
    expect(byGlobal.initialized).to.have.length(1);
  });

  it('gives the SDK the documented initialize options: token, environment, a container in the document, callbacks', async () => {
    const element = await pekopay();
    await ready(element);
    const [options] = sdkOf(element).initialized;
    expect(options!.sessionToken).to.match(/^sess_[0-9a-f]{32}$/);
    expect(options!.environment).to.equal('sandbox');
    expect(options!.container.getRootNode()).to.equal(document);
    expect(cardFrame(element).parentElement).to.equal(options!.container);
    expect(typeof options!.onFormFieldStateChange).to.equal('function');
    expect(typeof options!.onLoadError).to.equal('function');
    expect(typeof options!.completeTransaction).to.equal('function');
    expect(typeof options!.sessionTokenProvider, 'token-url can refresh').to.equal('function');
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

  it('takes a new amount and currency on the Pay button and keeps the card fields and what was typed (a coupon, shipping)', async () => {
    const element = await pekopay();
    await ready(element);
    const frame = cardFrame(element);
    await typeCard(element, { number: CARDS.mastercard });
    const readies = collect(element, 'pay-ready');
    element.amount = 12_345;
    element.currency = 'EUR';
    await element.updateComplete;
    expect(button(element).textContent!.trim()).to.equal('Pay €123.45');
    expect(element.status).to.equal('ready');
    expect(element.querySelector('iframe') === frame, 'the same card fields').to.equal(true);
    expect(sdkOf(element).initialized, 'the SDK was started once').to.have.length(1);
    expect(readies).to.have.length(0);
    expect((await pay(element)).detail.card).to.deep.equal({ last4: '4444', cardType: 'MASTERCARD' });
  });

  it('reports config for a new amount or currency it cannot show, and runs again once they are right', async () => {
    const element = await pekopay();
    await ready(element);
    const error = nextError(element);
    element.amount = 12.5;
    expect((await error).detail).to.include({ code: 'config', reason: 'amount must be a whole number of minor units, not 12.5' });
    const again = oneEvent(element, 'pay-ready');
    element.amount = 1250;
    await again;
    expect(button(element).textContent!.trim()).to.equal('Pay CA$12.50');
    const currencyError = nextError(element);
    element.currency = 'CA$';
    expect((await currencyError).detail).to.include({ code: 'config', reason: 'invalid currency "CA$"' });
  });

  it('is aria-disabled while submitting (still focusable), and rapid clicks and submit() calls produce one token', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element);
    const held = sdkOf(element).holdTokenize();
    const tokens = collect(element, 'pay-token');
    for (let i = 0; i < 5; i++) button(element).click();
    void element.submit();
    void element.submit();
    await element.updateComplete;
    expect(element.status).to.equal('submitting');
    expect(button(element).getAttribute('aria-disabled')).to.equal('true');
    expect(button(element).disabled).to.equal(false);
    const token = oneEvent(element, 'pay-token');
    await held.release();
    await token;
    await element.updateComplete;
    expect(tokens).to.have.length(1);
    expect(sdkOf(element).submits, 'the SDK was asked once').to.equal(1);
    expect(sdkOf(element).transactions).to.have.length(1);
    // Paid: Pay takes no more clicks, and keeps the focus of whoever pressed it.
    expect(button(element).getAttribute('aria-disabled')).to.equal('true');
  });

  it('goes idle → loading → ready → submitting → complete, reflected in the status attribute', async () => {
    const element = configurePekopay(document.createElement('pay-checkout'));
    const seen: string[] = [];
    new MutationObserver(() => seen.push(element.getAttribute('status')!)).observe(element, {
      attributeFilter: ['status'],
    });
    expect(element.status).to.equal('idle');
    document.body.append(element);
    try {
      await ready(element);
      await typeCard(element);
      await pay(element);
      await element.updateComplete;
      expect(seen.filter((status, i) => status !== seen[i - 1])).to.deep.equal(['loading', 'ready', 'submitting', 'complete']);
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

  it('rejects submit() before the fields are ready, submitting nothing and showing no error', async () => {
    let give!: (token: string) => void;
    const { element, sdk } = await withTokenProvider(() => new Promise<string>((resolve) => (give = resolve)));
    const errors = collect(element, 'pay-error');
    const refused = await element.submit().catch((reason: PayCheckoutError) => reason);
    expect(refused).to.include({ code: 'config', reason: 'nothing to submit: loading' });
    expect(element.status).to.equal('loading');
    give(await fetchToken());
    await ready(element);
    expect(errors).to.have.length(0);
    expect(sdk.submits).to.equal(0);
  });
});

describe('pekopay: field states and card errors', () => {
  it('emits pay-change with field validity and the detected brand', async () => {
    const element = await pekopay();
    await ready(element);
    const changes = collect(element, 'pay-change');
    await typeCard(element, { number: '4242 42', expiry: '', cvc: '', name: '' });
    const partial = changes.at(-1)!.detail;
    expect(partial.provider).to.equal('pekopay');
    expect(partial.complete).to.equal(false);
    expect(partial.cardType).to.equal('VISA');
    expect(partial.fields.cardNumber).to.deep.equal({ valid: false, empty: false, error: 'incomplete' });
    await typeCard(element);
    const complete = changes.at(-1)!.detail;
    expect(complete.complete).to.equal(true);
    expect(Object.keys(complete.fields)).to.have.members(['cardNumber', 'expiry', 'cvc', 'cardholderName']);
    expect(Object.values(complete.fields).every((field) => field.valid)).to.equal(true);
  });

  it('emits pay-change only when validity or brand changed, not on every keystroke', async () => {
    const element = await pekopay();
    await ready(element);
    const changes = collect(element, 'pay-change');
    await typeCard(element, { number: '', expiry: '', cvc: '', name: 'Sarah Ng' });
    // Eight keystrokes, and the name field turned valid once: one change.
    expect(changes).to.have.length(1);
    expect(changes[0]!.detail.fields.cardholderName).to.deep.equal({ valid: true, empty: false });
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
    expect(countInCardFrame(element, '[aria-invalid="true"]')).to.equal(4);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
    expect(message(element)).to.equal('');
  });

  it('reports tokenize when the provider cannot be reached to tokenize, and stays usable', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element);
    sdkOf(element).failTokenize('network_error', { times: 1 });
    const error = nextError(element);
    button(element).click();
    const { detail } = await error;
    expect(detail).to.include({ code: 'tokenize', recoverable: true });
    expect(detail.reason).to.contain('network_error');
    expect(element.status).to.equal('ready');
    await element.updateComplete;
    expect(message(element)).to.equal('Your card details could not be processed. Please try again.');
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
  });

  it('reports timeout when tokenizing takes longer than the limit, then emits the late token once', async () => {
    const saved = { ...PayCheckout.timeouts };
    PayCheckout.timeouts.submit = 500;
    try {
      const element = await pekopay();
      await ready(element);
      await typeCard(element);
      const held = sdkOf(element).holdTokenize();
      const tokens = collect(element, 'pay-token');
      const error = nextError(element);
      button(element).click();
      expect((await error).detail).to.include({ code: 'timeout', recoverable: true });
      expect(element.status).to.equal('ready');
      await element.updateComplete;
      expect(message(element)).to.equal('The payment provider took too long to answer. Please try again.');
      // Paying again joins the tokenization still in flight: one token, never two.
      const token = oneEvent(element, 'pay-token');
      button(element).click();
      await held.release();
      await token;
      await element.updateComplete;
      expect(tokens).to.have.length(1);
      expect(sdkOf(element).tokenizations, 'one tokenization').to.have.length(1);
      expect(element.status).to.equal('complete');
    } finally {
      Object.assign(PayCheckout.timeouts, saved);
    }
  });

  it('waits for the slow test card and emits its token', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element, { number: CARDS.slow });
    const clicked = performance.now();
    const { detail } = await pay(element);
    expect(performance.now() - clicked).to.be.greaterThan(2900);
    expect(detail.card).to.deep.equal({ last4: '0077', cardType: 'VISA' });
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

describe('pekopay: an SDK as the seeds show it, beyond what the sandbox promises', () => {
  /**
   * The in-page double behind a PekoCheckoutForm whose submitFormFields() answers nothing (the seeds call it and
   * never read an answer) and, with `state`, whose field states have another shape than the sandbox's.
   */
  const seedLiteral = (state?: (sandbox: PekoFormFieldState) => unknown): PekoCheckoutFormStatic => {
    const double = new PekoCheckoutFormDouble();
    return {
      initialize: (options) => {
        const report = options.onFormFieldStateChange;
        const form = double.initialize(
          state && report ? { ...options, onFormFieldStateChange: (s) => report(state(s) as PekoFormFieldState) } : options,
        );
        return {
          mount: () => form.mount(),
          unmount: () => form.unmount?.(),
          submitFormFields: () => void (form.submitFormFields() as Promise<void>).catch(() => {}),
        };
      },
    };
  };
  const withSdk = (sdk: PekoCheckoutFormStatic, attributes: Record<string, string> = {}) => {
    const element = configurePekopay(document.createElement('pay-checkout'), attributes, null);
    element.pekoCheckoutForm = sdk;
    return fixture<PayCheckout>(html`${element}`);
  };

  it('reports validation at once for an incomplete card when submitFormFields() answers nothing, then pays', async () => {
    const element = await withSdk(seedLiteral());
    await ready(element);
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code, 'not a timeout after a minute').to.equal('validation');
    expect(element.status).to.equal('ready');
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
  });

  it('lets a required element’s form go to the SDK when the field states have a shape it cannot read', async () => {
    const element = await withSdk(
      seedLiteral(() => ({ state: 'changed' })),
      { required: '', name: 'payment' },
    );
    const form = document.createElement('form');
    form.addEventListener('submit', (event) => event.preventDefault()); // the page stays
    element.replaceWith(form);
    form.append(element);
    await ready(element);
    await element.updateComplete;
    expect(element.validity.valueMissing, 'held invalid by a state it cannot read').to.equal(false);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
  });
});

describe('pekopay: loading failures', () => {
  it('reports sdk-load when sdk-url answers 404', async () => {
    const element = await pekopay({ 'sdk-url': `${SDK_URL}?sandbox_fault=404` }, null);
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(element.status).to.equal('error');
    await element.updateComplete;
    expect(message(element)).to.equal('The secure payment form could not be loaded.');
    expect(button(element).getAttribute('aria-disabled')).to.equal('true');
  });

  it('reports sdk-load when the SDK calls onLoadError (unknown session token)', async () => {
    const element = await pekopay({ 'token-url': null, 'session-token': UNKNOWN_TOKEN });
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(detail.reason).to.contain('invalid_session_token');
    expect(element.querySelector('iframe')).to.equal(null);
  });

  it('reports sdk-load when the card frame fails to load', async () => {
    const sdk = new PekoCheckoutFormDouble().failLoad('frame_load_failed');
    const element = await pekopay({}, sdk);
    const { detail } = await nextError(element);
    expect(detail).to.include({ code: 'sdk-load', recoverable: true });
    expect(detail.reason).to.contain('frame_load_failed');
    expect(element.status).to.equal('error');
    expect(element.querySelector('iframe')).to.equal(null);
  });

  it('reports sdk-load when the card frame never says it is ready', async () => {
    const sdk = new PekoCheckoutFormDouble({ readyTimeoutMs: 300 }).hangLoad();
    const element = await pekopay({}, sdk);
    const { detail } = await nextError(element);
    expect(detail.code).to.equal('sdk-load');
    expect(detail.reason).to.contain('frame_load_failed');
  });

  it('reports sdk-load when the SDK module does not answer in time', async () => {
    const saved = { ...PayCheckout.timeouts };
    PayCheckout.timeouts.sdk = 300;
    try {
      const element = await pekopay({ 'sdk-url': `${SDK_URL}?sandbox_fault=hang` }, null);
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
    expect(sdkOf(element).initialized, 'the SDK never started').to.have.length(0);
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
    const { element, issued, sdk } = await withTokenProvider(() => fetchToken());
    await ready(element);
    await typeCard(element);
    sdk.expireToken(issued[0]!.token);
    const event = await pay(element);
    expect(issued).to.have.length(2);
    expect(event.detail.paymentToken).to.equal(issued[1]!.token);
    expect(event.detail.paymentToken).to.not.equal(issued[0]!.token);
    expect(sdk.tokenizations, 'tokenized with the expired token, then with the fresh one').to.deep.equal([
      issued[0]!.token,
      issued[1]!.token,
    ]);
  });

  it('reports token-expired when the token expired and nothing can refresh it, with no Retry (it would fail the same way)', async () => {
    const token = await fetchToken();
    const element = await pekopay({ 'token-url': null, 'session-token': token });
    await ready(element);
    await typeCard(element);
    sdkOf(element).expireToken(token);
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code).to.equal('token-expired');
    await element.updateComplete;
    expect(retryButton(element)).to.equal(null);
  });

  it('offers Retry for token-expired when token-url can give another token: a used token is not a dead end', async () => {
    const element = await pekopay();
    await ready(element);
    await typeCard(element);
    sdkOf(element).failTokenize('token_used', { times: 1 }); // another tab spent it, say
    const error = nextError(element);
    button(element).click();
    expect((await error).detail.code).to.equal('token-expired');
    await element.updateComplete;
    expect(element.status).to.equal('error');
    const used = sdkOf(element).initialized.at(-1)!.sessionToken;
    retryButton(element)!.click();
    await ready(element);
    expect(sdkOf(element).initialized.at(-1)!.sessionToken, 'the fields start over with another token').to.not.equal(used);
    await typeCard(element);
    expect((await pay(element)).detail.card?.last4).to.equal('4242');
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

  it('reports token-expired when the SDK finds the given session-token already used', async () => {
    const token = await fetchToken();
    const sdk = new PekoCheckoutFormDouble();
    const first = await pekopay({ 'token-url': null, 'session-token': token }, sdk);
    await ready(first);
    await typeCard(first);
    await pay(first);
    // Another element given the same token: the SDK says token_used at load.
    const second = await pekopay({ 'token-url': null, 'session-token': token }, sdk);
    const { detail } = await nextError(second);
    expect(detail.code).to.equal('token-expired');
    expect(detail.reason).to.contain('token_used');
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
    await typeCard(submitting);
    const held = sdkOf(submitting).holdTokenize();
    const tokens = collect(submitting, 'pay-token');
    const errors = collect(submitting, 'pay-error');
    button(submitting).click();
    await submitting.updateComplete;
    expect(submitting.status).to.equal('submitting');
    submitting.remove();
    // The tokenization in flight answers after the removal: nothing may come of it.
    await held.release();
    expect(tokens).to.have.length(0);
    expect(errors).to.have.length(0);
    expect(sdkOf(submitting).transactions).to.have.length(0);
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
  it('is accessible while ready, with invalid card details, and in an error state', async () => {
    const element = await pekopay();
    await ready(element);
    await expect(element).to.be.accessible();
    await typeCard(element, { number: '4242', expiry: '01/20', cvc: '', name: '' });
    button(element).click();
    await nextError(element);
    await expect(element).to.be.accessible();
    const failing = await pekopay({}, new PekoCheckoutFormDouble().failLoad());
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
        expect((window.frames as unknown as Record<string, Window>)[frame.name]).to.equal(frame.contentWindow);
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
