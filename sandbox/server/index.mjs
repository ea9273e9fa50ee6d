// The sandbox: local stand-ins for the payment providers, as one Node (req, res) handler for /sandbox/.
// Everything lives in memory; reset() forgets it.
// @ts-check
import { SANDBOX_MAX_ENTRIES } from '../shared/bounded.mjs';
import { Router, sendFailure } from '../shared/http.mjs';
import { ASSETS, assetHeaders, serveAsset } from './assets.mjs';
import { applyFault, resourceKind } from './faults.mjs';
import { registerPaiwiseRoutes } from './paiwise/index.mjs';
import { createPekoPayApi, createTokenStore, registerTokenRoutes } from './pekopay/index.mjs';
import { createReepayStore, registerReepayRoutes } from './reepay/index.mjs';
import { createWebhookSender } from './webhooks.mjs';

/** @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL }} RequestContext */

const PEKOPAY_BASE = '/sandbox/pekopay';
const REEPAY_BASE = '/sandbox/reepay';

/** Signs the sandbox's PekoPay webhooks; obviously fake, like the other sandbox credentials. */
export const PEKOPAY_WEBHOOK_SECRET = 'demo-webhook-secret';

/**
 * Answers a request under /sandbox/: the fault switches first, then a browser file or an API route.
 * @param {Router<RequestContext>} router
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @returns {Promise<boolean>} false when the path is not the sandbox's
 */
async function handleRequest(router, req, res) {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  if (!url.pathname.startsWith('/sandbox/')) return false;
  const asset = ASSETS.get(url.pathname);
  // Asset URLs may be folders (`…/checkout/`): their file says what they are.
  const headers = asset ? assetHeaders(asset) : {};
  try {
    if (req.method !== 'OPTIONS' && (await applyFault(res, url, headers, resourceKind(asset ?? url.pathname)))) return true;
    if (asset) await serveAsset(req, res, asset, headers);
    else await router.dispatch({ req, res, url }, req, res, url.pathname);
  } catch (error) {
    sendFailure(res, error, '[sandbox]', headers);
  }
  return true;
}

/**
 * @param {{ tokenTtlSeconds?: number, pekopayWebhookUrl?: string, pekopayWebhookSecret?: string, reepaySessionTtlSeconds?: number, maxEntries?: number }} [options]
 *   `maxEntries`: how many of each thing (tokens, customers, transactions, sessions, idempotency keys …) each store
 *   keeps before it forgets the oldest (default 10,000)
 */
export function createSandbox({
  tokenTtlSeconds = Number(process.env.PEKOPAY_SANDBOX_TOKEN_TTL) || 3600,
  pekopayWebhookUrl = process.env.PEKOPAY_SANDBOX_WEBHOOK_URL,
  pekopayWebhookSecret = PEKOPAY_WEBHOOK_SECRET,
  reepaySessionTtlSeconds = Number(process.env.REEPAY_SANDBOX_SESSION_TTL) || 3600,
  maxEntries = SANDBOX_MAX_ENTRIES,
} = {}) {
  const tokens = createTokenStore({ tokenTtlSeconds, maxTokens: maxEntries });
  const pekopayWebhooks = createWebhookSender({ url: pekopayWebhookUrl, secret: pekopayWebhookSecret });
  const pekopayApi = createPekoPayApi({ tokens, webhooks: pekopayWebhooks, maxEntries });
  const reepay = createReepayStore({ maxEntries });
  /** @type {Router<RequestContext>} */
  const router = new Router();
  registerTokenRoutes(router, { base: PEKOPAY_BASE, tokens });
  pekopayApi.register(router, PEKOPAY_BASE);
  const paiwise = registerPaiwiseRoutes(router, { maxEntries });
  registerReepayRoutes(router, {
    checkoutApiBase: `${REEPAY_BASE}/checkout-api`,
    apiBase: `${REEPAY_BASE}/api`,
    pageBase: `${REEPAY_BASE}/checkout`,
    store: reepay,
    sessionTtlSeconds: reepaySessionTtlSeconds,
  });

  return {
    /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>} */
    handle: (req, res) => handleRequest(router, req, res),
    reset() {
      tokens.clear();
      pekopayApi.reset();
      pekopayWebhooks.reset();
      paiwise.clear();
      reepay.clear();
    },
    /** Stops webhook deliveries in flight (the server is going away). */
    close() {
      pekopayWebhooks.close();
    },
    /** For tests and the demo server: the token store, the REST resources, the webhook sender. */
    pekopay: { tokens, api: pekopayApi, webhooks: pekopayWebhooks },
    /** The Paiwise checkouts and customers, for tests. */
    paiwise,
    /** Reepay's customers, invoices, saved cards, subscriptions and sessions, for tests. */
    reepay,
  };
}
