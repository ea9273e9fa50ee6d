// The Node HTTP kit of the sandbox server (sandbox/server/) and the demo merchant backend (demo/*.mjs): JSON
// bodies in and out, errors that know their answer, Basic and bearer credentials checked in constant time, a
// tiny router, and waits that end when the client goes. Validation is in validate.mjs next to it.
// @ts-check
import { createHash, timingSafeEqual } from 'node:crypto';
import { validateHeaderName, validateHeaderValue } from 'node:http';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

export const MAX_BODY_BYTES = 100 * 1024;
/** Past this a client that keeps sending is cut off instead of drained. */
const MAX_DRAIN_BYTES = 10 * 1024 * 1024;

/** An error that knows the HTTP answer it becomes: `status` and the JSON `{ error: code, code, message, ...extra }`. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message safe to show: never a secret
   * @param {Record<string, unknown>} [extra] more fields for the JSON body
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * The JSON body of an error answer. It carries both `error` (the REST APIs' field) and `code` (the checkout
 * APIs' field), so every client finds the one it reads.
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
export const errorBody = (code, message, extra = {}) => ({ error: code, code, message, ...extra });

/**
 * `headers` without those Node would refuse to write (a control character, a character above U+00FF), each
 * dropped one logged: an answer is written after its handler acted (a charge, a customer created), and a header
 * that threw there would turn that answer into a dropped socket or a 500.
 * @param {Record<string, string>} headers
 */
function writableHeaders(headers) {
  /** @type {Record<string, string>} */
  const kept = {};
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      kept[name] = value;
    } catch {
      console.error(`[http] header ${JSON.stringify(name)} dropped: Node cannot write its value`);
    }
  }
  return kept;
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string>} headers
 */
export function send(res, status, body, headers) {
  if (res.headersSent || res.destroyed) return;
  const ignored = ignoredFields(res.req);
  res.writeHead(
    status,
    writableHeaders({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(Buffer.byteLength(body)),
      ...(ignored.length ? { [IGNORED_FIELDS_HEADER]: ignored.map(headerSafeField).join(', ') } : {}),
      ...headers,
    }),
  );
  res.end(body);
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 * @param {Record<string, string>} [headers]
 */
export function sendError(res, status, code, message, extra = {}, headers = {}) {
  sendJson(res, status, errorBody(code, message, extra), headers);
}

/**
 * Answers a failed request: an HttpError as itself, anything else as a 500 that says nothing of its cause
 * (which is logged under `label`).
 * @param {Response} res
 * @param {unknown} error
 * @param {string} label e.g. `[sandbox]`
 * @param {Record<string, string>} [headers]
 */
export function sendFailure(res, error, label, headers = {}) {
  if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message, error.extra, headers);
  console.error(label, error);
  sendError(res, 500, 'internal_error', 'The server could not handle this request.', {}, headers);
}

/**
 * Refuses a method with 405 and the `Allow` header.
 * @param {Response} res
 * @param {string[]} allowed
 * @param {string} [method]
 * @returns {never}
 */
export function methodNotAllowed(res, allowed, method = 'This method') {
  res.setHeader('Allow', allowed.join(', '));
  throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here: use ${allowed.join(' or ')}.`);
}

/**
 * Reads the whole body, refusing more than `limit` bytes with 413. An oversized body is still drained
 * (up to a hard cap) so the client reads our 413 instead of a reset connection.
 * @param {Request} req
 * @param {number} [limit]
 * @returns {Promise<Buffer>}
 */
export function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    const tooLarge = () => new HttpError(413, 'payload_too_large', `Request bodies are limited to ${limit / 1024} KB.`);
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        reject(tooLarge());
      }
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** As Jackson's default limit (an assumption about the providers' parsers): deeper JSON is refused, not parsed. */
export const MAX_JSON_DEPTH = 1000;

/**
 * The structure of JSON text, read in one pass without recursion (strings skipped): how deeply its arrays and
 * objects nest, and where its first array or object ends (the index after its closing bracket; -1 if none closes).
 * @param {string} text
 */
export function jsonShape(text) {
  let depth = 0;
  let deepest = 0;
  let end = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if ((char === '}' || char === ']') && --depth === 0 && end < 0) end = i + 1;
  }
  return { depth: deepest, end };
}

/**
 * @param {Request} req
 * @param {number} [limit]
 * @returns {Promise<any>} the parsed JSON body; an empty body reads as `{}`
 */
export async function readJson(req, limit = MAX_BODY_BYTES) {
  const text = (await readBody(req, limit)).toString('utf8').trim();
  if (!text) return {};
  if (jsonShape(text).depth > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'invalid_json', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * Refuses what a page of another site can make a browser send without asking (CSRF), as pay-checkout/server's
 * handlers do for the demo's Reepay and Paiwise routes: a request whose `Origin` is not this server's own origin
 * (`http://<Host>`) is 403 `forbidden_origin`; with `jsonBody`, a request whose body is not `application/json` is
 * 415 `unsupported_media_type`, since only JSON needs a CORS preflight (a form or `text/plain` does not).
 * @param {Request} req
 * @param {{ jsonBody: boolean }} options
 */
export function refuseCrossSite(req, { jsonBody }) {
  const origin = req.headers.origin;
  if (origin !== undefined && (!req.headers.host || origin !== `http://${req.headers.host}`)) {
    throw new HttpError(403, 'forbidden_origin', 'This origin may not call this endpoint.');
  }
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (jsonBody && type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON object in the body (`{}` when empty); anything else is 400 `invalid_request`.
 * @param {Request} req
 * @param {number} [limit]
 * @returns {Promise<Record<string, any>>}
 */
export async function readJsonObject(req, limit = MAX_BODY_BYTES) {
  const body = await readJson(req, limit);
  if (!isObject(body)) throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object.');
  return body;
}

/** Names the fields of a request body the sandbox took but did not read: accepted, not silently dropped. */
export const IGNORED_FIELDS_HEADER = 'Sandbox-Ignored-Fields';
/** @type {WeakMap<Request, { raw: unknown, read: Set<string> }>} */
const trackedBodies = new WeakMap();
/** Each tracking proxy's target, so that code that must see the whole body (a fingerprint) reads it untracked. */
const targets = new WeakMap();

/**
 * Wraps a parsed JSON body so that reading a field is recorded: the answer to `req` then names, in the
 * `Sandbox-Ignored-Fields` header, every field the handler never read (`address`, `order.metadata`,
 * `items[1].note`), so that an extra or misspelt field is accepted, as the real services would, but not dropped
 * silently. Enumerating an object (a free-form one such as metaData) reads all its fields.
 * @template T
 * @param {Request} req
 * @param {T} body
 * @returns {T}
 */
export function trackFields(req, body) {
  /** @type {Set<string>} */
  const read = new Set();
  const proxies = new WeakMap();
  /**
   * @param {unknown} value
   * @param {string} path of `value`, `` for the body
   * @returns {any}
   */
  const wrap = (value, path) => {
    if (typeof value !== 'object' || value === null) return value;
    if (!proxies.has(value)) {
      const field = (/** @type {string} */ key) => (Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
      const proxy = new Proxy(value, {
        get(target, key, receiver) {
          if (typeof key !== 'string' || !Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
          read.add(field(key));
          return wrap(/** @type {any} */ (target)[key], field(key));
        },
        ownKeys(target) {
          for (const key of Object.keys(target)) read.add(field(key));
          return Reflect.ownKeys(target);
        },
      });
      proxies.set(value, proxy);
      targets.set(proxy, value);
    }
    return proxies.get(value);
  };
  trackedBodies.set(req, { raw: body, read });
  return wrap(body, '');
}

/**
 * The body (or part of it) without tracking: reading it records nothing.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export const untracked = (value) => (typeof value === 'object' && value !== null ? (targets.get(value) ?? value) : value);

/**
 * A field name as `Sandbox-Ignored-Fields` shows it: visible ASCII as it is, and every other character (controls,
 * space, anything beyond ASCII) percent-encoded as UTF-8, with `%` and `,` (the list's separator), so that any
 * JSON key can be named and read back with decodeURIComponent.
 * @param {string} field
 */
export const headerSafeField = (field) =>
  field.replace(/[^\x21-\x7e]|[%,]/gu, (char) =>
    Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );

/**
 * The fields of `req`'s tracked body nobody read: each one not read, or, for one read, those of its fields not read.
 * @param {Request | undefined} req
 * @returns {string[]}
 */
function ignoredFields(req) {
  const tracked = req && trackedBodies.get(req);
  if (!tracked) return [];
  /** @type {string[]} */
  const ignored = [];
  /**
   * @param {unknown} value
   * @param {string} path
   */
  const walk = (value, path) => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (Array.isArray(value) || tracked.read.has(field)) walk(item, field);
      else ignored.push(field);
    }
  };
  walk(tracked.raw, '');
  return ignored;
}

/**
 * Compares a secret given by a client with the expected one in constant time: both are hashed to one length
 * first, so neither the content nor the length of the expected secret leaks through timing.
 * @param {string} given
 * @param {string} expected
 */
export function safeEqual(given, expected) {
  const digest = (/** @type {string} */ text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * @param {Request} req
 * @returns {{ user: string, password: string } | null}
 */
export function basicCredentials(req) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * @param {Request} req
 * @returns {string | null} the token of `Authorization: Bearer <token>`
 */
export const bearerToken = (req) => /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;

/**
 * A router for `/path/:param` patterns. `match` tells a wrong method (405) apart from an unknown path.
 * @template Context
 */
export class Router {
  /** @type {{ methods: string[], regex: RegExp, keys: string[], handler: (ctx: Context, params: Record<string, string>) => unknown }[]} */
  #routes = [];

  /**
   * @param {string | string[]} methods
   * @param {string} pattern e.g. `/sandbox/pekopay/payment-token/:tenantId/generate`
   * @param {(ctx: Context, params: Record<string, string>) => unknown} handler
   */
  on(methods, pattern, handler) {
    /** @type {string[]} */
    const keys = [];
    const source = pattern
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.#routes.push({ methods: [methods].flat(), regex: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /**
   * @param {string} method
   * @param {string} pathname
   */
  match(method, pathname) {
    /** @type {string[]} */
    const allowed = [];
    for (const route of this.#routes) {
      const found = route.regex.exec(pathname);
      if (!found) continue;
      if (!route.methods.includes(method)) {
        allowed.push(...route.methods);
        continue;
      }
      try {
        const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
        return { handler: route.handler, params, allowed };
      } catch {
        return null; // undecodable parameter: no such resource
      }
    }
    return allowed.length ? { handler: null, params: {}, allowed } : null;
  }

  /**
   * Runs the route for a request: 404 for an unknown path, 405 for a wrong method.
   * @param {Context} ctx
   * @param {Request} req
   * @param {Response} res
   * @param {string} pathname
   */
  async dispatch(ctx, req, res, pathname) {
    const method = req.method ?? 'GET';
    const route = this.match(method, pathname);
    if (!route) throw new HttpError(404, 'not_found', `No endpoint ${method} ${pathname}.`);
    if (!route.handler) methodNotAllowed(res, route.allowed, method);
    await route.handler(ctx, route.params);
  }
}

/**
 * Resolves after `ms`, or early (with `false`) when the client goes away, so a pending delay never
 * keeps a closed server's process alive.
 * @param {Response} res
 * @param {number} ms
 * @returns {Promise<boolean>} true when the full delay elapsed with the client still there
 */
export function delayWhileConnected(res, ms) {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve(false);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

/**
 * An AbortSignal that fires when the client closes the connection before we answered, so work nobody waits for
 * any more is not left running. `done()` detaches it.
 * @param {Response} res
 */
export function clientGone(res) {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) controller.abort();
  };
  res.once('close', onClose);
  return { signal: controller.signal, done: () => res.off('close', onClose) };
}
