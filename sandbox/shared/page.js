// What every sandbox hosted page does besides its card form (Reepay's and Paiwise's checkout pages, PekoPay's card
// frame): find its elements, format money, turn the sandbox switches on its own URL into those of its API calls,
// and call its API over HTTP or, in offline mode, through the stand-in inside the page. Browser only.
// @ts-check

/**
 * @param {string} id
 * @returns {HTMLElement}
 */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The sandbox switches in `params` that `renames` names, under their new names: a page's `api_fault` becomes
 * its API call's `sandbox_fault`.
 * @param {URLSearchParams} params
 * @param {Record<string, string>} renames from → to
 */
export function switchesFrom(params, renames) {
  const switches = new URLSearchParams();
  for (const [from, to] of Object.entries(renames)) {
    const value = params.get(from);
    if (value !== null) switches.set(to, value);
  }
  return switches;
}

/**
 * `path` with `query` (when it has anything).
 * @param {string} path
 * @param {URLSearchParams} query
 */
export const withQuery = (path, query) => (query.size ? `${path}?${query}` : path);

/**
 * An amount in minor units, formatted with its currency's own decimals.
 * @param {number} minor
 * @param {string} currency
 * @param {string} [locale]
 */
export function formatMoney(minor, currency, locale = 'en') {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/**
 * @typedef {(url: string, init: RequestInit) => Promise<Response>} Caller
 * @typedef {{ offlineFetch: (url: string, init: RequestInit, page: URLSearchParams) => Promise<Response> }} OfflineApi
 */

/**
 * The page's API and when the page may start. Online: fetch, at once. Offline (`offline` in the page's query,
 * or `offline` true): the stand-in `loadOfflineApi()` imports answers every call, and the page starts once its
 * own fault switches allow (a static host ignores them, so the page plays them itself: `sandbox_fault` never
 * starts, `sandbox_delay` starts late).
 * @param {() => Promise<OfflineApi>} loadOfflineApi
 * @param {{ page?: URLSearchParams, offline?: boolean }} [options]
 * @returns {{ offline: boolean, call: Caller, started: Promise<void> }}
 */
export function pageApi(loadOfflineApi, { page = new URLSearchParams(location.search), offline = page.has('offline') } = {}) {
  if (!offline) return { offline, call: (url, init) => fetch(url, init), started: Promise.resolve() };
  const standIn = loadOfflineApi();
  const started = import('./offline.js').then(({ pageFault }) => pageFault(location.search));
  return { offline, call: async (url, init) => (await standIn).offlineFetch(url, init, page), started };
}

/**
 * Calls the page's API with a timeout and reads its JSON answer (null when it is none).
 * @param {Caller} call
 * @param {string} url
 * @param {RequestInit & { timeoutMs: number }} init
 */
export async function callJson(call, url, { timeoutMs, ...init }) {
  const response = await call(url, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs), ...init });
  /** @type {any} */
  const body = await response.json().catch(() => null);
  return { status: response.status, ok: response.ok, body };
}

/**
 * A POST of `body` as JSON, for `callJson`.
 * @param {unknown} body
 * @param {number} timeoutMs
 */
export const postJson = (body, timeoutMs) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  timeoutMs,
});
