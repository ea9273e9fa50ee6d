// Webhook signature checks with Web Crypto (Node 20+, Deno, Bun, Cloudflare Workers, Vercel Edge): the
// signature is the hex HMAC-SHA256 of the raw request body, compared in constant time.
import { PekoPayError } from './errors.js';
import type { PekoPayWebhookEvent } from './pekopay-types.js';

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
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length != b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * True when `signature` (the `X-Webhook-Signature` header) is the hex HMAC-SHA256 of exactly `rawBody`
 * under `secret`. Pass the body as received, before any JSON parsing: re-serialized JSON does not match.
 */
export async function verifyWebhookSignature(
  rawBody: RawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<boolean> {
  if (typeof signature != 'string' || !secret) return false;
  const given = signature.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return constantTimeEqual(await hmacSha256Hex(secret, rawBody), given);
}

/**
 * Verifies a PekoPay webhook and returns its envelope `{ type, businessId, payload }`. Throws a
 * `PekoPayError` with code `invalid_signature` or `invalid_webhook` (answer the sender 400 then).
 */
export async function parsePekoPayWebhook(
  rawBody: RawBody,
  signature: string | null | undefined,
  secret: string,
): Promise<PekoPayWebhookEvent> {
  const fail = (code: string, message: string) =>
    new PekoPayError({ status: 0, code, message, method: 'POST', path: '(webhook)' });
  if (!(await verifyWebhookSignature(rawBody, signature, secret))) {
    throw fail('invalid_signature', 'The webhook signature does not match its body.');
  }
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(toBytes(rawBody)));
  } catch {
    throw fail('invalid_webhook', 'The webhook body is not JSON.');
  }
  const { type, businessId, payload } = (event ?? {}) as Partial<PekoPayWebhookEvent>;
  if (typeof type != 'string' || typeof businessId != 'string' || typeof payload != 'object' || payload === null) {
    throw fail('invalid_webhook', 'The webhook body is not a { type, businessId, payload } envelope.');
  }
  return { type, businessId, payload };
}
