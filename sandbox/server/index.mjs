// The sandbox: local stand-ins for the payment providers, as one Node (req, res) handler for /sandbox/.
// Everything lives in memory; reset() forgets it.
// @ts-check
import { readFile } from 'node:fs/promises';
import { applyFault, resourceKind } from './faults.mjs';
import { HttpError, Router, send, sendError } from './http.mjs';
import { PAIWISE_ASSETS, registerPaiwiseRoutes } from './paiwise.mjs';
import { createTokenStore, registerPekoPayRoutes } from './pekopay.mjs';
import { createPekoPayApi } from './pekopay-api.mjs';
import { createWebhookSender } from './webhooks.mjs';
import { createReepayStore, registerReepayRoutes } from './reepay.mjs';
import { registerReepayChargeRoutes } from './reepay-charges.mjs';

/** @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL }} RequestContext */

const PEKOPAY_BASE = '/sandbox/pekopay';
const REEPAY_BASE = '/sandbox/reepay';
const sandboxDir = new URL('../', import.meta.url);

/** Headers that make a module importable from any origin, as from a CDN. */
const CDN_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
/** The hosted frame runs only its own files, and never submits a form anywhere. */
const FRAME_CSP = "default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'";

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  js: 'text/javascript; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The browser-side files of the sandbox, by URL path: nothing else under sandbox/ is ever served. */
const ASSETS = new Map([
  ...PAIWISE_ASSETS,
  [`${PEKOPAY_BASE}/web/dist/index.js`, 'pekopay/web/dist/index.js'],
  [`${PEKOPAY_BASE}/frame/card.html`, 'pekopay/frame/card.html'],
  [`${PEKOPAY_BASE}/frame/card.js`, 'pekopay/frame/card.js'],
  [`${PEKOPAY_BASE}/frame/card-rules.js`, 'pekopay/frame/card-rules.js'],
  [`${PEKOPAY_BASE}/frame/checkout-rules.js`, 'pekopay/frame/checkout-rules.js'],
  [`${PEKOPAY_BASE}/frame/offline-api.js`, 'pekopay/frame/offline-api.js'],
  [`${PEKOPAY_BASE}/frame/card.css`, 'pekopay/frame/card.css'],
  [`${REEPAY_BASE}/checkout/`, 'reepay/checkout/index.html'],
  [`${REEPAY_BASE}/checkout/checkout.js`, 'reepay/checkout/checkout.js'],
  [`${REEPAY_BASE}/checkout/checkout.css`, 'reepay/checkout/checkout.css'],
  [`${REEPAY_BASE}/checkout/offline-api.js`, 'reepay/checkout/offline-api.js'],
]);

/**
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
function assetHeaders(pathname) {
  const kind = resourceKind(pathname);
  if (kind === 'js') return { ...CDN_HEADERS };
  if (kind === 'html') return { 'Content-Security-Policy': FRAME_CSP };
  return {};
}

/** Signs the sandbox's PekoPay webhooks; obviously fake, like the other sandbox credentials. */
export const PEKOPAY_WEBHOOK_SECRET = 'demo-webhook-secret';

/**
 * @param {{ tokenTtlSeconds?: number, pekopayWebhookUrl?: string, pekopayWebhookSecret?: string, reepaySessionTtlSeconds?: number }} [options]
 */
export function createSandbox({
  tokenTtlSeconds = Number(process.env.PEKOPAY_SANDBOX_TOKEN_TTL) || 3600,
  pekopayWebhookUrl = process.env.PEKOPAY_SANDBOX_WEBHOOK_URL,
  pekopayWebhookSecret = PEKOPAY_WEBHOOK_SECRET,
  reepaySessionTtlSeconds = Number(process.env.REEPAY_SANDBOX_SESSION_TTL) || 3600,
} = {}) {
  const tokens = createTokenStore({ tokenTtlSeconds });
  const pekopayWebhooks = createWebhookSender({ url: pekopayWebhookUrl, secret: pekopayWebhookSecret });
  const pekopayApi = createPekoPayApi({ tokens, webhooks: pekopayWebhooks });
  const reepay = createReepayStore();
  /** @type {Router<RequestContext>} */
  const router = new Router();
  registerPekoPayRoutes(router, { base: PEKOPAY_BASE, tokens });
  pekopayApi.register(router, PEKOPAY_BASE);
  const paiwise = registerPaiwiseRoutes(router);
  registerReepayRoutes(router, {
    checkoutApiBase: `${REEPAY_BASE}/checkout-api`,
    apiBase: `${REEPAY_BASE}/api`,
    pageBase: `${REEPAY_BASE}/checkout`,
    store: reepay,
    sessionTtlSeconds: reepaySessionTtlSeconds,
  });
  registerReepayChargeRoutes(router, { apiBase: `${REEPAY_BASE}/api`, store: reepay });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {Promise<boolean>} false when the path is not the sandbox's
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (!url.pathname.startsWith('/sandbox/')) return false;
    const method = req.method ?? 'GET';
    const asset = ASSETS.get(url.pathname);
    // Asset URLs may be folders (`…/checkout/`): their file says what they are.
    const kind = resourceKind(asset ?? url.pathname);
    const headers = asset ? assetHeaders(asset) : {};
    try {
      if (method !== 'OPTIONS' && (await applyFault(res, url, headers, kind))) return true;
      if (asset) {
        if (method !== 'GET' && method !== 'HEAD') {
          throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here.`);
        }
        const body = await readFile(new URL(asset, sandboxDir));
        send(res, 200, body, { 'Content-Type': CONTENT_TYPES[kind] ?? 'text/plain', ...headers });
        return true;
      }
      const route = router.match(method, url.pathname);
      if (!route) throw new HttpError(404, 'not_found', `No sandbox endpoint ${method} ${url.pathname}.`);
      if (!route.handler) {
        res.setHeader('Allow', route.allowed.join(', '));
        throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here.`);
      }
      await route.handler({ req, res, url }, route.params);
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message, error.extra, headers);
      } else {
        console.error('[sandbox]', error);
        sendError(res, 500, 'internal_error', 'The sandbox failed to answer.', {}, headers);
      }
    }
    return true;
  }

  return {
    handle,
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
