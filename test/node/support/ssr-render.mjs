// Renders <pay-checkout> with Lit's server renderer (@lit-labs/ssr), from the built package (dist/), as any
// Node server that uses Lit SSR would: for the Node test of the render and, in the browser tier's server, for the
// page that hydrates it. The browser must hydrate the same build (the package's, not the self-contained file,
// whose templates are minified and so differ from the rendered ones).
// @ts-check
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, unsafeStatic } from 'lit/static-html.js';

/** Escapes an attribute value for double quotes. */
const escape = (/** @type {string} */ value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The HTML of `<pay-checkout>` with `attributes`, its shadow root as declarative shadow DOM.
 * @param {Record<string, string>} attributes
 * @returns {Promise<string>}
 */
export async function renderCheckout(attributes) {
  await import('../../../dist/index.js');
  const list = Object.entries(attributes)
    .map(([name, value]) => `${name}="${escape(value)}"`)
    .join(' ');
  return collectResult(render(html`<pay-checkout ${unsafeStatic(list)}></pay-checkout>`));
}
