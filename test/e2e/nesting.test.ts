// End to end, nesting: two PekoPay elements, each three closed shadow roots deep, with the sandbox SDK's real
// cross-origin card frames, which it finds through `window.frames[name]` (so they live in the light DOM).
import { expect, oneEvent } from '@open-wc/testing';
import { PayCheckout } from '../../src/index.js';
import { SDK_URL, TOKEN_URL, cardFrame, payButton, ready, typeCard } from './support.js';

/** A component that renders its content in a closed shadow root, as strict design systems do. */
class ClosedBox extends HTMLElement {
  readonly inner = this.attachShadow({ mode: 'closed' });
}
customElements.define('e2e-closed-box', ClosedBox);

/** An element `depth` closed shadow roots deep, added to the document. */
const nested = (depth: number, amount: string): { outer: HTMLElement; checkout: PayCheckout } => {
  const outer = document.createElement('e2e-closed-box') as ClosedBox;
  let box = outer;
  for (let level = 1; level < depth; level++) {
    const child = document.createElement('e2e-closed-box') as ClosedBox;
    box.inner.append(child);
    box = child;
  }
  const checkout = document.createElement('pay-checkout');
  Object.assign(checkout, {
    provider: 'pekopay',
    environment: 'sandbox',
    sdkUrl: SDK_URL,
    tokenUrl: TOKEN_URL,
    amount: Number(amount),
    currency: 'CAD',
  });
  box.inner.append(checkout);
  document.body.append(outer);
  return { outer, checkout };
};

describe('e2e: two elements in nested closed shadow roots', () => {
  it('mounts each card frame for its own element, and each pays with its own token', async () => {
    const first = nested(3, '1500');
    const second = nested(3, '2500');
    try {
      await Promise.all([ready(first.checkout), ready(second.checkout)]);
      expect(cardFrame(first.checkout)).not.to.equal(cardFrame(second.checkout));
      await typeCard(first.checkout);
      await typeCard(second.checkout, '5555 5555 5555 4444');
      const tokens = await Promise.all(
        [first.checkout, second.checkout].map((checkout) => {
          const token = oneEvent(checkout, 'pay-token');
          payButton(checkout).click();
          return token;
        }),
      );
      expect(tokens.map((event) => event.detail.card?.last4)).to.deep.equal(['4242', '4444']);
      expect(tokens[0].detail.paymentToken).not.to.equal(tokens[1].detail.paymentToken);
    } finally {
      first.outer.remove();
      second.outer.remove();
    }
  });
});
