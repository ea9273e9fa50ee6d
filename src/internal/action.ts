// Posts a payment's outcome to the host's `action` endpoint. Imported lazily: only a page that sets
// `action` downloads it, and only once a token exists.
import { PayCheckoutError } from '../errors.js';
import type { PayTokenDetail } from '../events/pay-token.js';
import { timeLimit } from './async.js';

/** The longest server message the element shows. */
const MAX_SHOWN = 300;

/**
 * `_final`: the endpoint refused the attempt for good, with a 4xx answer but 408, 409 (a request with the same key
 * still in progress), 425 and 429, which may succeed later. Its token is spent (declined, used, expired, invalid):
 * posting it again can only be refused again, so the payment starts over with a new one.
 */
export type Refusal = { _final?: boolean };

/**
 * What each attempt's first POST sent, its URL and body: Retry sends the very same with the same key, whatever the
 * page changed since (`payload`, `action`). A backend may refuse a key with another body; a charge already made
 * under the key must not be posted again as a new one.
 */
const sent = new WeakMap<PayTokenDetail, [URL, string]>();

const parse = (text: string): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * POSTs `{ …payload, provider, intent, customerId, paymentToken, card, savedCard, saveCard }` as JSON
 * with the attempt's `Idempotency-Key`, and resolves with the answer of a 2xx (parsed JSON, else the
 * text, null when empty). Anything else, or no answer within `timeoutMs`, rejects with `action-failed`
 * (`_final` when the answer refused the attempt for good: Refusal), carrying the server's JSON `message` to
 * show. The element's own fields win over `payload`'s.
 */
export const postAction = async (
  url: URL,
  attempt: PayTokenDetail,
  payload: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<unknown> => {
  const limit = timeLimit(signal, timeoutMs);
  try {
    return await post(url, attempt, payload, limit.signal);
  } catch (error) {
    throw limit.timedOut() ? new PayCheckoutError('action-failed', `POST ${url.href} timed out after ${timeoutMs} ms`) : error;
  } finally {
    limit.done();
  }
};

const post = async (given: URL, attempt: PayTokenDetail, payload: unknown, signal: AbortSignal): Promise<unknown> => {
  const { provider, intent, customerId, paymentToken, card, savedCard, saveCard, idempotencyKey } = attempt;
  let response: Response;
  let text: string;
  let url = given;
  try {
    if (!sent.has(attempt)) {
      // Until a POST goes out, the page may still mend its payload.
      if (payload != null && (typeof payload != 'object' || Array.isArray(payload))) {
        throw new TypeError('payload must be a plain object');
      }
      sent.set(attempt, [given, JSON.stringify({ ...payload, provider, intent, customerId, paymentToken, card, savedCard, saveCard })]);
    }
    let body: string;
    [url, body] = sent.get(attempt)!;
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKey },
      body,
      credentials: 'same-origin',
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw new PayCheckoutError('action-failed', `POST ${url.href} failed: ${error}`);
  }
  const body = parse(text);
  if (response.ok) return body;
  const message = (body as { message?: unknown } | null)?.message;
  const { status } = response;
  const refusal: Refusal = { _final: status >= 400 && status < 500 && ![408, 409, 425, 429].includes(status) };
  throw Object.assign(
    new PayCheckoutError(
      'action-failed',
      `POST ${url.href} answered ${status}: ${text.slice(0, 200)}`,
      true,
      typeof message == 'string' && message.trim() ? message.trim().slice(0, MAX_SHOWN) : undefined,
    ),
    refusal,
  );
};
