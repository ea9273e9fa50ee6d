// The demo merchant's Reepay backend: holds the private key, creates checkout sessions for the element's
// session endpoint (the order is decided here, never by the browser), verifies what the element reports,
// and charges a saved card (`ca_…`) later, merchant-initiated. Every Reepay call goes through
// pay-checkout/server's ReepayClient and its Web-Fetch handlers; the browser only ever sees `{ id, url }`
// and the session's accept and cancel URLs (`acceptUrl`, `cancelUrl`), by which the element knows the return.
// @ts-check
import { randomBytes } from 'node:crypto';
import { createJsonHandler, createReepaySessionHandler, HandlerError, ReepayClient } from 'pay-checkout/server';
import { runFetchHandler, sandboxFaultsPassThrough, sandboxSwitches } from './backend-http.mjs';

const UPSTREAM_TIMEOUT_MS = 10_000;
/** What the demo shop sells; amounts in minor units, VAT included unless said otherwise. */
const DEMO_ORDER_LINES = [
  { ordertext: 'Trailhead 30 L backpack', amount: 74900, quantity: 1 },
  { ordertext: 'Merino trail socks', amount: 12900, quantity: 2 },
  { ordertext: 'Shipping', amount: 3900, quantity: 1, amount_incl_vat: false, vat: 0.25 },
];
/** The monthly refill charged to a saved card. */
const SAVED_CARD_CHARGE = { amount: 19900, ordertext: 'Monthly coffee subscription box' };
const DEMO_PLAN = 'demo-monthly';
const DEMO_CUSTOMER = { first_name: 'Sarah', last_name: 'Ng', email: 'sarah@example.com' };
/** A customer handle or an invoice: at least one letter or digit, so never `.` or `..` (a path segment). */
const CUSTOMER = /^(?=.*[A-Za-z0-9])[\w.@-]{1,64}$/;
const SAVED_CARD = /^ca_[0-9a-f]{32}$/;
/** Sandbox-only query switches passed on to the sandbox, so tests can drive faults and delays. */
const SANDBOX_QUERY = ['sandbox_fault', 'sandbox_delay'];

/**
 * @typedef {object} ReepayConfig
 * @property {string} checkoutApiUrl e.g. `https://checkout-api.reepay.com` or the sandbox's `…/sandbox/reepay/checkout-api`
 * @property {string} apiUrl e.g. `https://api.reepay.com` or the sandbox's `…/sandbox/reepay/api`
 * @property {string} privateKey `priv_…`, sent as the Basic user name; never to the browser
 */

/**
 * Reepay settings from the environment (`REEPAY_PRIVATE_KEY`, `REEPAY_CHECKOUT_API_URL`, `REEPAY_API_URL`),
 * defaulting to the sandbox at `sandboxOrigin` and its demo key.
 * @param {string} sandboxOrigin e.g. `http://127.0.0.1:8000`
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {ReepayConfig}
 */
export function reepayConfigFromEnv(sandboxOrigin, env = process.env) {
  return {
    checkoutApiUrl: env.REEPAY_CHECKOUT_API_URL || `${sandboxOrigin}/sandbox/reepay/checkout-api`,
    apiUrl: env.REEPAY_API_URL || `${sandboxOrigin}/sandbox/reepay/api`,
    privateKey: env.REEPAY_PRIVATE_KEY || 'priv_sandbox_demo',
  };
}

/**
 * A URL on this site only: a path, or an absolute URL on the origin that asked; undefined otherwise.
 * @param {Request} request
 * @param {unknown} value
 */
function onThisSite(request, value) {
  const origin = request.headers.get('origin') ?? new URL(request.url).origin;
  if (typeof value !== 'string' || value.startsWith('//') || !(value.startsWith('/') || value.startsWith(`${origin}/`))) return undefined;
  const url = new URL(value, origin);
  return url.origin === origin ? url.href : undefined;
}

/**
 * Where Reepay sends the payer back: `acceptUrl` after a payment (accept_url) and `cancelUrl` when the payer
 * leaves (cancel_url), the element sends them from its payload; either missing, `returnPath` (one page for
 * both). On this site only; none at all without them.
 * @param {Request} request
 * @param {Record<string, unknown>} body
 * @returns {{ accept_url?: string, cancel_url?: string }}
 */
function returnUrls(request, body) {
  const accept = onThisSite(request, body.acceptUrl) ?? onThisSite(request, body.returnPath);
  const cancel = onThisSite(request, body.cancelUrl) ?? onThisSite(request, body.returnPath);
  return { ...(accept ? { accept_url: accept } : {}), ...(cancel ? { cancel_url: cancel } : {}) };
}

/**
 * The session `POST /api/reepay/session` `{ kind: 'charge' | 'recurring' | 'subscription', customer?,
 * acceptUrl?, cancelUrl?, returnPath? }` asks for. The order and its amounts are the shop's.
 * @param {import('pay-checkout/server').HandlerContext} context
 * @param {boolean} isSandbox
 * @returns {import('pay-checkout/server').ReepaySessionPlan}
 */
function sessionPlan({ request, body }, isSandbox) {
  const kind = body.kind ?? 'charge';
  const handle = typeof body.customer === 'string' && CUSTOMER.test(body.customer) ? body.customer : 'demo-customer';
  const common = {
    ...returnUrls(request, body),
    // The sandbox's session lifetime, so that tests can drive expiry; a real shop decides its own.
    ...(isSandbox && typeof body.ttl === 'string' ? { ttl: body.ttl } : {}),
  };
  const customer = { handle, ...DEMO_CUSTOMER };
  if (kind === 'charge') {
    const order = { handle: `order-${randomBytes(4).toString('hex')}`, currency: 'DKK', customer, order_lines: DEMO_ORDER_LINES };
    return { kind, session: { ...common, order } };
  }
  if (kind === 'recurring') return { kind, session: { ...common, create_customer: customer } };
  if (kind === 'subscription') {
    return {
      kind,
      session: { ...common, prepare_subscription: { plan: DEMO_PLAN, create_customer: { handle, email: DEMO_CUSTOMER.email } } },
    };
  }
  throw new HandlerError(400, 'invalid_request', 'kind is charge, recurring or subscription.', { field: 'kind' });
}

/**
 * @param {{ reepay: ReepayConfig, upstreamTimeoutMs?: number }} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createReepayBackend({ reepay, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const client = new ReepayClient({ ...reepay, timeout: upstreamTimeoutMs });
  const isSandbox = client.checkoutApiUrl.includes('/sandbox/');

  const session = createReepaySessionHandler({
    client,
    session: (context) => sessionPlan(context, isSandbox),
    callOptions: sandboxSwitches(isSandbox, SANDBOX_QUERY),
    onError: sandboxFaultsPassThrough(isSandbox),
  });

  /** `POST /api/reepay/verify { invoice }` → `{ handle, state, amount, currency }`: Reepay's word, not the browser's. */
  const verify = createJsonHandler({}, ['POST'], async ({ body, signal }) => {
    if (typeof body.invoice !== 'string' || !CUSTOMER.test(body.invoice)) {
      throw new HandlerError(400, 'invalid_request', 'invoice is required.', { field: 'invoice' });
    }
    const { handle, state, amount, currency } = await client.getCharge(body.invoice, { signal });
    return { handle, state, amount, currency };
  });

  /**
   * `POST /api/reepay/charge-saved { paymentMethod: "ca_…" }`: charges the saved card the monthly box,
   * merchant-initiated. → `{ handle, state, amount, currency, error? }`.
   */
  const chargeSaved = createJsonHandler({}, ['POST'], async ({ body, signal }) => {
    if (typeof body.paymentMethod !== 'string' || !SAVED_CARD.test(body.paymentMethod)) {
      throw new HandlerError(400, 'invalid_request', 'paymentMethod must be a saved card ca_….', { field: 'paymentMethod' });
    }
    const handle = `order-${randomBytes(4).toString('hex')}`;
    const charge = await client.createCharge(
      { handle, key: handle, source: body.paymentMethod, currency: 'DKK', settle: true, ...SAVED_CARD_CHARGE },
      { signal },
    );
    const { state, amount, currency, error } = charge;
    return { handle, state, amount, currency, ...(error ? { error } : {}) };
  });

  /** @type {Record<string, (request: Request) => Promise<Response>>} */
  const routes = { '/api/reepay/session': session, '/api/reepay/verify': verify, '/api/reepay/charge-saved': chargeSaved };

  return async function handleReepayRequest(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (!Object.hasOwn(routes, pathname)) return false;
    await runFetchHandler(routes[pathname], req, res);
    return true;
  };
}
