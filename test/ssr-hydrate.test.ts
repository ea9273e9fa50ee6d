// The element rendered on a server (@lit-labs/ssr, declarative shadow DOM) shows its loading state and the Pay
// button with the amount before any script runs, then hydrates: the same nodes (no second render, no flash), one
// token fetch, and the card fields projected through the slot the server rendered. The page and the server use
// the same build (dist/): hydration needs the very templates that were rendered.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../src/index.js';
import { PekoCheckoutFormDouble } from './doubles/peko-checkout-form.js';

const TOKEN_URL = '/api/pekopay/token';

it('hydrates a server-rendered element without rendering it again and with one token fetch', async () => {
  const query = new URLSearchParams({
    provider: 'pekopay',
    environment: 'sandbox',
    amount: '9900',
    currency: 'CAD',
    'token-url': TOKEN_URL,
  });
  const markup = await (await fetch(`/test-api/ssr?${query}`)).text();
  const box = document.createElement('div');
  box.setHTMLUnsafe(markup);
  document.body.append(box);
  try {
    const host = box.querySelector('pay-checkout') as PayCheckout;
    const root = host.shadowRoot!;
    const button = root.querySelector<HTMLButtonElement>('button[part="button"]')!;
    const placeholder = root.querySelector('[part="placeholder"]');
    expect(button.textContent!.trim(), 'shown before any script').to.equal('Pay CA$99.00');
    expect(placeholder, 'the loading state').to.not.equal(null);

    const { PayCheckout } = (await import('../dist/pay-checkout.component.js' as string)) as {
      PayCheckout: typeof HTMLElement & { pekoCheckoutForm?: unknown };
    };
    PayCheckout.pekoCheckoutForm = new PekoCheckoutFormDouble();
    customElements.define('pay-checkout', PayCheckout);
    await waitUntil(() => host.status === 'ready', 'not ready', { timeout: 10_000 });

    expect(host.shadowRoot, 'the server’s shadow root').to.equal(root);
    expect(root.querySelector('button[part="button"]'), 'the same button: hydrated, not rendered again').to.equal(button);
    expect(button.disabled).to.equal(false);
    expect(button.textContent!.trim()).to.equal('Pay CA$99.00');
    const tokenFetches = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(TOKEN_URL));
    expect(tokenFetches, 'one token fetch').to.have.length(1);
    const slot = root.querySelector<HTMLSlotElement>('[part="fields"] > slot')!;
    expect(slot.assignedElements()[0]?.querySelector('iframe'), 'the card fields, projected through the rendered slot').to.be.instanceOf(
      HTMLIFrameElement,
    );
  } finally {
    box.remove();
  }
});
