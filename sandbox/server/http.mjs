// Small HTTP helpers shared by the sandbox's provider stand-ins: JSON in and out, Basic auth, a tiny router.
// @ts-check

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

export const MAX_BODY_BYTES = 100 * 1024;
/** Past this a client that keeps sending is cut off instead of drained. */
const MAX_DRAIN_BYTES = 10 * 1024 * 1024;

/** An error that knows the HTTP answer it becomes. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
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
 * @param {string | Buffer} body
 * @param {Record<string, string>} headers
 */
export function send(res, status, body, headers) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/**
 * Errors carry both `error` (the REST APIs' field) and `code` (the checkout APIs' field), so every client
 * finds the one it reads.
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
 * The JSON body of an error answer.
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
export const errorBody = (code, message, extra = {}) => ({ error: code, code, message, ...extra });

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
    const tooLarge = () =>
      new HttpError(413, 'payload_too_large', `Request bodies are limited to ${limit / 1024} KB.`);
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

/**
 * @param {Request} req
 * @returns {Promise<any>} the parsed JSON body; an empty body reads as `{}`
 */
export async function readJson(req, limit = MAX_BODY_BYTES) {
  const text = (await readBody(req, limit)).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * @param {Request} req
 * @returns {{ user: string, password: string } | null}
 */
export function parseBasicAuth(req) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

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
