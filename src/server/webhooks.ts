// Webhook signature checks with Web Crypto (Node 19+, Deno, Bun, Cloudflare Workers, Vercel Edge), compared
// in constant time. PekoPay signs the raw request body (`X-Webhook-Signature`); Reepay signs `timestamp + id`
// and sends the signature in the body.
import { PekoPayError, ReepayError } from './errors.js';
import type { PekoPayWebhookEvent } from './pekopay-types.js';
import type { ReepayWebhookEvent } from './reepay-types.js';

export type RawBody = string | ArrayBuffer | ArrayBufferView;

const toBytes = (body: RawBody): Uint8Array<ArrayBuffer> =>
  typeof body == 'string'
    ? new TextEncoder().encode(body)
    : body instanceof ArrayBuffer
      ? new Uint8Array(body)
      : Uint8Array.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));

/** The lower-case hex HMAC-SHA256 of `body` under `secret`. */
export async function hmacSha256Hex(secret: string, body: RawBody): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, toBytes(body)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares two equal-length strings without stopping at the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length != b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** True when `signature` is the hex HMAC-SHA256 of `signed` under `secret` (either case, constant time). */
async function signatureMatches(signed: RawBody, signature: unknown, secret: string): Promise<boolean> {
  if (typeof signature != 'string' || !secret) return false;
  const given = signature.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return constantTimeEqual(await hmacSha256Hex(secret, signed), given);
}

/**
 * True when `signature` (the `X-Webhook-Signature` header) is the hex HMAC-SHA256 of exactly `rawBody`
 * under `secret`. Pass the body as received, before any JSON parsing: re-serialized JSON does not match.
 */
export function verifyWebhookSignature(rawBody: RawBody, signature: string | null | undefined, secret: string): Promise<boolean> {
  return signatureMatches(rawBody, signature, secret);
}

const parseJson = (body: RawBody): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(toBytes(body)));
  } catch {
    return undefined;
  }
};

export interface ReepayWebhookOptions {
  /**
   * Refuse an event whose signed `timestamp` is further than this from now, in milliseconds (either way, for
   * clocks that differ), with code `stale_webhook`: a captured event replayed later is refused. Default: no limit.
   * Reepay's documents do not say whether a redelivery keeps the first timestamp: allow for its retries.
   */
  maxAgeMs?: number;
  /** The time to compare with, in ms since the epoch. Default `Date.now()`. */
  now?: number;
}

/**
 * Verifies a Reepay webhook (the body as received, or already parsed) and returns it. Its `signature` must be
 * the hex HMAC-SHA256 of `timestamp + id` under the webhook secret. Throws a `ReepayError` with code
 * `invalid_webhook`, `invalid_signature` or (with `maxAgeMs`) `stale_webhook` (answer the sender 400 then). The
 * signature covers only `timestamp` and `id`: fetch the charge or subscription the event names from the API
 * instead of trusting the rest, and de-duplicate on `id`.
 */
export async function verifyReepayWebhook(
  body: RawBody | Record<string, unknown>,
  secret: string,
  options: ReepayWebhookOptions = {},
): Promise<ReepayWebhookEvent> {
  const { maxAgeMs, now = Date.now() } = options;
  if (maxAgeMs !== undefined && !(typeof maxAgeMs == 'number' && maxAgeMs > 0 && Number.isFinite(maxAgeMs))) {
    throw new TypeError(`verifyReepayWebhook: maxAgeMs must be a number of milliseconds above 0, not ${String(maxAgeMs)}`);
  }
  const fail = (code: string, message: string) => new ReepayError({ status: 0, code, message, method: 'POST', path: '(webhook)' });
  const isObject = typeof body == 'object' && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body);
  const event = (isObject ? body : parseJson(body as RawBody)) as Partial<ReepayWebhookEvent> | null | undefined;
  const { id, timestamp, signature, event_type } = event ?? {};
  if (typeof id != 'string' || !id || typeof timestamp != 'string' || !timestamp || typeof event_type != 'string') {
    throw fail('invalid_webhook', 'The webhook is not a Reepay event { id, timestamp, signature, event_type }.');
  }
  if (!(await signatureMatches(timestamp + id, signature, secret))) {
    throw fail('invalid_signature', 'The webhook signature does not match its timestamp and id.');
  }
  if (maxAgeMs !== undefined) {
    const signedAt = Date.parse(timestamp);
    if (Number.isNaN(signedAt)) throw fail('invalid_webhook', 'The webhook timestamp is not a date.');
    if (Math.abs(now - signedAt) > maxAgeMs) {
      throw fail('stale_webhook', `The webhook was signed at ${timestamp}, more than ${maxAgeMs} ms from now.`);
    }
  }
  return event as ReepayWebhookEvent;
}

/**
 * Verifies a PekoPay webhook and returns its envelope `{ type, businessId, payload }`. Throws a
 * `PekoPayError` with code `invalid_signature` or `invalid_webhook` (answer the sender 400 then). The body
 * carries no signed time and `X-Webhook-Id` is not signed: de-duplicate on the ids inside `payload`.
 */
export async function parsePekoPayWebhook(
  rawBody: RawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<PekoPayWebhookEvent> {
  const fail = (code: string, message: string) => new PekoPayError({ status: 0, code, message, method: 'POST', path: '(webhook)' });
  if (!(await verifyWebhookSignature(rawBody, signature, secret))) {
    throw fail('invalid_signature', 'The webhook signature does not match its body.');
  }
  const event = parseJson(rawBody);
  if (event === undefined) throw fail('invalid_webhook', 'The webhook body is not JSON.');
  const { type, businessId, payload } = (event ?? {}) as Partial<PekoPayWebhookEvent>;
  if (typeof type != 'string' || typeof businessId != 'string' || typeof payload != 'object' || payload === null) {
    throw fail('invalid_webhook', 'The webhook body is not a { type, businessId, payload } envelope.');
  }
  return { type, businessId, payload };
}
