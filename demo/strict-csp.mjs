// The strict page's Content-Security-Policy: what a merchant with a strict policy and Trusted Types sends,
// shared by the demo server and the browser tests' server so both serve demo/strict.html the same way.
// @ts-check

/** The page served with the strict policy (and only it). */
export const STRICT_PAGE = '/demo/strict.html';

/**
 * The policy, for a page that takes payments from `providerOrigin` (the sandbox here; a provider's hosted
 * origin, e.g. https://checkout.reepay.com, in production). Each directive is the least the element needs:
 * - `script-src 'self' <provider>`: the page's own scripts and the element's file; the PekoPay SDK module,
 *   which the element imports from its CDN (here the sandbox), as a page would from jsDelivr;
 * - `style-src 'self'`: no 'unsafe-inline' — the element's styles are constructed stylesheets
 *   (adoptedStyleSheets), which style-src does not govern, and it sets styles through the CSSOM only;
 * - `frame-src 'self' <provider>`: the hosted card fields and hosted checkout pages; 'self' because a Paiwise
 *   checkout framed in the page comes back to the shop's own return URL inside that frame (how the element
 *   learns the outcome);
 * - `connect-src 'self'`: the element talks only to the merchant's own endpoints (token, session, action);
 * - `trusted-types lit-html`: the one policy Lit creates (for its template HTML); nothing else does.
 * @param {string} providerOrigin
 */
export function strictContentSecurityPolicy(providerOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self' ${providerOrigin}`,
    "style-src 'self'",
    `frame-src 'self' ${providerOrigin}`,
    "connect-src 'self'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}
