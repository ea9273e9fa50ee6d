// pay-checkout/react when another copy of <pay-checkout> was registered first (a CDN script tag beside the app's
// bundle, or two installed versions): the wrapper takes the registered class's properties, so React still sets
// `tokenUrl`, `cards` and `payload` as properties, never as attributes the element does not read. Server
// rendering shows it: a property is not rendered, an attribute is. (Node: Lit's DOM shim supplies customElements.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as React from 'react';
import { renderToString } from 'react-dom/server';

test('the wrapper sets properties on the copy that was registered first', async () => {
  // The same module evaluated a second time: a class of its own, as another bundle's copy is.
  const { PayCheckout: Other } = await import('../../dist/pay-checkout.component.js?another-copy');
  customElements.define('pay-checkout', Other);
  const { PayCheckout, PayCheckoutElement } = await import('../../dist/react.js');
  assert.notEqual(PayCheckoutElement, Other, 'two copies');
  const html = renderToString(
    React.createElement(PayCheckout, { provider: 'pekopay', tokenUrl: '/api/token', cards: [{ last4: '4242', cardType: 'VISA' }] }),
  );
  assert.match(html, /^<pay-checkout[ >]/);
  assert.doesNotMatch(html, /tokenUrl|cards|\[object Object\]/i, html);
});
