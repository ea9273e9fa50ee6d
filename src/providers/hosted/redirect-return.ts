// Redirect-return recovery for hosted checkouts: before leaving for a provider's page the element writes
// the session id, and the return URLs it knows for it, to sessionStorage; on the page the provider sends the
// payer back to, it re-emits the result only when the location is one of those URLs (./return-urls.ts) and
// the id in it is that one, so a crafted or stale link emits nothing. Loaded with ./page.ts; the key, and the
// check at load (is there a record at all?), are ./redirect-record.ts.
import { REDIRECT_KEY as KEY } from './redirect-record.js';
import { urlOf } from './return-urls.js';
import type { ReturnUrls } from './types.js';

/** A record older than this is stale: the payer abandoned the checkout long ago. */
const MAX_AGE_MS = 24 * 60 * 60_000;

interface RedirectRecord {
  id: string;
  at: number;
  /** The return URLs known when leaving, as JSON writes a URL (absent: unknown). */
  accept?: unknown;
  cancel?: unknown;
}

/** Remembers that this tab leaves for `provider`'s hosted page for session `id`, which returns to `urls`. */
export const rememberRedirect = (provider: string, id: string, urls: ReturnUrls = {}): void => {
  try {
    sessionStorage.setItem(KEY + provider, JSON.stringify({ id, at: Date.now(), ...urls } satisfies RedirectRecord));
  } catch {
    // No storage (disabled, sandboxed frame): the payer can still pay; only the re-emission is lost.
  }
};

/** The return URLs the record for `provider` holds, and its session `id` (no record: an empty object). */
export const redirectUrls = (provider: string): ReturnUrls & { id?: string } => {
  try {
    const record = JSON.parse(sessionStorage.getItem(KEY + provider)!) as Partial<RedirectRecord> | null;
    return record ? { accept: urlOf(record.accept), cancel: urlOf(record.cancel), id: record.id! } : {};
  } catch {
    return {};
  }
};

/**
 * True, once, when `id` is the session this tab left for with `provider` (the record is then
 * forgotten). A different id leaves the record in place for the real return.
 */
export const takeRedirect = (provider: string, id: string): boolean => {
  try {
    const record = JSON.parse(sessionStorage.getItem(KEY + provider)!) as Partial<RedirectRecord> | null; // null: no record
    const stale = !record || typeof record.at != 'number' || Date.now() - record.at > MAX_AGE_MS;
    if (stale || record.id === id) sessionStorage.removeItem(KEY + provider);
    return !stale && record.id === id;
  } catch {
    return false;
  }
};
