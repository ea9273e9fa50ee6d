// Registers <pay-checkout>. Registering twice (two bundles on one page) is harmless.
import { PayCheckout } from './pay-checkout.component.js';

if (!customElements.get('pay-checkout')) customElements.define('pay-checkout', PayCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'pay-checkout': PayCheckout;
  }
}

export { PayCheckout };
