// Offline mode of the PekoPay sandbox: a stand-in for the checkout API that runs inside the card frame,
// so the SDK and its frame work from any static file host (Storybook's static build) with no sandbox
// server. It accepts only tokens of a documented fake shape, which the sandbox server never issues and
// always refuses. See "Offline mode" in sandbox/README.md. Its waiting, fault and routing helpers are
// shared with the Reepay and Paiwise checkout pages' offline modes (reepay/checkout/offline-api.js,
// paiwise/pay/offline-api.js).
// @ts-check
import { judgeCard, TOKEN_ERRORS } from './checkout-rules.js';

/** `offline_<8-64 letters or digits>`; `offline_ttl<seconds>_<…>` expires that many seconds after first use. */
export const OFFLINE_TOKEN = /^offline_(?:ttl(\d{1,4})_)?[A-Za-z0-9]{8,64}$/;
const LIFETIME_SECONDS = 3600;
const SLOW_FAULT_MS = 5000;

/**
 * What this frame has seen, as the server's token store would keep it. A token's life starts when the
 * frame first sees it.
 * @type {Map<string, { expiresAt: number, state: 'issued' | 'tokenized', tokenizing?: boolean }>}
 */
const tokens = new Map();

/**
 * Resolves after `ms` (never, when `ms` is Infinity); rejects as fetch would when `signal` aborts.
 * @param {number} ms
 * @param {AbortSignal | null | undefined} signal
 * @returns {Promise<void>}
 */
export function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal?.throwIfAborted();
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * @param {number} status
 * @param {unknown} body
 */
export const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** @param {keyof typeof TOKEN_ERRORS} code */
const tokenError = (code) => json(TOKEN_ERRORS[code][0], { error: code, code, message: TOKEN_ERRORS[code][1] });

/** @param {string} token */
function lookup(token) {
  const match = OFFLINE_TOKEN.exec(token);
  if (!match) return { error: /** @type {const} */ ('invalid_session_token') };
  let record = tokens.get(token);
  if (!record) {
    record = { expiresAt: Date.now() + Number(match[1] ?? LIFETIME_SECONDS) * 1000, state: 'issued' };
    tokens.set(token, record);
  }
  if (Date.now() >= record.expiresAt) return { error: /** @type {const} */ ('token_expired') };
  return { record };
}

/**
 * Delay before answering, from `sandbox_fault` / `sandbox_delay`: `slow` and a bare delay wait, `hang`
 * waits for ever; `undefined` for any other fault, which the caller answers as a failure.
 * @param {URLSearchParams} params
 * @returns {number | undefined}
 */
export function faultDelay(params) {
  const fault = params.get('sandbox_fault');
  const delay = params.get('sandbox_delay');
  if (fault === 'hang') return Infinity;
  if (fault !== null && fault !== 'slow') return undefined;
  return delay === null ? (fault ? SLOW_FAULT_MS : 0) : Number(delay) || 0;
}

/**
 * The start of a hosted page's offline API (Reepay's, Paiwise's): plays the fault switches on the call's
 * URL as offlineFetch does, then matches `<collection>/:id` (GET) or `<collection>/:id/pay` (POST). A
 * Response when the call ends there (a fault, no such endpoint), else the id named and whether it pays.
 * @param {string} url
 * @param {RequestInit} init
 * @param {string} collection the path segment before the id (`sessions`, `checkouts`)
 * @returns {Promise<Response | { id: string, paying: boolean }>}
 */
export async function hostedRoute(url, init, collection) {
  const { pathname, searchParams } = new URL(url, location.href);
  const delay = faultDelay(searchParams);
  if (delay === undefined) return json(500, { error: 'internal_error', code: 'internal_error', message: 'Sandbox fault.' });
  await wait(delay, init.signal);

  const route = new RegExp(`/${collection}/([^/]+)(/pay)?$`).exec(pathname);
  const paying = route?.[2] !== undefined;
  if (!route || paying !== (init.method === 'POST')) {
    return json(404, { error: 'not_found', code: 'not_found', message: `No offline endpoint for ${init.method ?? 'GET'} ${pathname}.` });
  }
  return { id: decodeURIComponent(route[1]), paying };
}

/**
 * Waits as the sandbox server would before serving the frame page with these query parameters
 * (the SDK's `frame_fault` / `frame_delay`). A static host ignores them, so the frame applies them to
 * itself: a fault never resolves (a page that never says it is ready), a delay resolves late.
 * @param {string} search the frame page's `location.search`
 */
export const pageFault = (search) => wait(faultDelay(new URLSearchParams(search)) ?? Infinity, null);

/**
 * Answers a checkout API request (`GET …/checkout/sessions/:token`, `POST …/checkout/tokenize`) as the
 * sandbox server would, with fetch's signature. Faults: `hang` never answers, `slow` and `sandbox_delay`
 * wait, every other fault answers 500 (the frame reports all of them as `network_error`, as with the server).
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export async function offlineFetch(url, init = {}) {
  const { pathname, searchParams } = new URL(url, location.href);
  const delay = faultDelay(searchParams);
  if (delay === undefined) return json(500, { error: 'internal_error', code: 'internal_error', message: 'Sandbox fault.' });
  await wait(delay, init.signal);

  const session = /\/checkout\/sessions\/([^/]+)$/.exec(pathname);
  if (session) {
    const found = lookup(decodeURIComponent(session[1]));
    if (found.error) return tokenError(found.error);
    return json(200, { expiresAt: new Date(found.record.expiresAt).toISOString(), state: found.record.state });
  }
  if (!pathname.endsWith('/checkout/tokenize') || init.method !== 'POST') {
    return json(404, { error: 'not_found', code: 'not_found', message: `No offline endpoint for ${pathname}.` });
  }
  const { sessionToken, card } = JSON.parse(String(init.body));
  const found = lookup(String(sessionToken));
  if (found.error) return tokenError(found.error);
  const { record } = found;
  if (record.state !== 'issued' || record.tokenizing) return tokenError('token_used');
  const outcome = judgeCard(card);
  if (!outcome.ok) {
    const { status, code, message, fields } = outcome;
    return json(status, { error: code, code, message, ...(fields && { fields }) });
  }
  record.tokenizing = true;
  try {
    await wait(outcome.delayMs, init.signal);
  } finally {
    record.tokenizing = false;
  }
  record.state = 'tokenized';
  return json(200, { sessionToken, cardData: outcome.card });
}
