// The request that fetches a token from `token-url`: made by the token source, or by the entry before the
// provider's chunk arrived (src/providers/pekopay/early.ts), the same in both.

/** A `token-url` fetch started before the token source existed: `take` hands it over once. */
export interface EarlyToken {
  /** The answer; the fetch is aborted with `limit` (the token source's time limit for that attempt). */
  take(limit: AbortSignal): Promise<Response>;
}

/** GET `url`, JSON wanted, cookies only to the page's own origin, never from (or into) the HTTP cache: each is a new token. */
export const fetchToken = (url: URL, signal: AbortSignal): Promise<Response> =>
  fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store', signal });
