// Offline mode of the sandbox's hosted pages (`offline` in their URL): no sandbox server, so a stand-in for the
// page's API answers inside the page, with fetch's signature (PekoPay's frame/offline-api.js, Reepay's
// checkout/offline-api.js, Paiwise's pay/offline-api.js). What those stand-ins share: waiting, the fault
// switches, routing, JSON answers and taking a card. See "Offline mode" in sandbox/README.md.
// @ts-check
import { judgeCard, refusalBody } from './test-cards.js';

const SLOW_FAULT_MS = 5000;

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

/**
 * A JSON error answer, `{ error, code, message, ...extra }`, as the sandbox server writes them.
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
export const jsonError = (status, code, message, extra = {}) => json(status, { error: code, code, message, ...extra });

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
 * Plays the fault switches on a call's URL as the server would: a Response (500) for a failing fault, else
 * the call's path once the delay (if any) has passed.
 * @param {string} url
 * @param {RequestInit} init
 * @returns {Promise<Response | URL>}
 */
export async function playFaults(url, init) {
  const parsed = new URL(url, location.href);
  const delay = faultDelay(parsed.searchParams);
  if (delay === undefined) return jsonError(500, 'internal_error', 'Sandbox fault.');
  await wait(delay, init.signal);
  return parsed;
}

/** @param {string} pathname @param {RequestInit} init */
export const noEndpoint = (pathname, init) => jsonError(404, 'not_found', `No offline endpoint for ${init.method ?? 'GET'} ${pathname}.`);

/**
 * The start of a hosted page's offline API (Reepay's, Paiwise's): plays the fault switches, then matches
 * `<collection>/:id` (GET) or `<collection>/:id/pay` (POST). A Response when the call ends there (a fault,
 * no such endpoint), else the id named and whether it pays.
 * @param {string} url
 * @param {RequestInit} init
 * @param {string} collection the path segment before the id (`sessions`, `checkouts`)
 * @returns {Promise<Response | { id: string, paying: boolean }>}
 */
export async function hostedRoute(url, init, collection) {
  const played = await playFaults(url, init);
  if (played instanceof Response) return played;
  const route = new RegExp(`/${collection}/([^/]+)(/pay)?$`).exec(played.pathname);
  const paying = route?.[2] !== undefined;
  if (!route || paying !== (init.method === 'POST')) return noEndpoint(played.pathname, init);
  return { id: decodeURIComponent(route[1]), paying };
}

/**
 * Takes the card of a pay call for `record`, as the sandbox server does: refused (the Response, after
 * `onDecline` for a declined card), or accepted once the card's delay has passed, during which `record.paying`
 * is set.
 * @param {RequestInit} init the pay call, its body `{ card }`
 * @param {{ paying?: boolean }} record the offline session or checkout
 * @param {{ declinedCode?: string, onDecline?: () => Record<string, unknown> | void }} [options]
 * @returns {Promise<Response | import('./test-cards.js').CardAccepted>}
 */
export async function takeCard(init, record, { declinedCode, onDecline } = {}) {
  const outcome = judgeCard(JSON.parse(String(init.body)).card);
  if (!outcome.ok) {
    const declined = outcome.status === 402;
    const extra = declined ? (onDecline?.() ?? {}) : {};
    return json(outcome.status, { ...refusalBody(outcome, extra), ...(declined && declinedCode ? { error: declinedCode } : {}) });
  }
  record.paying = true;
  try {
    await wait(outcome.delayMs, init.signal);
  } finally {
    record.paying = false;
  }
  return outcome;
}

/**
 * Waits as the sandbox server would before serving a page with these query parameters (`sandbox_fault` /
 * `sandbox_delay`). A static host ignores them, so the page applies them to itself: a fault never resolves
 * (a page that never loads), a delay resolves late.
 * @param {string} search the page's `location.search`
 */
export const pageFault = (search) => wait(faultDelay(new URLSearchParams(search)) ?? Infinity, null);
