// The demo merchant's Reepay backend: holds the private key, creates checkout sessions for the element's
// session endpoint (the order is decided here, never by the browser), verifies what the element reports,
// and charges a saved card (`ca_…`) later, merchant-initiated. The browser only ever sees `{ id, url }`.
// @ts-check
import { randomBytes } from 'node:crypto';

const UPSTREAM_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 16 * 1024;
/** What the demo shop sells; amounts in minor units, VAT included unless said otherwise. */
const DEMO_ORDER_LINES = [
  { ordertext: 'Trailhead 30 L backpack', amount: 74900, quantity: 1 },
  { ordertext: 'Merino trail socks', amount: 12900, quantity: 2 },
  { ordertext: 'Shipping', amount: 3900, quantity: 1, amount_incl_vat: false, vat: 0.25 },
];
/** The monthly refill charged to a saved card. */
const SAVED_CARD_CHARGE = { amount: 19900, ordertext: 'Monthly coffee subscription box' };
const DEMO_PLAN = 'demo-monthly';
const CUSTOMER = /^[\w.@-]{1,64}$/;
const SAVED_CARD = /^ca_[0-9a-f]{32}$/;
/** Sandbox-only: fields of the browser's payload passed on to the sandbox, so tests can drive expiry and faults. */
const SANDBOX_SWITCHES = ['ttl'];
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
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Record<string, any>>} the JSON object body; `{}` when empty
 */
async function readJsonBody(req) {
  let size = 0;
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  const body = text ? JSON.parse(text) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
  return body;
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * @param {{ reepay: ReepayConfig, upstreamTimeoutMs?: number }} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createReepayBackend({ reepay, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const checkoutApi = reepay.checkoutApiUrl.replace(/\/+$/, '');
  const api = reepay.apiUrl.replace(/\/+$/, '');
  const isSandbox = checkoutApi.includes('/sandbox/');
  const authorization = `Basic ${Buffer.from(`${reepay.privateKey}:`).toString('base64')}`;

  /**
   * Calls Reepay; a browser that gives up aborts the call.
   * @param {import('node:http').ServerResponse} res
   * @param {string} method
   * @param {string | URL} url
   * @param {unknown} [body]
   * @returns {Promise<{ status: number, text: string } | null>} null when Reepay failed to answer (already reported) or the browser left
   */
  async function upstream(res, method, url, body) {
    const clientGone = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) clientGone.abort();
    };
    res.once('close', onClose);
    try {
      const response = await fetch(url, {
        method,
        headers: { Authorization: authorization, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([clientGone.signal, AbortSignal.timeout(upstreamTimeoutMs)]),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (clientGone.signal.aborted) return null;
      const timedOut = /** @type {Error} */ (error).name === 'TimeoutError';
      sendJson(res, 502, { error: 'reepay_unavailable', message: timedOut ? 'Reepay did not answer in time.' : 'Reepay could not be reached.' });
      return null;
    } finally {
      res.off('close', onClose);
    }
  }

  /**
   * Where Reepay sends the payer back after a redirect: the page that asked, on this site only.
   * @param {import('node:http').IncomingMessage} req
   * @param {unknown} returnPath
   */
  function returnUrl(req, returnPath) {
    const origin = req.headers.origin ?? `http://${req.headers.host}`;
    if (typeof returnPath !== 'string' || !returnPath.startsWith('/') || returnPath.startsWith('//')) return undefined;
    const url = new URL(returnPath, origin);
    return url.origin === origin ? url.href : undefined;
  }

  /**
   * POST /api/reepay/session `{ kind: 'charge' | 'recurring' | 'subscription', customer?, returnPath?, provider, mode }`
   * → `{ id, url }`. The order and its amounts are the backend's.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {Record<string, any>} payload
   * @param {URL} url
   */
  async function createSession(req, res, payload, url) {
    const kind = payload.kind ?? 'charge';
    const customer = typeof payload.customer === 'string' && CUSTOMER.test(payload.customer) ? payload.customer : 'demo-customer';
    const back = returnUrl(req, payload.returnPath);
    /** @type {Record<string, unknown>} */
    const body = back ? { accept_url: back, cancel_url: back } : {};
    if (isSandbox) for (const key of SANDBOX_SWITCHES) if (typeof payload[key] === 'string') body[key] = payload[key];
    let path;
    if (kind === 'charge') {
      path = '/v1/session/charge';
      body.order = {
        handle: `order-${randomBytes(4).toString('hex')}`,
        currency: 'DKK',
        customer: { handle: customer, first_name: 'Sarah', last_name: 'Ng', email: 'sarah@example.com' },
        order_lines: DEMO_ORDER_LINES,
      };
    } else if (kind === 'recurring') {
      path = '/v1/session/recurring';
      body.create_customer = { handle: customer, first_name: 'Sarah', last_name: 'Ng', email: 'sarah@example.com' };
    } else if (kind === 'subscription') {
      path = '/v1/session/subscription';
      body.prepare_subscription = { plan: DEMO_PLAN, create_customer: { handle: customer, email: 'sarah@example.com' } };
    } else {
      return sendJson(res, 400, { error: 'invalid_request', message: 'kind is charge, recurring or subscription.' });
    }
    const target = new URL(`${checkoutApi}${path}`);
    if (isSandbox) {
      for (const key of SANDBOX_QUERY) {
        const value = url.searchParams.get(key);
        if (value !== null) target.searchParams.set(key, value);
      }
    }
    const answer = await upstream(res, 'POST', target, body);
    if (!answer) return;
    const session = parseJson(answer.text);
    if (answer.status === 200 && typeof session?.id === 'string' && typeof session?.url === 'string') {
      return sendJson(res, 200, { id: session.id, url: session.url });
    }
    // The sandbox's malformed and missing faults reach the browser unchanged, so the element's handling
    // of a broken session endpoint can be tested end to end. A real provider's odd answer is our failure.
    if (isSandbox && answer.status === 200) return sendJson(res, 200, answer.text);
    sendJson(res, 502, { error: 'session_unavailable', message: `Reepay answered ${answer.status}.` });
  }

  /**
   * POST /api/reepay/verify `{ invoice }`: the invoice's state from Reepay, since `pay-complete` is only a
   * hint. → `{ handle, state, amount, currency }`.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {Record<string, any>} payload
   */
  async function verify(req, res, payload) {
    if (typeof payload.invoice !== 'string' || !CUSTOMER.test(payload.invoice)) {
      return sendJson(res, 400, { error: 'invalid_request', message: 'invoice is required.' });
    }
    const answer = await upstream(res, 'GET', `${api}/v1/charge/${encodeURIComponent(payload.invoice)}`);
    if (!answer) return;
    if (answer.status !== 200) return sendJson(res, answer.status === 404 ? 404 : 502, { error: 'not_verified', message: `Reepay answered ${answer.status}.` });
    const { handle, state, amount, currency } = parseJson(answer.text) ?? {};
    sendJson(res, 200, { handle, state, amount, currency });
  }

  /**
   * POST /api/reepay/charge-saved `{ paymentMethod: "ca_…" }`: charges the saved card the monthly box,
   * merchant-initiated (`POST /v1/charge` with the card as `source`). → the charge's `{ handle, state,
   * amount, currency, error? }`.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {Record<string, any>} payload
   */
  async function chargeSaved(req, res, payload) {
    if (typeof payload.paymentMethod !== 'string' || !SAVED_CARD.test(payload.paymentMethod)) {
      return sendJson(res, 400, { error: 'invalid_request', message: 'paymentMethod must be a saved card ca_….' });
    }
    const handle = `order-${randomBytes(4).toString('hex')}`;
    const answer = await upstream(res, 'POST', `${api}/v1/charge`, {
      handle,
      key: handle,
      source: payload.paymentMethod,
      currency: 'DKK',
      settle: true,
      ...SAVED_CARD_CHARGE,
    });
    if (!answer) return;
    const charge = parseJson(answer.text);
    if (answer.status !== 200 || !charge) {
      return sendJson(res, answer.status === 404 ? 404 : 502, { error: 'charge_failed', message: String(charge?.error ?? answer.status) });
    }
    const { state, amount, currency, error } = charge;
    sendJson(res, 200, { handle, state, amount, currency, ...(error ? { error } : {}) });
  }

  /** @type {Record<string, typeof createSession>} */
  const routes = { '/api/reepay/session': createSession, '/api/reepay/verify': verify, '/api/reepay/charge-saved': chargeSaved };

  return async function handleReepayRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    const route = routes[url.pathname];
    if (!route) return false;
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, { error: 'method_not_allowed', message: `${req.method} is not allowed here.` });
      return true;
    }
    let payload;
    try {
      payload = await readJsonBody(req);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', message: 'Send a JSON object.' });
      return true;
    }
    await route(req, res, payload, url);
    return true;
  };
}
