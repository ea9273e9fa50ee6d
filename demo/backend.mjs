// The demo merchant's backend: holds the PekoPay credentials, asks PekoPay (the sandbox by default) for
// payment tokens, and hands the browser only the token, never a secret.
// @ts-check
import { createReepayBackend } from './reepay-backend.mjs';

const UPSTREAM_TIMEOUT_MS = 10_000;
/** Sandbox-only query parameters the token endpoint passes on, so tests can drive faults and expiry. */
const SANDBOX_PASSTHROUGH = ['ttl', 'sandbox_fault', 'sandbox_delay'];

/**
 * @typedef {object} PekoPayConfig
 * @property {string} baseUrl e.g. `https://sandbox-api.peko-pay.com` or `http://127.0.0.1:8000/sandbox/pekopay`
 * @property {string} tenantId
 * @property {string} clientId
 * @property {string} clientSecret
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
  };
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 */
function send(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} message
 */
const tokenUnavailable = (res, message) => send(res, 502, JSON.stringify({ error: 'token_unavailable', message }));

/**
 * @param {{ pekopay: PekoPayConfig, reepay?: import('./reepay-backend.mjs').ReepayConfig, upstreamTimeoutMs?: number }} config
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createMerchantBackend({ pekopay, reepay, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const reepayBackend = reepay && createReepayBackend({ reepay, upstreamTimeoutMs });
  const baseUrl = pekopay.baseUrl.replace(/\/+$/, '');
  const isSandbox = baseUrl.includes('/sandbox/');
  const authorization = `Basic ${Buffer.from(`${pekopay.clientId}:${pekopay.clientSecret}`).toString('base64')}`;

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async function issueToken(req, res, url) {
    const upstream = new URL(`${baseUrl}/payment-token/${encodeURIComponent(pekopay.tenantId)}/generate`);
    if (isSandbox) {
      for (const key of SANDBOX_PASSTHROUGH) {
        const value = url.searchParams.get(key);
        if (value !== null) upstream.searchParams.set(key, value);
      }
    }
    // A browser that gives up must not leave our upstream call running.
    const clientGone = new AbortController();
    const onClose = () => {
      if (!res.writableEnded) clientGone.abort();
    };
    res.once('close', onClose);
    const signal = AbortSignal.any([clientGone.signal, AbortSignal.timeout(upstreamTimeoutMs)]);

    let response;
    let text;
    try {
      response = await fetch(upstream, { method: 'POST', headers: { Authorization: authorization }, signal });
      text = await response.text();
    } catch (error) {
      if (clientGone.signal.aborted) return;
      const timedOut = /** @type {Error} */ (error).name === 'TimeoutError';
      return tokenUnavailable(res, timedOut ? 'PekoPay did not answer in time.' : 'PekoPay could not be reached.');
    } finally {
      res.off('close', onClose);
    }
    if (!response.ok) return tokenUnavailable(res, `PekoPay answered ${response.status}.`);

    let token;
    try {
      token = JSON.parse(text)?.token;
    } catch {
      // not JSON: handled below
    }
    if (typeof token === 'string' && token) return send(res, 200, JSON.stringify({ token }));
    // The sandbox's malformed and missing faults reach the browser unchanged, so the element's handling
    // of a broken token endpoint can be tested end to end. A real provider's odd answer is our failure.
    if (isSandbox) return send(res, 200, text);
    tokenUnavailable(res, 'PekoPay answered without a token.');
  }

  return async function handleMerchantRequest(req, res) {
    if (reepayBackend && (await reepayBackend(req, res))) return true;
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (url.pathname !== '/api/pekopay/token') return false;
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      send(res, 405, JSON.stringify({ error: 'method_not_allowed', message: `${req.method} is not allowed here.` }));
      return true;
    }
    req.resume(); // the request body, if any, is not needed
    await issueToken(req, res, url);
    return true;
  };
}
