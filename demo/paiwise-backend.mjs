// The demo merchant's Paiwise half: holds the API key, creates hosted checkouts for orders it prices itself, and
// verifies, captures and refunds them with Paiwise (the sandbox by default). The browser only ever gets
// `{ id, url }` and statuses — never the key, and no amount it could have chosen.
// @ts-check
import { HttpError, readJson, send, sendError, sendJson } from '../sandbox/server/http.mjs';

export const PAIWISE_SANDBOX_API_KEY = 'paiwise_sandbox_demo';
const UPSTREAM_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 16 * 1024;
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
const MODES = ['redirect', 'iframe', 'modal'];
/** Sandbox-only switches the session endpoint passes on: to the create call, and onto the hosted page's URL. */
const CREATE_SWITCHES = ['sandbox_fault', 'sandbox_delay'];
const PAGE_SWITCHES = { frame_fault: 'sandbox_fault', frame_delay: 'sandbox_delay', pay_fault: 'pay_fault', pay_delay: 'pay_delay' };

/**
 * @typedef {object} PaiwiseConfig
 * @property {string} baseUrl e.g. `https://api.paiwise.com` or `http://127.0.0.1:8000/sandbox/paiwise`
 * @property {string} apiKey the bearer API key
 * @property {number} [upstreamTimeoutMs]
 * @property {string} [publicOrigin] the shop's own origin for return URLs; default: `http://` + the request's Host
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
 * @param {Record<string, unknown>} checkout
 */
const publicStatus = (checkout) => ({
  id: checkout.checkout_id,
  status: checkout.status,
  amount: checkout.amount,
  currency: checkout.currency,
  amountRefunded: checkout.amount_refunded ?? 0,
});

/** A 200 from Paiwise that holds no checkout. */
class BrokenAnswer extends HttpError {
  /** @param {string} text the answer as it came */
  constructor(text) {
    super(502, 'paiwise_unavailable', 'Paiwise answered without a checkout.');
    this.text = text;
  }
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param {PaiwiseConfig} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createPaiwiseBackend({ baseUrl, apiKey, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS, publicOrigin }) {
  const apiBase = baseUrl.replace(/\/+$/, '');
  const isSandbox = apiBase.includes('/sandbox/');
  /** checkout id → product, oldest first. */
  const remembered = new Map();

  /**
   * Calls the Paiwise API. Failures that are ours or Paiwise's (unreachable, slow, 401, 5xx, an answer without a
   * checkout) become 502 for the browser; Paiwise's word on the request itself (an unknown checkout, a status
   * that does not allow the call, an invalid field) is passed on: 404, 409, and 400 for a 422.
   * @param {string} endpoint e.g. `create`
   * @param {Record<string, unknown>} body
   * @param {AbortSignal} clientGone
   * @param {URLSearchParams} [switches] sandbox fault switches for this call
   * @returns {Promise<Record<string, unknown>>} the checkout object
   */
  async function callPaiwise(endpoint, body, clientGone, switches) {
    const url = new URL(`${apiBase}/checkout/${endpoint}`);
    if (switches) for (const [key, value] of switches) url.searchParams.set(key, value);
    let response;
    let text;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([clientGone, AbortSignal.timeout(upstreamTimeoutMs)]),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = /** @type {Error} */ (error).name === 'TimeoutError';
      throw new HttpError(502, 'paiwise_unavailable', timedOut ? 'Paiwise did not answer in time.' : 'Paiwise could not be reached.');
    }
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = null;
    }
    const refusal = isRecord(answer) && (response.status === 409 || response.status === 422 || answer.code === 'checkout_not_found');
    if (refusal) {
      const { code, message, field, status } = answer;
      throw new HttpError(response.status === 422 ? 400 : response.status, String(code ?? 'invalid_request'), String(message ?? 'Paiwise refused the request.'), {
        ...(typeof field === 'string' ? { field } : {}),
        ...(typeof status === 'string' ? { status } : {}),
      });
    }
    if (!response.ok) throw new HttpError(502, 'paiwise_unavailable', `Paiwise answered ${response.status}.`);
    if (!isRecord(answer) || typeof answer.checkout_id !== 'string' || typeof answer.status !== 'string') {
      throw new BrokenAnswer(text);
    }
    return answer;
  }

  /**
   * The shop's own origin, which return URLs must stay on.
   * @param {import('node:http').IncomingMessage} req
   */
  const shopOrigin = (req) => publicOrigin ?? `http://${req.headers.host ?? 'localhost'}`;

  /**
   * A return URL the browser asked for, or the default: the page that asked (its Referer, when it is the shop's)
   * with `?paiwise=return|cancel`. Paiwise adds `checkout_id` and `status` to it.
   * @param {import('node:http').IncomingMessage} req
   * @param {unknown} asked
   * @param {string} field
   * @param {'return' | 'cancel'} outcome
   */
  function returnUrl(req, asked, field, outcome) {
    const origin = shopOrigin(req);
    if (asked !== undefined && asked !== null) {
      let url;
      try {
        url = typeof asked === 'string' ? new URL(asked, origin) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || url.origin !== new URL(origin).origin) {
        throw new HttpError(400, 'invalid_request', `${field} must be a URL on this shop's origin (${origin}).`, { field });
      }
      return url.href;
    }
    let page;
    try {
      page = new URL(req.headers.referer ?? '');
    } catch {
      page = undefined;
    }
    const url = new URL(page && page.origin === new URL(origin).origin ? page.pathname : '/', origin);
    url.searchParams.set('paiwise', outcome);
    return url.href;
  }

  /**
   * POST /api/paiwise/session → `{ id, url }`
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, unknown>} body
   * @param {URL} url
   * @param {AbortSignal} clientGone
   */
  async function createSession(req, body, url, clientGone) {
    // The element may send the host's `payload` as it is, or spread: both read the same.
    const input = { ...(isRecord(body.payload) ? body.payload : {}), ...body };
    const productId = input.product ?? DEFAULT_PRODUCT;
    const product = typeof productId === 'string' && Object.hasOwn(PAIWISE_PRODUCTS, productId)
      ? PAIWISE_PRODUCTS[/** @type {keyof typeof PAIWISE_PRODUCTS} */ (productId)]
      : undefined;
    if (!product) {
      throw new HttpError(400, 'invalid_request', `product must be one of ${Object.keys(PAIWISE_PRODUCTS).join(', ')}.`, { field: 'product' });
    }
    const mode = input.mode ?? 'redirect';
    if (typeof mode !== 'string' || !MODES.includes(mode)) {
      throw new HttpError(400, 'invalid_request', `mode must be one of ${MODES.join(', ')}.`, { field: 'mode' });
    }
    /** @type {Record<string, unknown>} */
    const checkout = {
      amount: product.amount,
      currency: product.currency,
      message: product.message,
      capture: product.capture,
      returnUrl: returnUrl(req, input.returnUrl, 'returnUrl', 'return'),
      returnUrlCancel: returnUrl(req, input.returnUrlCancel, 'returnUrlCancel', 'cancel'),
      metaData: { product: productId },
    };
    if (mode !== 'redirect') checkout.template = 'iframe';
    // Saved cards. A real shop takes customer_id from the signed-in account, never from the browser, and
    // checks that card_id is one of that customer's cards; the demo has no accounts.
    for (const [field, type] of /** @type {const} */ ([['customer_id', 'string'], ['card_id', 'string'], ['allowSaveCard', 'boolean']])) {
      if (input[field] === undefined) continue;
      if (typeof input[field] !== type) throw new HttpError(400, 'invalid_request', `${field} must be a ${type}.`, { field });
      checkout[field] = input[field];
    }

    const switches = new URLSearchParams();
    if (isSandbox) for (const key of CREATE_SWITCHES) if (url.searchParams.has(key)) switches.set(key, String(url.searchParams.get(key)));
    const created = await callPaiwise('create', checkout, clientGone, switches);
    const hostedUrl = [created.url, created.checkout_url, created.link].find((candidate) => typeof candidate === 'string');
    if (typeof hostedUrl !== 'string') throw new HttpError(502, 'paiwise_unavailable', 'Paiwise answered without a checkout URL.');
    const page = new URL(hostedUrl);
    if (isSandbox) {
      for (const [from, to] of Object.entries(PAGE_SWITCHES)) {
        const value = url.searchParams.get(from);
        if (value !== null) page.searchParams.set(to, value);
      }
    }
    remembered.set(created.checkout_id, productId);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value);
    return { id: created.checkout_id, url: page.href };
  }

  /**
   * The checkout id of a verify, capture or refund request: one this shop created.
   * @param {Record<string, unknown>} body
   */
  function ownCheckout(body) {
    const id = body.id ?? body.checkout_id;
    if (typeof id !== 'string' || !remembered.has(id)) {
      throw new HttpError(404, 'unknown_checkout', 'This shop created no such checkout.', { field: 'id' });
    }
    return id;
  }

  /** @type {Record<string, (req: import('node:http').IncomingMessage, body: Record<string, unknown>, url: URL, clientGone: AbortSignal) => Promise<object>>} */
  const routes = {
    '/api/paiwise/session': createSession,
    // The element's pay-complete is a hint: this asks Paiwise what really happened.
    '/api/paiwise/verify': async (_req, body, _url, clientGone) =>
      publicStatus(await callPaiwise('retrieve', { checkout_id: ownCheckout(body) }, clientGone)),
    '/api/paiwise/capture': async (_req, body, _url, clientGone) =>
      publicStatus(await callPaiwise('capture', { checkout_id: ownCheckout(body) }, clientGone)),
    '/api/paiwise/refund': async (_req, body, _url, clientGone) => {
      /** @type {Record<string, unknown>} */
      const refund = { checkout_id: ownCheckout(body), reason: 'requested_by_customer', refundDetails: 'Refunded from the demo shop' };
      if (body.amount !== undefined) refund.amount = body.amount;
      return publicStatus(await callPaiwise('refund', refund, clientGone));
    },
  };

  return async function handlePaiwiseRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (!Object.hasOwn(routes, url.pathname)) return false;
    const route = routes[url.pathname];
    // A browser that gives up must not leave our upstream call running.
    const clientGone = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) clientGone.abort();
    };
    res.once('close', onClose);
    try {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here.`);
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== new URL(shopOrigin(req)).origin) {
        throw new HttpError(403, 'forbidden_origin', 'Only the shop’s own pages may call this endpoint.');
      }
      const body = await readJson(req, MAX_BODY_BYTES);
      if (!isRecord(body)) throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object.');
      sendJson(res, 200, await route(req, body, url, clientGone.signal));
    } catch (error) {
      if (clientGone.signal.aborted) return true;
      if (!(error instanceof HttpError)) throw error;
      // The sandbox's malformed and missing faults reach the browser unchanged, so that the element's handling
      // of a broken session endpoint can be tested end to end. A real Paiwise's odd answer is our 502.
      if (error instanceof BrokenAnswer && isSandbox) {
        send(res, 200, error.text, { 'Content-Type': 'application/json; charset=utf-8' });
      } else {
        sendError(res, error.status, error.code, error.message, error.extra);
      }
    } finally {
      res.off('close', onClose);
    }
    return true;
  };
}
