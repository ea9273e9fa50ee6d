// The self-contained build (dist/cdn/pay-checkout.min.js, built by `npm test` before this runs) takes a
// payment: minification and property mangling must not break the element or its lazily loaded chunk.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PayCheckout } from '../src/pay-checkout.component.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from './ports.js';

describe('dist/cdn/pay-checkout.min.js', () => {
  it('registers <pay-checkout>, which pays with a test card from its lazily loaded PekoPay chunk', async () => {
    // @ts-expect-error the built file has no declarations next to it
    await import('../dist/cdn/pay-checkout.min.js');
    const PayCheckoutClass = customElements.get('pay-checkout') as unknown as typeof PayCheckout;
    PayCheckoutClass.allowOrigins([SANDBOX_ORIGIN]);
    const element = document.createElement('pay-checkout') as PayCheckout;
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
    const ready = oneEvent(element, 'pay-ready');
    document.body.append(element);
    try {
      await ready;
      expect(element.getAttribute('status')).to.equal('ready');
      const button = element.shadowRoot!.querySelector('button')!;
      expect(button.textContent!.trim()).to.equal('Pay CA$99.00');
      await executeServerCommand('card-frame', {
        frameName: element.querySelector('iframe')!.name,
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
      expect(chunks.some((name) => /reepay-/.test(name)), 'a PekoPay page does not download Reepay').to.equal(false);
    } finally {
      element.remove();
    }
  });

  it('takes a Reepay payment in the inline checkout from its lazily loaded Reepay chunk', async () => {
    // @ts-expect-error the built file has no declarations next to it
    await import('../dist/cdn/pay-checkout.min.js');
    const response = await fetch('/api/reepay/session', { method: 'POST', body: '{}' });
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
      await executeServerCommand('card-frame', {
        frameName: element.shadowRoot!.querySelector('iframe')!.name,
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
});
