// The demo backend's activity feed: every call it makes to a provider and every webhook it receives, for
// the demo pages' live panel (GET /api/activity?after=<seq>). Tokens are shortened; no credentials ever.
// @ts-check
import { keepLast } from '../sandbox/shared/bounded.mjs';

const MAX_ENTRIES = 300;
const MAX_TEXT = 4000;

/**
 * @typedef {object} ActivityEntry
 * @property {number} seq increasing from 1
 * @property {string} at ISO time
 * @property {'call' | 'webhook'} kind
 * @property {string} provider
 * @property {string} summary one line, e.g. `POST /tenants/demo-tenant/transactions → 201`
 * @property {unknown} [request]
 * @property {unknown} [response]
 * @property {boolean} [ok]
 */

/**
 * Shortens payment tokens (`sess_…1a2b`): they are one-time credentials.
 * @param {string} text
 */
export const maskTokens = (text) => text.replace(/\bsess_[0-9a-zA-Z]{5,}([0-9a-zA-Z]{4})\b/g, 'sess_…$1');

/**
 * A JSON-able copy with tokens masked and long texts cut.
 * @param {unknown} value
 */
function scrub(value) {
  if (value === undefined) return undefined;
  let text = maskTokens(typeof value === 'string' ? value : JSON.stringify(value));
  if (text.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT)}…`;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createActivityLog() {
  /** @type {ActivityEntry[]} */
  const entries = [];
  let seq = 0;
  /** @param {Omit<ActivityEntry, 'seq' | 'at'>} entry */
  function add(entry) {
    const full = {
      ...entry,
      summary: maskTokens(entry.summary),
      request: scrub(entry.request),
      response: scrub(entry.response),
      seq: ++seq,
      at: new Date().toISOString(),
    };
    entries.push(full);
    keepLast(entries, MAX_ENTRIES);
    return full;
  }

  return {
    add,
    /** @param {number} after */
    since(after) {
      return { entries: entries.filter((entry) => entry.seq > after), last: seq };
    },
    /**
     * A fetch for provider clients that records each call (method, path under `baseUrl`, status, bodies).
     * @param {string} provider
     * @param {string} baseUrl
     * @returns {(input: string, init: RequestInit) => Promise<Response>}
     */
    loggingFetch(provider, baseUrl) {
      return async (input, init) => {
        const started = Date.now();
        const url = new URL(input);
        const path = url.href.startsWith(baseUrl) ? url.href.slice(baseUrl.length) : url.pathname;
        const method = init.method ?? 'GET';
        const request = typeof init.body === 'string' ? init.body : undefined;
        try {
          const response = await fetch(input, init);
          const text = await response
            .clone()
            .text()
            .catch(() => '');
          add({
            kind: 'call',
            provider,
            ok: response.ok,
            summary: `${method} ${path} → ${response.status} (${Date.now() - started} ms)`,
            request,
            response: text,
          });
          return response;
        } catch (error) {
          add({
            kind: 'call',
            provider,
            ok: false,
            summary: `${method} ${path} → no answer (${/** @type {Error} */ (error).name})`,
            request,
          });
          throw error;
        }
      };
    },
  };
}

/** @typedef {ReturnType<typeof createActivityLog>} ActivityLog */
