// The strict page: <pay-checkout> from the built file under a strict Content-Security-Policy with Trusted
// Types (demo/strict-csp.mjs), paying with each provider and mode of FLOWS (`?flow=`), with every policy
// violation shown (demo/strict-violations.js records them from the page's first moment).
// @ts-check
import { byId, eventLog, loadPayCheckout } from './demo-kit.js';

const PAGE = '/demo/strict.html';
const VIOLATIONS_KEY = 'pay-checkout-strict-violations';
const LOGGED_EVENTS = ['pay-ready', 'pay-token', 'pay-redirect', 'pay-complete', 'pay-cancel', 'pay-error'];

/**
 * A hosted checkout: the merchant backend's `/api/<provider>/session` creates the session on Pay, and a
 * redirect comes back to this page with the same flow.
 * @param {string} provider
 * @param {string} mode
 * @param {string} amount minor units
 * @param {string} currency
 * @param {Record<string, string>} [payload] what the element posts to the session endpoint
 */
const hosted = (provider, mode, amount, currency, payload = { kind: 'charge', returnPath: `${PAGE}?flow=${provider}-${mode}` }) => ({
  attributes: { provider, mode, 'session-endpoint': `/api/${provider}/session`, amount, currency },
  payload,
});

/** A framed Paiwise checkout comes back to a light page of the shop's, not to this page inside the frame. */
const PAIWISE_RETURN = new URL('/demo/paiwise-return.html', location.href).href;
const PAIWISE_FRAMED = {
  product: 'backpack',
  returnUrl: `${PAIWISE_RETURN}?paiwise=return`,
  returnUrlCancel: `${PAIWISE_RETURN}?paiwise=cancel`,
};

/**
 * Every provider and mode this page runs, by `?flow=`: adding one (Paiwise's `paiwise-iframe`,
 * `paiwise-modal`, `paiwise-redirect` with `hosted('paiwise', …)`) is one entry here and one in
 * test/hostile/csp.test.ts. Paiwise's framed modes come back to the shop's own return page inside the
 * frame, so they also need `'self'` in the policy's frame-src (demo/strict-csp.mjs).
 * @type {Record<string, { title: string, attributes?: Record<string, string>, payload?: unknown }>}
 */
const FLOWS = {
  'pekopay-embedded': { title: 'PekoPay — card fields in the page', attributes: { provider: 'pekopay', amount: '9900', currency: 'CAD' } },
  'reepay-iframe': { title: 'Reepay — checkout in an inline frame', ...hosted('reepay', 'iframe', '105575', 'DKK') },
  'reepay-modal': { title: 'Reepay — checkout in a modal', ...hosted('reepay', 'modal', '105575', 'DKK') },
  'reepay-redirect': { title: "Reepay — on Reepay's page and back", ...hosted('reepay', 'redirect', '105575', 'DKK') },
  'paiwise-iframe': { title: 'Paiwise — checkout in an inline frame', ...hosted('paiwise', 'iframe', '89900', 'SEK', PAIWISE_FRAMED) },
  'paiwise-modal': { title: 'Paiwise — checkout in a modal', ...hosted('paiwise', 'modal', '89900', 'SEK', PAIWISE_FRAMED) },
  'paiwise-redirect': {
    title: "Paiwise — on Paiwise's page and back",
    ...hosted('paiwise', 'redirect', '89900', 'SEK', { product: 'backpack' }),
  },
};

const requested = new URLSearchParams(location.search).get('flow') ?? '';
const flowName = Object.hasOwn(FLOWS, requested) ? requested : 'pekopay-embedded';
const flow = FLOWS[flowName];

function showFlows() {
  byId('flow-links').replaceChildren(
    ...Object.entries(FLOWS).map(([name, { title }]) => {
      const link = Object.assign(document.createElement('a'), { href: `${PAGE}?flow=${name}`, textContent: title });
      if (name === flowName) link.setAttribute('aria-current', 'page');
      const item = document.createElement('li');
      item.append(link);
      return item;
    }),
  );
  byId('flow-hint').textContent = flow.title;
}

/** The violations the recorder kept for this tab (across a redirect and back). */
function showViolations() {
  /** @type {{ directive: string, blocked: string, sample: string, source: string, page: string }[]} */
  let violations = [];
  try {
    violations = JSON.parse(sessionStorage.getItem(VIOLATIONS_KEY) ?? '[]');
  } catch {
    violations = [];
  }
  byId('violations-count').textContent =
    violations.length === 0 ? 'None: nothing was blocked.' : `${violations.length} — see below and the console.`;
  byId('violations').replaceChildren(
    ...violations.map((violation) => {
      const item = Object.assign(document.createElement('li'), { className: 'event event-pay-error' });
      item.append(Object.assign(document.createElement('pre'), { textContent: JSON.stringify(violation) }));
      return item;
    }),
  );
}

/** The policy this page was really served with, read back from its response header. */
async function showPolicy() {
  const response = await fetch(location.pathname, { method: 'HEAD' }).catch(() => null);
  byId('policy').textContent = response?.headers.get('content-security-policy') ?? 'No Content-Security-Policy header!';
}

/**
 * @param {string} title
 * @param {string} text
 */
function showResult(title, text) {
  byId('result-title').textContent = title;
  byId('result-text').textContent = text;
  byId('result').hidden = false;
  byId('result-title').focus();
}

async function main() {
  showFlows();
  showViolations();
  document.addEventListener('strict-violations-change', showViolations);
  byId('clear-violations').addEventListener('click', () => {
    sessionStorage.removeItem(VIOLATIONS_KEY);
    showViolations();
  });
  showPolicy();
  const log = eventLog('Element events');
  // Imports the built file and allows the sandbox's origin (the policy's provider origin) from script.
  const pekopay = await loadPayCheckout(byId('load-status'));
  if (!pekopay) return;

  const checkout = /** @type {HTMLElement & { payload?: unknown }} */ (document.createElement('pay-checkout'));
  /** @type {Record<string, string>} */
  const attributes = { environment: pekopay.environment, ...flow.attributes };
  // PekoPay's card fields need the shop's token endpoint, and the SDK comes from the sandbox's "CDN".
  if (attributes.provider === 'pekopay') {
    attributes['token-url'] = pekopay.tokenUrl;
    if (pekopay.sdkUrl) attributes['sdk-url'] = pekopay.sdkUrl;
  }
  for (const [name, value] of Object.entries(attributes)) checkout.setAttribute(name, value);
  if (flow.payload) checkout.payload = flow.payload;
  for (const name of LOGGED_EVENTS) {
    checkout.addEventListener(name, (event) => log.add(name, /** @type {CustomEvent} */ (event).detail, `event-${name}`));
  }
  checkout.addEventListener('pay-token', (event) => {
    const { card } = /** @type {CustomEvent} */ (event).detail;
    showResult('Token received — the shop would now charge it', `${card?.cardType ?? 'Card'} ending in ${card?.last4 ?? '????'}`);
  });
  checkout.addEventListener('pay-complete', (event) => {
    const { sessionId } = /** @type {CustomEvent} */ (event).detail;
    showResult('Payment accepted — the shop verifies it with the provider', `Session ${sessionId}`);
  });
  byId('load-status').remove();
  byId('checkout-slot').append(checkout);
}

main();
