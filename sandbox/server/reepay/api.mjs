// How the Reepay stand-in's APIs speak: Basic auth with the private key as user name, JSON bodies read as
// Reepay's parser reads them, errors in Reepay's shape, and the checks of its parameters (one problem at a time,
// as Reepay reports them).
// @ts-check
import { basicCredentials, jsonShape, MAX_JSON_DEPTH, readBody, safeEqual, sendJson, trackFields } from '../../shared/http.mjs';
import { hex } from './store.mjs';

/** @typedef {import('./store.mjs').OrderLine} OrderLine */

export const REEPAY_PRIVATE_KEY = 'priv_sandbox_demo';
/** The account's defaults, used when a request leaves them out. */
export const ACCOUNT_CURRENCY = 'DKK';
const ACCOUNT_VAT = 0.25;
const MAX_TTL_SECONDS = 30 * 24 * 3600;
/** Per account unique references: `[a-zA-Z0-9_.-@]`, at most 255. */
const HANDLE = /^[\w.@-]{1,255}$/;
const HTTP_REASONS = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
});

/**
 * A failure answered in Reepay's error shape: `{ code, error, message, path, timestamp, http_status,
 * http_reason, request_id }`.
 */
export class ReepayError extends Error {
  /**
   * @param {number} status
   * @param {number} code Reepay's numeric error code
   * @param {string} error Reepay's short error text
   * @param {string} [message] what exactly was wrong
   */
  constructor(status, code, error, message) {
    super(message ?? error);
    this.status = status;
    this.code = code;
    this.error = error;
    this.detail = message;
  }
}

/** @param {string} message */
export const invalidParameter = (message) => new ReepayError(400, 3, 'Invalid parameter(s)', message);
/** @param {string} message */
export const invalidRequest = (message) => new ReepayError(400, 1, 'Invalid request', message);

/**
 * Parses the first JSON value of `text` and ignores what follows it, as Java's Jackson does by default
 * (an assumption about Reepay's parser). The seed's recurring-session example has a stray `}` that closes
 * the object early; Reepay accepts it and never sees the fields after it, and so does the sandbox.
 * @param {string} text
 */
export function parseLeadingJson(text) {
  const trimmed = text.trim();
  const { depth, end } = jsonShape(trimmed);
  if (depth > MAX_JSON_DEPTH) throw invalidRequest(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(trimmed);
  } catch {
    // maybe a complete object or array followed by trailing content
  }
  if ((trimmed[0] === '{' || trimmed[0] === '[') && end > 0) {
    try {
      return JSON.parse(trimmed.slice(0, end));
    } catch {
      // not even its first value is JSON
    }
  }
  throw invalidRequest('The request body is not valid JSON.');
}

/** @param {import('node:http').IncomingMessage} req */
export async function readReepayJson(req) {
  let raw;
  try {
    raw = await readBody(req);
  } catch {
    throw new ReepayError(413, 1, 'Invalid request', 'Request bodies are limited to 100 KB.');
  }
  const text = raw.toString('utf8');
  const body = text.trim() ? parseLeadingJson(text) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  return trackFields(req, /** @type {Record<string, any>} */ (body));
}

/** Reepay takes the private key as the Basic user name; the password is ignored. @param {import('node:http').IncomingMessage} req */
function authorize(req) {
  const auth = basicCredentials(req);
  if (!auth || !safeEqual(auth.user, REEPAY_PRIVATE_KEY)) {
    throw new ReepayError(
      401,
      401,
      'Unauthorized',
      `Basic auth with the private key as user is required (sandbox: ${REEPAY_PRIVATE_KEY}).`,
    );
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {ReepayError} error
 */
function sendReepayError(res, url, error) {
  sendJson(res, error.status, {
    code: error.code,
    error: error.error,
    ...(error.detail ? { message: error.detail } : {}),
    path: url.pathname,
    timestamp: new Date().toISOString(),
    http_status: error.status,
    http_reason: HTTP_REASONS[error.status] ?? 'Error',
    request_id: hex(),
  });
}

/**
 * Wraps a public API handler: Basic auth first, Reepay-shaped errors.
 * @param {(ctx: import('../index.mjs').RequestContext, params: Record<string, string>) => Promise<void> | void} handler
 * @returns {(ctx: import('../index.mjs').RequestContext, params: Record<string, string>) => Promise<void>}
 */
export const api = (handler) => async (ctx, params) => {
  try {
    authorize(ctx.req);
    await handler(ctx, params);
  } catch (error) {
    if (!(error instanceof ReepayError)) throw error;
    ctx.req.resume();
    sendReepayError(ctx.res, ctx.url, error);
  }
};

// ── validation helpers ────────────────────────────────────────────────────────────────────────────────

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
export function optionalString(value, name, max = 1024) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw invalidParameter(`${name} must be a string of at most ${max} characters.`);
  return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
export function optionalBoolean(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(`${name} must be true or false.`);
  return value;
}

/**
 * Reepay's "either this argument must be provided or that one".
 * @param {Record<string, unknown>} body
 * @param {string} one
 * @param {string} other
 */
export function exactlyOne(body, one, other) {
  if ((body[one] === undefined) === (body[other] === undefined)) {
    throw invalidParameter(`Either ${one} or ${other} must be provided.`);
  }
}

/**
 * @param {unknown} value
 * @param {string} name
 */
export function handleOf(value, name) {
  if (typeof value !== 'string' || !HANDLE.test(value)) {
    throw invalidParameter(`${name} must be 1 to 255 characters of a-z, A-Z, 0-9, _ . - @.`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
export function returnUrl(value, name) {
  const text = optionalString(value, name, 2048);
  if (text === undefined) return null;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // refused below
  }
  throw invalidParameter(`${name} must be an absolute http(s) URL.`);
}

/**
 * An ISO-8601 duration such as `PT3H` or `P1DT30M`, in milliseconds.
 * @param {unknown} value
 * @param {number} fallbackSeconds
 */
export function ttlOf(value, fallbackSeconds) {
  if (value === undefined || value === null) return fallbackSeconds * 1000;
  const match = typeof value === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value) : null;
  const seconds = match
    ? Number(match[1] ?? 0) * 86400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0)
    : NaN;
  if (!(seconds > 0) || seconds > MAX_TTL_SECONDS || (typeof value === 'string' && value.endsWith('T'))) {
    throw invalidParameter('ttl must be an ISO-8601 duration such as PT3H, at most 30 days.');
  }
  return seconds * 1000;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
export function integerOf(value, name, min = 0) {
  if (!Number.isSafeInteger(value) || /** @type {number} */ (value) < min) {
    throw invalidParameter(`${name} must be an integer of at least ${min} (minor units).`);
  }
  return /** @type {number} */ (value);
}

/**
 * Computes order lines as Reepay does: `amount` per unit, VAT included unless `amount_incl_vat` is false
 * (then VAT is added on top); `vat` defaults to the account's rate.
 * @param {unknown} lines
 * @returns {OrderLine[]}
 */
export function orderLinesOf(lines) {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 100) {
    throw invalidParameter('order_lines must be a list of 1 to 100 order lines.');
  }
  return lines.map((line, index) => {
    const name = `order_lines[${index}]`;
    if (typeof line !== 'object' || line === null) throw invalidParameter(`${name} must be an object.`);
    const ordertext = optionalString(line.ordertext, `${name}.ordertext`);
    if (!ordertext) throw invalidParameter(`${name}.ordertext is required.`);
    if (!Number.isSafeInteger(line.amount)) throw invalidParameter(`${name}.amount must be an integer (minor units).`);
    const quantity = line.quantity === undefined ? 1 : integerOf(line.quantity, `${name}.quantity`, 1);
    const vat = line.vat === undefined || line.vat === null ? ACCOUNT_VAT : Number(line.vat);
    if (typeof (line.vat ?? 0) !== 'number' || !(vat >= 0 && vat <= 1)) throw invalidParameter(`${name}.vat must be a number from 0 to 1.`);
    const inclVat = optionalBoolean(line.amount_incl_vat, `${name}.amount_incl_vat`) ?? true;
    const unit = inclVat ? line.amount : Math.round(line.amount * (1 + vat));
    const amount = unit * quantity;
    const exVat = inclVat ? Math.round(amount / (1 + vat)) : line.amount * quantity;
    return {
      id: `ol_${hex(8)}`,
      ordertext,
      amount,
      vat,
      quantity,
      unit_amount: unit,
      amount_vat: amount - exVat,
      amount_ex_vat: exVat,
      amount_defined_incl_vat: inclVat,
    };
  });
}
