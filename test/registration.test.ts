// Importing the element class alone must not register a tag (registration lives in pay-checkout.ts).
import { expect } from '@open-wc/testing';
import { PayCheckout } from '../src/pay-checkout.component.js';

describe('pay-checkout.component', () => {
  it('defines no custom element when imported', () => {
    expect(PayCheckout).to.be.a('function');
    expect(customElements.get('pay-checkout')).to.equal(undefined);
  });
});
