// The host's session endpoint: one POST that asks the host's backend to create a hosted checkout session,
// answered with `{ "id", "url" }`. Used by the hosted-checkout providers only.
import { PayCheckoutError } from '../errors.js';
import { looksLikeSecret } from './safe-url.js';

/** What a session endpoint answers: checked to be two non-empty strings, nothing more (the provider checks them). */
export interface SessionAnswer {
  id: string;
  url: string;
}

/**
 * POSTs `body` as JSON to `endpoint` (already allow-listed) and returns its `{ id, url }`. Rejects with
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
    throw new PayCheckoutError('config', 'payload is not JSON-serializable');
  }
  let answer: { id?: unknown; url?: unknown } | null;
  try {
    // The timeout covers the body too, so an endpoint that stalls mid-answer cannot hang the element.
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: json,
      credentials: 'same-origin',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    if (!response.ok) throw new PayCheckoutError('session', `session-endpoint answered ${response.status}`);
    answer = await response.json();
  } catch (error) {
    if (signal.aborted || error instanceof PayCheckoutError) throw error;
    const timedOut = (error as Error).name == 'TimeoutError';
    throw new PayCheckoutError('session', timedOut ? `session-endpoint timed out after ${timeoutMs} ms` : `session-endpoint failed: ${error}`);
  }
  const { id, url } = answer ?? {};
  if (typeof id != 'string' || !id || typeof url != 'string' || !url) {
    throw new PayCheckoutError('session', 'session-endpoint did not answer { "id", "url" }');
  }
  if (looksLikeSecret(id) || looksLikeSecret(url)) {
    throw new PayCheckoutError('insecure-config', 'session-endpoint answered a provider secret');
  }
  return { id, url };
};
