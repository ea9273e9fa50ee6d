// The demo merchant's PekoPay backend (/api/pekopay/…), written as the seeds' production tips say: it holds
// the credentials and never sends them to the browser; prices and totals come from its own catalog, never
// from the browser; order creation is idempotent under the client's key; each order keeps the PekoPay
// transaction id; webhooks are verified before they change anything. PekoPay calls go through
// `pay-checkout/server`, against the sandbox unless PEKOPAY_* environment variables point elsewhere. Its routes
// are in demo/pekopay/, one module per resource.
// @ts-check
import { createPekoPayTokenHandler } from 'pay-checkout/server';
import { refuseCrossSite, Router, sendFailure, sendJson } from '../sandbox/shared/http.mjs';
import { runFetchHandler, sandboxFaultsPassThrough, sandboxSwitches } from './backend-http.mjs';
import { publicCatalog } from './pekopay/catalog.mjs';
import { orderRoutes } from './pekopay/orders.mjs';
import { createShop } from './pekopay/shop.mjs';
import { subscriptionRoutes } from './pekopay/subscriptions.mjs';
import { receiveWebhook } from './pekopay/webhooks.mjs';

export { CATALOG, priceCart } from './pekopay/catalog.mjs';

const BASE = '/api/pekopay';
const UPSTREAM_TIMEOUT_MS = 10_000;
/** Sandbox-only query parameters the token endpoint passes on, so tests can drive faults and expiry. */
const SANDBOX_PASSTHROUGH = ['ttl', 'sandbox_fault', 'sandbox_delay'];
/** What the sandbox signs its webhooks with (sandbox/server/index.mjs); real ones: PEKOPAY_WEBHOOK_SECRET. */
const SANDBOX_WEBHOOK_SECRET = 'demo-webhook-secret';
/**
 * The routes that take a request without a JSON body: the token endpoint (a GET may call it, as the element's
 * token-url; createJsonHandler's rule) and PekoPay's webhooks (not a browser's, and checked by their signature).
 */
const NOT_JSON = new Set([`${BASE}/token`, `${BASE}/webhooks`]);

/**
 * @typedef {object} PekoPayConfig
 * @property {string} baseUrl e.g. `https://sandbox-api.peko-pay.com` or `http://127.0.0.1:8000/sandbox/pekopay`
 * @property {string} tenantId
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string} [webhookSecret] checks `X-Webhook-Signature` (default: the sandbox's)
 *
 * @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL }} RouteContext
 * @typedef {(context: RouteContext & { params: Record<string, string> }) => Promise<void>} Route
 */

/**
 * PekoPay settings from the environment, defaulting to the sandbox at `sandboxBaseUrl` and its demo credentials.
 * @param {string} sandboxBaseUrl
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PekoPayConfig}
 */
export function pekopayConfigFromEnv(sandboxBaseUrl, env = process.env) {
  return {
    baseUrl: env.PEKOPAY_BASE_URL || sandboxBaseUrl,
    tenantId: env.PEKOPAY_TENANT_ID || 'demo-tenant',
    clientId: env.PEKOPAY_CLIENT_ID || 'demo-client',
    clientSecret: env.PEKOPAY_CLIENT_SECRET || 'demo-secret',
    webhookSecret: env.PEKOPAY_WEBHOOK_SECRET || SANDBOX_WEBHOOK_SECRET,
  };
}

/**
 * The routes that are neither orders nor subscriptions: the token endpoint, the page config, the catalog and the
 * webhook receiver.
 * @param {import('./pekopay/shop.mjs').Shop} shop
 * @param {string} webhookSecret
 * @returns {Record<string, Route>}
 */
function shopRoutes(shop, webhookSecret) {
  // pay-checkout/server's handler; sandbox faults pass through, so the element's handling of a broken token
  // endpoint can be tested end to end.
  const token = createPekoPayTokenHandler({
    client: shop.client,
    callOptions: sandboxSwitches(shop.isSandbox, SANDBOX_PASSTHROUGH),
    onError: sandboxFaultsPassThrough(shop.isSandbox),
  });
  /** @type {Route} */
  const issueToken = ({ req, res }) => runFetchHandler(token, req, res);
  const production = new URL(shop.baseUrl).hostname === 'gateway.peko-pay.com';
  // What a page needs to mount the element: nothing secret. The local sandbox serves its `@pekopay/web`
  // stand-in; with the real PekoPay the element's default applies.
  const config = {
    environment: shop.isSandbox || !production ? 'sandbox' : 'production',
    sdkUrl: shop.isSandbox ? `${shop.baseUrl}/web/dist/index.js` : null,
    sandbox: shop.isSandbox,
    tokenUrl: `${BASE}/token`,
  };
  return {
    'GET /token': issueToken,
    'POST /token': issueToken,
    'GET /config': async ({ res }) => sendJson(res, 200, config),
    'GET /catalog': async ({ res }) => sendJson(res, 200, publicCatalog()),
    'POST /webhooks': receiveWebhook(shop, webhookSecret),
  };
}

/**
 * @param {{
 *   config: PekoPayConfig,
 *   activity: import('./activity.mjs').ActivityLog,
 *   upstreamTimeoutMs?: number,
 * }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createPekoPayBackend({ config, activity, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const shop = createShop({ baseUrl: config.baseUrl.replace(/\/+$/, ''), config, activity, upstreamTimeoutMs });
  /** @type {Router<RouteContext>} */
  const router = new Router();
  const routes = { ...shopRoutes(shop, config.webhookSecret ?? SANDBOX_WEBHOOK_SECRET), ...orderRoutes(shop), ...subscriptionRoutes(shop) };
  for (const [route, handler] of Object.entries(routes)) {
    const [method, path] = route.split(' ');
    router.on(method, `${BASE}${path}`, (ctx, params) => handler({ ...ctx, params }));
  }

  return async function handlePekoPay(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (!url.pathname.startsWith(`${BASE}/`)) return false;
    try {
      const method = req.method ?? 'GET';
      // An unknown path or a wrong method is still 404 or 405 whatever its body.
      const known = Boolean(router.match(method, url.pathname)?.handler);
      refuseCrossSite(req, { jsonBody: known && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && !NOT_JSON.has(url.pathname) });
      await router.dispatch({ req, res, url }, req, res, url.pathname);
    } catch (error) {
      sendFailure(res, error, '[merchant backend]');
    }
    return true;
  };
}
