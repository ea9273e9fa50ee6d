// End to end, the demo: the e-commerce checkout page (demo/pekopay-checkout.html) in a frame of this test page,
// with the demo merchant backend behind it and the sandbox on another origin, paid as a shopper would.
import { expect } from '@open-wc/testing';
import type { PayCheckout } from '../../src/index.js';
import { cardFrame, inFrame, testCard, until } from './support.js';

describe('e2e: the demo shop', () => {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    frame = Object.assign(document.createElement('iframe'), { name: 'demo-shop', title: 'Demo shop' });
    frame.style.cssText = 'width: 1000px; height: 1200px';
    document.body.append(frame);
  });
  afterEach(() => frame.remove());

  it('pays the cart with a test card and shows the order with the total the server computed', async () => {
    frame.src = '/demo/pekopay-checkout.html';
    const page = () => frame.contentDocument!;
    await until(() => page()?.querySelector('input.quantity'), 'the shop did not load its catalogue');
    // A new shopper in each engine: the engines share the demo backend, which remembers a shopper's saved card.
    page().querySelector<HTMLInputElement>('#email')!.value = `shopper-${Math.random().toString(16).slice(2)}@example.com`;
    page().querySelector<HTMLButtonElement>('#continue')!.click();
    const checkout = () => page().querySelector<PayCheckout>('pay-checkout');
    await until(() => checkout()?.status === 'ready', 'the checkout is not ready', 15_000).catch((error: Error) => {
      const shown = checkout()?.shadowRoot?.querySelector('[part="message"]')?.textContent?.trim();
      throw new Error(
        `${error.message}: status ${checkout()?.status ?? 'no element'}, says "${shown ?? ''}", page says "${page()?.querySelector('.load-error')?.textContent ?? ''}"`,
      );
    });
    expect(checkout()!.getAttribute('amount')).to.equal('27775');
    // The shop shows the card fields once its element is ready; a shopper types when they are there.
    const fields = () => {
      try {
        return cardFrame(checkout()!);
      } catch {
        return null;
      }
    };
    await until(fields, 'no card fields shown');
    await inFrame(fields()!, { type: testCard() });
    checkout()!.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
    await until(() => page().querySelector('#confirmation:not([hidden])'), 'no order confirmation', 15_000);
    expect(page().querySelector('#order-total')!.textContent!.trim()).to.equal('$277.75');
    expect(page().querySelector('#order-id')!.textContent!.trim()).to.match(/^ord_/);
  });
});
