// Lit's server renderer (@lit-labs/ssr) renders the built element into declarative shadow DOM: the loading state
// (placeholder, busy), the Pay button with the amount in the element's language, for every provider. No browser
// API is touched on the server (the renderer would throw), and nothing is fetched there.
// @ts-check
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCheckout } from './support/ssr-render.mjs';

/** The rendered shadow root's markup, without Lit's hydration comments and its styles. */
const shadowOf = (/** @type {string} */ html) => {
  const match = /<template shadowroot="open" shadowrootmode="open">([\s\S]*)<\/template><\/pay-checkout>/.exec(html);
  assert.ok(match, 'a declarative shadow root');
  return match[1].replace(/<!--[^]*?-->/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
};

describe('server rendering with @lit-labs/ssr', () => {
  it('renders PekoPay loading, with the Pay button showing the amount', async () => {
    const html = await renderCheckout({ provider: 'pekopay', amount: '9900', currency: 'CAD', 'token-url': '/api/pekopay/token' });
    const shadow = shadowOf(html);
    assert.match(shadow, /part="placeholder"/);
    assert.match(shadow, /aria-busy="true"/);
    assert.match(shadow, /<button\s+part="button"\s+type="button"\s+disabled[^>]*>\s*<slot name="button-label">Pay CA\$99\.00<\/slot>/);
    assert.match(html, /<pay-checkout\s+provider="pekopay"/, 'the attributes stay on the element');
  });

  it('renders a hosted checkout the same way, and words the button in the element’s language', async () => {
    const shadow = shadowOf(
      await renderCheckout({ provider: 'reepay', amount: '91900', currency: 'DKK', 'session-endpoint': '/s', lang: 'en-GB' }),
    );
    assert.match(shadow, /Pay DKK\s?919\.00/);
    assert.match(shadow, /lang="en"/);
  });

  it('renders the intent’s wording, and the plain label without an amount', async () => {
    assert.match(shadowOf(await renderCheckout({ provider: 'pekopay', intent: 'subscription' })), /Subscribe/);
    assert.match(shadowOf(await renderCheckout({ provider: 'pekopay' })), /<slot name="button-label">Pay<\/slot>/);
  });

  it('renders a configuration it cannot use without throwing: errors are the browser’s to report', async () => {
    const shadow = shadowOf(await renderCheckout({ provider: 'stripe', amount: 'x' }));
    assert.match(shadow, /part="placeholder"/);
  });
});
