// The demo merchant's Paiwise half: holds the API key, creates hosted checkouts for orders it prices itself, and
// verifies, captures and refunds them with Paiwise (the sandbox by default), all through pay-checkout/server's
// PaiwiseClient and its Web-Fetch handlers. The browser only ever gets `{ id, url }` and statuses — never the
// key, and no amount it could have chosen.
// @ts-check
import { createJsonHandler, createPaiwiseSessionHandler, HandlerError, PaiwiseClient } from 'pay-checkout/server';
import { BoundedMap } from '../sandbox/shared/bounded.mjs';
import { sendError } from '../sandbox/shared/http.mjs';
import { requestOrigin, runFetchHandler, sandboxFaultsPassThrough, sandboxSwitches } from './backend-http.mjs';

export const PAIWISE_SANDBOX_API_KEY = 'paiwise_sandbox_demo';
const UPSTREAM_TIMEOUT_MS = 10_000;
/** Checkouts this shop remembers having created (verify, capture and refund accept no other). */
const MAX_REMEMBERED = 1000;

/**
 * What the demo shop sells. The browser names a product; the price and whether the payment is captured at once
 * (or only reserved, to be captured later) are decided here.
 */
export const PAIWISE_PRODUCTS = Object.freeze({
  backpack: { amount: 89_900, currency: 'SEK', message: 'Trailhead 30 L backpack', capture: true },
  'bike-rental': {
    amount: 50_000,
    currency: 'SEK',
    message: 'Bike rental deposit: reserved now, charged when the bike is back',
    capture: false,
  },
});
const DEFAULT_PRODUCT = 'backpack';
/** Sandbox-only switches the session endpoint passes on: to the create call, and onto the hosted page's URL. */
const CREATE_SWITCHES = ['sandbox_fault', 'sandbox_delay'];
const PAGE_SWITCHES = {
  frame_fault: 'sandbox_fault',
  frame_delay: 'sandbox_delay',
  pay_fault: 'pay_fault',
  pay_delay: 'pay_delay',
  return_params: 'return_params',
};

/**
 * @typedef {object} PaiwiseConfig
 * @property {string} baseUrl e.g. `https://api.paiwise.com` or `http://127.0.0.1:8000/sandbox/paiwise`
 * @property {string} apiKey the bearer API key
 * @property {number} [upstreamTimeoutMs]
 * @property {string} [publicOrigin] the shop's own origin for return URLs; default: the request's own
 */

/**
 * Paiwise settings from the environment, defaulting to the sandbox at `sandboxBaseUrl` and its demo key.
 * @param {string} sandboxBaseUrl
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PaiwiseConfig}
 */
export function paiwiseConfigFromEnv(sandboxBaseUrl, env = process.env) {
  return {
    baseUrl: env.PAIWISE_BASE_URL || sandboxBaseUrl,
    apiKey: env.PAIWISE_API_KEY || PAIWISE_SANDBOX_API_KEY,
  };
}

/**
 * The fields of a checkout the browser may see.
 * @param {import('pay-checkout/server').PaiwiseCheckout} checkout
 */
const publicStatus = (checkout) => ({
  id: checkout.checkout_id,
  status: checkout.status,
  amount: checkout.amount,
  currency: checkout.currency,
  amountRefunded: checkout.amount_refunded ?? 0,
});

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The default return URL: the page that asked (its Referer, when it is the shop's) with `?paiwise=return|cancel`.
 * Paiwise adds `checkout_id` and `status` to it.
 * @param {Request} request
 * @param {string} origin the shop's
 * @param {'return' | 'cancel'} outcome
 */
function defaultReturnUrl(request, origin, outcome) {
  let page;
  try {
    page = new URL(request.headers.get('referer') ?? '');
  } catch {
    page = undefined;
  }
  const url = new URL(page && page.origin === origin ? page.pathname : '/', origin);
  url.searchParams.set('paiwise', outcome);
  return url.href;
}

/**
 * The checkout `POST /api/paiwise/session` asks for: a product of the shop (priced here), and saved-card
 * fields passed through. The element may send the host's `payload` as it is, or spread: both read the same.
 * @param {import('pay-checkout/server').HandlerContext} context
 * @param {string} origin the shop's
 * @returns {import('pay-checkout/server').PaiwiseSessionPlan}
 */
function checkoutPlan({ request, body }, origin) {
  const input = { ...(isRecord(body.payload) ? body.payload : {}), ...body };
  const productId = input.product ?? DEFAULT_PRODUCT;
  if (typeof productId !== 'string' || !Object.hasOwn(PAIWISE_PRODUCTS, productId)) {
    throw new HandlerError(400, 'invalid_request', `product must be one of ${Object.keys(PAIWISE_PRODUCTS).join(', ')}.`, {
      field: 'product',
    });
  }
  const product = PAIWISE_PRODUCTS[/** @type {keyof typeof PAIWISE_PRODUCTS} */ (productId)];
  /** @type {import('pay-checkout/server').PaiwiseSessionPlan} */
  const plan = {
    ...product,
    metaData: { product: productId },
    returnUrl: defaultReturnUrl(request, origin, 'return'),
    returnUrlCancel: defaultReturnUrl(request, origin, 'cancel'),
  };
  // Saved cards. A real shop takes customer_id from the signed-in account, never from the browser, and
  // checks that card_id is one of that customer's cards; the demo has no accounts.
  for (const [field, type] of /** @type {const} */ ([
    ['customer_id', 'string'],
    ['card_id', 'string'],
    ['allowSaveCard', 'boolean'],
  ])) {
    if (input[field] === undefined) continue;
    if (typeof input[field] !== type) throw new HandlerError(400, 'invalid_request', `${field} must be a ${type}.`, { field });
    Object.assign(plan, { [field]: input[field] });
  }
  return plan;
}

/**
 * The hosted page's URL with the sandbox's page switches (`?frame_fault=hang` …) of the request on it.
 * @param {string} hostedUrl
 * @param {URL} url the request's
 */
function withPageSwitches(hostedUrl, url) {
  const page = new URL(hostedUrl);
  for (const [from, to] of Object.entries(PAGE_SWITCHES)) {
    const value = url.searchParams.get(from);
    if (value !== null) page.searchParams.set(to, value);
  }
  return page.href;
}

/**
 * @param {PaiwiseConfig} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createPaiwiseBackend({ baseUrl, apiKey, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS, publicOrigin }) {
  const isSandbox = baseUrl.includes('/sandbox/');
  /** The checkouts it created, oldest first. @type {BoundedMap<string, true>} */
  const remembered = new BoundedMap({ max: MAX_REMEMBERED });

  /**
   * The shop's routes for one origin (the configured one, or the request's own): return URLs must stay on it,
   * and only its pages may call.
   * @param {string} origin
   */
  function routesFor(origin) {
    const client = new PaiwiseClient({ baseUrl, apiKey, timeout: upstreamTimeoutMs, returnOrigins: [origin] });
    const guarded = { allowedOrigins: [origin] };
    const session = createPaiwiseSessionHandler({
      ...guarded,
      client,
      checkout: (context) => checkoutPlan(context, origin),
      callOptions: sandboxSwitches(isSandbox, CREATE_SWITCHES),
      onSession: (answer, { url }) => {
        remembered.set(answer.id, true);
        return isSandbox ? { ...answer, url: withPageSwitches(answer.url, url) } : answer;
      },
      onError: sandboxFaultsPassThrough(isSandbox),
    });
    /**
     * A route on a checkout this shop created.
     * @param {(id: string, body: Record<string, unknown>, signal: AbortSignal) => Promise<import('pay-checkout/server').PaiwiseCheckout>} call
     */
    const onOwnCheckout = (call) =>
      createJsonHandler(guarded, ['POST'], async ({ body, signal }) => {
        const id = body.id ?? body.checkout_id;
        if (typeof id !== 'string' || !remembered.has(id)) {
          throw new HandlerError(404, 'unknown_checkout', 'This shop created no such checkout.', { field: 'id' });
        }
        return publicStatus(await call(id, body, signal));
      });
    return {
      '/api/paiwise/session': session,
      // The element's pay-complete is a hint: this asks Paiwise what really happened.
      '/api/paiwise/verify': onOwnCheckout((id, _body, signal) => client.retrieveCheckout(id, { signal })),
      '/api/paiwise/capture': onOwnCheckout((id, _body, signal) => client.captureCheckout(id, { signal })),
      '/api/paiwise/refund': onOwnCheckout((id, body, signal) =>
        client.refundCheckout(
          id,
          {
            reason: 'requested_by_customer',
            refundDetails: 'Refunded from the demo shop',
            ...(body.amount === undefined ? {} : { amount: /** @type {number} */ (body.amount) }),
          },
          { signal },
        ),
      ),
    };
  }

  const configured = publicOrigin ? routesFor(new URL(publicOrigin).origin) : undefined;

  return async function handlePaiwiseRequest(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://merchant.invalid');
    const paths = ['/api/paiwise/session', '/api/paiwise/verify', '/api/paiwise/capture', '/api/paiwise/refund'];
    if (!paths.includes(pathname)) return false;
    // The shop's origin is the one the page was served from (demo/server.mjs answers its own loopback names only).
    const origin = configured ? undefined : requestOrigin(req);
    if (!configured && !origin) {
      sendError(res, 400, 'bad_host', 'The Host header is missing or not valid.');
      return true;
    }
    const routes = configured ?? routesFor(/** @type {string} */ (origin));
    await runFetchHandler(routes[/** @type {keyof typeof routes} */ (pathname)], req, res);
    return true;
  };
}
