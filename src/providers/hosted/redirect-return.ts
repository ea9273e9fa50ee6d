// Redirect-return recovery for hosted checkouts: before leaving for a provider's page the element writes
// the session id to sessionStorage; on the page the provider sends the payer back to, it re-emits the
// result only when the id in the URL is that one, so a crafted or stale link emits nothing. Loaded with
// ./page.ts; the key, and the check at load (is there a record at all?), are ./redirect-record.ts.
import { REDIRECT_KEY as KEY } from './redirect-record.js';

/** A record older than this is stale: the payer abandoned the checkout long ago. */
const MAX_AGE_MS = 24 * 60 * 60_000;

interface RedirectRecord {
  id: string;
  at: number;
}

/** Remembers that this tab leaves for `provider`'s hosted page for session `id`. */
export const rememberRedirect = (provider: string, id: string): void => {
  try {
    sessionStorage.setItem(KEY + provider, JSON.stringify({ id, at: Date.now() } satisfies RedirectRecord));
  } catch {
    // No storage (disabled, sandboxed frame): the payer can still pay; only the re-emission is lost.
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
