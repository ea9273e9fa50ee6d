// The host's session endpoint: one POST that asks the host's backend to create a hosted checkout session,
// answered with `{ "id", "url", "acceptUrl"?, "cancelUrl"? }`. Used by the hosted-checkout providers only.
import { PayCheckoutError } from '../../errors.js';
import { timeLimit } from '../../internal/async.js';
import { looksLikeSecret } from '../../internal/safe-url.js';

/**
 * What a session endpoint answers: `id` and `url` checked to be non-empty strings, nothing more (the provider
 * checks them); `acceptUrl` / `cancelUrl`, where the session returns (Reepay's accept_url / cancel_url) when the
 * backend says, as answered (./return-urls.ts checks them).
 */
export interface SessionAnswer {
  id: string;
  url: string;
  acceptUrl?: unknown;
  cancelUrl?: unknown;
}

const failure = (what: string) => new PayCheckoutError('session', `session-endpoint ${what}`);

/**
 * POSTs `body` as JSON to `endpoint` (already allow-listed) and returns its answer (SessionAnswer). Rejects with
 * `session` when the endpoint fails, times out or answers anything else, with `insecure-config` when it
 * answers a provider secret, and with the abort reason when `signal` aborts.
 */
export const requestSession = async (
  endpoint: URL,
  body: Record<string, unknown>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SessionAnswer> => {
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch {
    throw new PayCheckoutError('config', 'payload is not JSON');
  }
  let answer: { id?: unknown; url?: unknown; acceptUrl?: unknown; cancelUrl?: unknown } | null;
  const limit = timeLimit(signal, timeoutMs);
  try {
    // The timeout covers the body too, so an endpoint that stalls mid-answer cannot hang the element.
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: json,
      signal: limit.signal,
    });
    if (!response.ok) throw failure(`answered ${response.status}`);
    answer = await response.json();
  } catch (error) {
    if (signal.aborted || error instanceof PayCheckoutError) throw error;
    throw failure(limit.timedOut() ? `timed out after ${timeoutMs} ms` : `failed: ${error}`);
  } finally {
    limit.done();
  }
  const { id, url, acceptUrl, cancelUrl } = answer ?? {};
  if (typeof id != 'string' || !id || typeof url != 'string' || !url) throw failure('answered no { id, url }');
  if ([id, url, acceptUrl, cancelUrl].some(looksLikeSecret))
    throw new PayCheckoutError('insecure-config', 'session-endpoint answered a secret');
  return { id, url, acceptUrl, cancelUrl };
};
