// Registers <pay-checkout>. With two copies on a page (a CDN tag and a bundle, two versions) the first one
// registered is <pay-checkout>, and the other's statics (allowOrigins, timeouts …) do nothing: docs/frameworks.md.
import { PayCheckout } from './pay-checkout.component.js';

if (!customElements.get('pay-checkout')) customElements.define('pay-checkout', PayCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'pay-checkout': PayCheckout;
  }
}

export { PayCheckout };
