// <pay-checkout> itself: registration, configuration errors, the message region, typed events.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { PayCheckout, PayErrorEvent, registerProvider } from '../src/index.js';
import { PayCheckout as ComponentClass } from '../src/pay-checkout.component.js';
import { checkErrorOnConnect, configurePekopay, message, nextError, pekopay } from './helpers.js';

// A provider registered below, set as a property: its name type-checks once added to PayProviders (docs/extending.md).
declare module '../src/providers/types.js' {
  interface PayProviders {
    'flaky-wallet': never;
  }
}

describe('pay-checkout: registration', () => {
  it('registers the tag once, and a second definition attempt is harmless', async () => {
    expect(customElements.get('pay-checkout')).to.equal(PayCheckout);
    expect(ComponentClass).to.equal(PayCheckout);
    // The registering module run again, as a second copy of it on the page would be: no throw, the first class stays.
    const again = new URL('../src/pay-checkout.ts?again', import.meta.url).href;
    await import(/* @vite-ignore */ again);
    expect(customElements.get('pay-checkout')).to.equal(PayCheckout);
    expect(document.createElement('pay-checkout')).to.be.instanceOf(PayCheckout);
  });

  it('renders the alert region from the first render, empty', async () => {
    const element = await fixture<PayCheckout>(html`<pay-checkout></pay-checkout>`);
    const alert = element.shadowRoot!.querySelector('[part="message"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(element.shadowRoot!.querySelector('[role="status"]')).to.exist;
  });

  it('is accessible when ready and when its configuration is invalid', async () => {
    const working = await pekopay();
    if (working.status !== 'ready') await oneEvent(working, 'pay-ready');
    await expect(working).to.be.accessible();
    const invalid = await pekopay({ provider: 'paypal' });
    await invalid.updateComplete;
    expect(invalid.status).to.equal('error');
    await expect(invalid).to.be.accessible();
  });
});

describe('pay-checkout: invalid configuration is a pay-error, never an exception', () => {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push('reason' in event ? event.reason : event.error);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });
  afterEach(() => expect(uncaught).to.deep.equal([]));

  const cases: [string, Record<string, string | null>, string][] = [
    ['no provider', { provider: null }, 'config'],
    ['an unknown provider', { provider: 'paypal' }, 'config'],
    ['no token source', { 'token-url': null }, 'config'],
    ['a mode pekopay does not have', { mode: 'redirect' }, 'config'],
    ['an unknown environment', { environment: 'staging' }, 'config'],
    ['an amount that is not a number', { amount: 'abc' }, 'config'],
    ['a negative amount', { amount: '-100' }, 'config'],
    ['an amount in major units', { amount: '99.5' }, 'config'],
    ['an amount without currency', { currency: null }, 'config'],
    ['a currency that is not ISO 4217-shaped', { currency: 'CADX' }, 'config'],
    ['a malformed locale', { locale: 'not a locale!' }, 'config'],
    ['a Reepay private key as session token', { 'session-token': 'priv_0123456789abcdef', 'token-url': null }, 'insecure-config'],
    [
      'Basic credentials as session token',
      { 'session-token': 'Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=', 'token-url': null },
      'insecure-config',
    ],
    ['a javascript: token-url', { 'token-url': 'javascript:alert(1)' }, 'insecure-config'],
    ['a token-url with credentials', { 'token-url': 'https://user:pass@example.com/token' }, 'insecure-config'],
    ['a token-url on a foreign origin', { 'token-url': 'https://evil.example/token' }, 'insecure-config'],
    ['an sdk-url on a foreign host', { 'sdk-url': 'https://evil.example/@pekopay/web/dist/index.js' }, 'insecure-config'],
    ['an sdk-url for another jsDelivr package', { 'sdk-url': 'https://cdn.jsdelivr.net/npm/evil@1/index.js' }, 'insecure-config'],
    ['a data: sdk-url', { 'sdk-url': 'data:text/javascript,alert(1)' }, 'insecure-config'],
    ['an http sdk-url on jsDelivr', { 'sdk-url': 'http://cdn.jsdelivr.net/npm/@pekopay/web@1.0.0/dist/index.js' }, 'insecure-config'],
  ];
  for (const [what, attributes, code] of cases) {
    it(`reports ${code} for ${what}`, async () => {
      const element = configurePekopay(document.createElement('pay-checkout'), attributes);
      await checkErrorOnConnect(element, async (event) => {
        expect(event).to.be.instanceOf(PayErrorEvent);
        expect(event.detail.code).to.equal(code);
        expect(event.detail.recoverable).to.equal(false);
        expect(element.status).to.equal('error');
        await element.updateComplete;
        expect(message(element)).to.not.equal('');
        expect(element.querySelector('iframe')).to.equal(null);
      });
    });
  }

  it('recovers when the configuration is fixed', async () => {
    const element = await pekopay({ provider: 'paypal' });
    await element.updateComplete;
    expect(element.status).to.equal('error');
    const ready = new Promise((resolve) => element.addEventListener('pay-ready', resolve, { once: true }));
    element.provider = 'pekopay';
    await ready;
    expect(message(element)).to.equal('');
  });
});

describe('pay-checkout: the provider registry', () => {
  it('loads a registered provider lazily and drives it through the provider interface', async () => {
    let loads = 0;
    registerProvider('test-wallet', async () => {
      loads++;
      return {
        create: (context) => ({
          async mount() {
            context.ready();
          },
          async submit() {
            context.token('tok_wallet_1', { last4: '0000', cardType: 'WALLET' });
          },
          unmount() {},
        }),
      };
    });
    const element = await fixture<PayCheckout>(html`<pay-checkout provider="test-wallet"></pay-checkout>`);
    if (element.status !== 'ready') await oneEvent(element, 'pay-ready');
    expect(loads).to.equal(1);
    const token = oneEvent(element, 'pay-token');
    await element.submit();
    expect((await token).detail).to.include({ provider: 'test-wallet', paymentToken: 'tok_wallet_1' });
    expect(element.status).to.equal('complete');
  });

  it('asks a loader once, reusing what it loaded for later mounts, and again after a failed load (Retry after sdk-load)', async () => {
    let loads = 0;
    let fail = true;
    registerProvider('flaky-wallet', async () => {
      loads++;
      if (fail) throw new Error('chunk unavailable');
      return { create: (context) => ({ mount: async () => context.ready(), submit: async () => {}, unmount() {} }) };
    });
    const element = document.createElement('pay-checkout');
    element.provider = 'flaky-wallet';
    const failed = nextError(element);
    document.body.append(element);
    expect((await failed).detail.code).to.equal('sdk-load');
    fail = false;
    const ready = oneEvent(element, 'pay-ready');
    element.reset();
    await ready;
    expect(loads).to.equal(2);
    const second = await fixture<PayCheckout>(html`<pay-checkout provider="flaky-wallet"></pay-checkout>`);
    if (second.status !== 'ready') await oneEvent(second, 'pay-ready');
    element.reset();
    await oneEvent(element, 'pay-ready');
    expect(loads, 'the module that loaded is reused').to.equal(2);
    element.remove();
  });

  it('reports sdk-load when a provider module never arrives', async () => {
    registerProvider('never', () => new Promise(() => {}));
    const saved = { ...PayCheckout.timeouts };
    PayCheckout.timeouts.sdk = 200;
    try {
      const element = await fixture<PayCheckout>(html`<pay-checkout provider="never"></pay-checkout>`);
      const { detail } = await nextError(element);
      expect(detail.code).to.equal('sdk-load');
      expect(element.status).to.equal('error');
    } finally {
      Object.assign(PayCheckout.timeouts, saved);
    }
  });
});
