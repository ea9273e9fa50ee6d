// The self-contained build (dist/cdn/pay-checkout.min.js, built by `npm test` before this runs), served from
// another origin than the page's as a CDN would serve it, takes a payment: minification and property mangling
// must not break the element or its lazily loaded chunks.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { inFrame } from './frame.js';
import type { PayCheckout } from '../../src/pay-checkout.component.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from '../ports.js';

/** The built file on another origin than the page's (the test server's other name), with CORS like a CDN. */
const CDN_ENTRY = `http://127.0.0.1:${location.port}/dist/cdn/pay-checkout.min.js`;

/** A <pay-checkout> of the built file (imported first, from the CDN origin), sandbox origins allowed, with `attributes`. */
const builtElement = async (attributes: Record<string, string>): Promise<PayCheckout> => {
  await import(/* @vite-ignore */ CDN_ENTRY);
  const PayCheckoutClass = customElements.get('pay-checkout') as unknown as typeof PayCheckout;
  PayCheckoutClass.allowOrigins([SANDBOX_ORIGIN]);
  const element = document.createElement('pay-checkout') as PayCheckout;
  for (const [name, value] of Object.entries({ environment: 'sandbox', ...attributes })) element.setAttribute(name, value);
  return element;
};

/** A <pay-checkout> of the built file with PekoPay sandbox attributes and `attributes`. */
const builtPekopay = (attributes: Record<string, string>): Promise<PayCheckout> =>
  builtElement({
    provider: 'pekopay',
    'sdk-url': `${SANDBOX_ORIGIN}/sandbox/pekopay/web/dist/index.js`,
    'token-url': '/api/pekopay/token',
    ...attributes,
  });

describe('e2e: dist/cdn/pay-checkout.min.js from another origin', () => {
  it('registers <pay-checkout>, which pays with a test card from its lazily loaded PekoPay chunk', async () => {
    const element = await builtPekopay({ amount: '9900', currency: 'CAD' });
    const ready = oneEvent(element, 'pay-ready');
    document.body.append(element);
    try {
      await ready;
      expect(element.getAttribute('status')).to.equal('ready');
      const button = element.shadowRoot!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal('Pay CA$99.00');
      await inFrame(element.querySelector('iframe')!, {
        type: { 'cc-number': '4242424242424242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' },
      });
      const token = oneEvent(element, 'pay-token');
      button.click();
      const { detail } = await token;
      expect(detail.paymentToken).to.match(/^sess_/);
      expect(detail.card).to.deep.equal({ last4: '4242', cardType: 'VISA' });
      expect(element.status).to.equal('complete');
      const chunks = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('/dist/cdn/chunks/'));
      expect(chunks.some((name) => /pekopay-[\w-]+\.js$/.test(name))).to.equal(true);
      expect(
        chunks.some((name) => /reepay-/.test(name)),
        'a PekoPay page does not download Reepay',
      ).to.equal(false);
    } finally {
      element.remove();
    }
  });

  it('takes a Reepay payment in the inline checkout from its lazily loaded Reepay chunk', async () => {
    await import(/* @vite-ignore */ CDN_ENTRY);
    const response = await fetch('/api/reepay/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { url } = (await response.json()) as { url: string };
    const element = document.createElement('pay-checkout') as PayCheckout;
    for (const [name, value] of Object.entries({ provider: 'reepay', environment: 'sandbox', mode: 'iframe', 'session-url': url })) {
      element.setAttribute(name, value);
    }
    const ready = oneEvent(element, 'pay-ready');
    document.body.append(element);
    try {
      await ready;
      const completed = oneEvent(element, 'pay-complete');
      await inFrame(element.shadowRoot!.querySelector('iframe')!, {
        type: { 'cc-number': '4242424242424242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' },
        click: '#pay',
      });
      const complete = await completed;
      expect(complete.detail).to.include({ provider: 'reepay', customer: 'demo-customer', redirected: false });
      expect(element.status).to.equal('complete');
      const chunks = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(chunks.some((name) => /\/dist\/cdn\/chunks\/reepay-[\w-]+\.js$/.test(name))).to.equal(true);
    } finally {
      element.remove();
    }
  });

  it('downloads the chunk of the locale it shows, and no other', async () => {
    await import(/* @vite-ignore */ CDN_ENTRY);
    const element = document.createElement('pay-checkout') as PayCheckout;
    element.setAttribute('locale', 'da');
    element.setAttribute('amount', '9900');
    element.setAttribute('currency', 'CAD');
    document.body.append(element);
    try {
      const label = () => element.shadowRoot?.querySelector('[part="button"]')?.textContent?.trim() ?? '';
      await waitUntil(() => label().startsWith('Betal '), 'no Danish label', { timeout: 3000 });
      const chunks = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name.split('/').pop()!)
        .filter((name) => /^(da|sv|fr-ca|ar)-/.test(name));
      expect(chunks.map((name) => name.split('-')[0])).to.deep.equal(['da']);
    } finally {
      element.remove();
    }
  });

  it('pays with a saved card and posts it to action from its lazily loaded chunks', async () => {
    const element = await builtPekopay({
      cards: '[{"last4":"4242","cardType":"VISA"},{"last4":"0005","cardType":"AMEX","default":true}]',
      action: '/api/actions/charge',
      'customer-id': 'cus_bundle',
    });
    const ready = oneEvent(element, 'pay-ready');
    document.body.append(element);
    try {
      await ready;
      const labels = [...element.shadowRoot!.querySelectorAll('[part="card-option"]')].map((label) => label.textContent!.trim());
      expect(labels).to.deep.equal(['Visa ending in 4242', 'American Express ending in 0005', 'Use a new card']);
      const token = oneEvent(element, 'pay-token');
      const success = oneEvent(element, 'pay-complete');
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      expect((await token).detail).to.include({ paymentToken: '', savedCard: true, customerId: 'cus_bundle' });
      const { body } = (await success).detail as { body: { received: { card: unknown } } };
      expect(body.received.card).to.deep.equal({ last4: '0005', cardType: 'AMEX' });
      expect(element.status).to.equal('complete');
      const chunks = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(chunks.some((name) => /\/dist\/cdn\/chunks\/action-[\w-]+\.js$/.test(name))).to.equal(true);
    } finally {
      element.remove();
    }
  });

  it('submits its form with the saved card chosen, from the lazily loaded form chunk', async () => {
    const element = await builtPekopay({ cards: '[{"last4":"4242","cardType":"VISA"}]', name: 'payment' });
    const form = document.createElement('form');
    const submitted: Record<string, FormDataEntryValue>[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(Object.fromEntries(new FormData(form)));
    });
    const ready = oneEvent(element, 'pay-ready');
    form.append(element);
    document.body.append(form);
    try {
      await ready;
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      await waitUntil(() => submitted.length > 0, 'the form was not submitted', { timeout: 10_000 });
      expect(submitted).to.deep.equal([
        { payment: '', 'payment-card-type': 'VISA', 'payment-last4': '4242', 'payment-saved-card': 'true' },
      ]);
    } finally {
      form.remove();
    }
  });
});

describe('e2e: the self-contained build self-hosted under another name', () => {
  /** The fixture page: the build as `checkout.js`, its chunks beside it, and a second copy as `pay-checkout.min.js`. */
  const HOST = '/test/fixtures/static-host/self-hosted/';

  it('reaches ready with PekoPay: its chunks use the entry that loaded them, never the file of the build’s own name', async () => {
    const frame = Object.assign(document.createElement('iframe'), { src: `${HOST}index.html`, title: 'Self-hosted checkout' });
    document.body.append(frame);
    try {
      const win = frame.contentWindow! as Window & typeof globalThis;
      await waitUntil(
        () => frame.contentDocument?.readyState == 'complete' && win.customElements.get('pay-checkout'),
        'checkout.js did not define <pay-checkout>',
        {
          timeout: 10_000,
        },
      );
      (win.customElements.get('pay-checkout') as unknown as typeof PayCheckout).allowOrigins([SANDBOX_ORIGIN]);
      const element = frame.contentDocument!.createElement('pay-checkout') as PayCheckout;
      for (const [name, value] of Object.entries({
        provider: 'pekopay',
        environment: 'sandbox',
        'sdk-url': `${SANDBOX_ORIGIN}/sandbox/pekopay/web/dist/index.js`,
        'token-url': '/api/pekopay/token',
        amount: '9900',
        currency: 'CAD',
      })) {
        element.setAttribute(name, value);
      }
      frame.contentDocument!.querySelector('main')!.append(element);
      await waitUntil(() => ['ready', 'error'].includes(element.status), 'the element neither got ready nor failed', { timeout: 20_000 });
      const message = element.shadowRoot!.querySelector('[part="message"]')?.textContent?.trim();
      expect(element.status, `status (message: ${message})`).to.equal('ready');
      const fetched = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      // The test server hands out the linked chunks under their own path (dist/cdn/chunks/): the entry keeps its name.
      expect(fetched).to.include(`${HOST}checkout.js`);
      expect(fetched.some((path) => /\/chunks\/pekopay-[\w-]+\.js$/.test(path))).to.equal(true);
      expect(fetched.filter((path) => path.endsWith('/pay-checkout.min.js'))).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
