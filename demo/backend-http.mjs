// HTTP helpers for the demo merchant backend's provider modules: JSON answers, bodies, errors the
// browser may see, an AbortSignal that fires when the browser gives up, and the bridge that runs
// pay-checkout/server's Web-Fetch handlers for Node's (req, res).
// @ts-check
import { Readable } from 'node:stream';
import { ProviderApiError } from 'pay-checkout/server';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

const MAX_BODY_BYTES = 64 * 1024;

/** An error answer for the browser: `{ error: code, message, ...extra }` with `status`. */
export class BackendError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message safe to show: never a secret, never a provider's internals
   * @param {Record<string, unknown>} [extra]
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
  sendRaw(res, status, JSON.stringify(body), headers);
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} text already JSON (or what a sandbox fault made of it)
 * @param {Record<string, string>} [headers]
 */
export function sendRaw(res, status, text, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * @param {Response} res
 * @param {unknown} error
 */
export function sendFailure(res, error) {
  if (error instanceof BackendError) {
    return sendJson(res, error.status, { error: error.code, message: error.message, ...error.extra });
  }
  console.error('[merchant backend]', error);
  sendJson(res, 500, { error: 'internal_error', message: 'The shop could not handle this request.' });
}

/**
 * @param {Response} res
 * @param {string[]} allowed
 */
export function methodNotAllowed(res, allowed) {
  res.setHeader('Allow', allowed.join(', '));
  throw new BackendError(405, 'method_not_allowed', `Use ${allowed.join(' or ')}.`);
}

/**
 * The raw body, at most `limit` bytes (413 beyond).
 * @param {Request} req
 * @param {number} [limit]
 * @returns {Promise<Buffer>}
 */
export function readRawBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit
        ? reject(new BackendError(413, 'payload_too_large', `Bodies are limited to ${limit / 1024} KB.`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/**
 * The JSON object in the body; `{}` when empty.
 * @param {Request} req
 * @returns {Promise<Record<string, any>>}
 */
export async function readJsonBody(req) {
  const text = (await readRawBody(req)).toString('utf8').trim();
  if (!text) return {};
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BackendError(400, 'invalid_json', 'The request body is not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BackendError(400, 'invalid_request', 'The request body must be a JSON object.');
  }
  return body;
}

/**
 * An AbortSignal that fires when the browser closes the connection before we answered, so a provider
 * call nobody waits for any more is not left running. `done()` detaches it.
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

/**
 * Runs a Web-Fetch handler (`(Request) => Promise<Response>`, as pay-checkout/server's are) for a Node
 * request: the body streamed, the request's signal aborted when the browser goes, the answer written back
 * (unless the browser has gone).
 * @param {(request: globalThis.Request) => Promise<globalThis.Response>} handler
 * @param {Request} req
 * @param {Response} res
 */
export async function runFetchHandler(handler, req, res) {
  const gone = clientGone(res);
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
      method,
      headers,
      body: hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined,
      signal: gone.signal,
      // @ts-expect-error Node's fetch needs it for a streamed body; the DOM types do not know it
      duplex: 'half',
    });
    const response = await handler(request);
    if (gone.signal.aborted || res.headersSent || res.destroyed) return;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } finally {
    gone.done();
  }
}

/**
 * A handler's `callOptions` that passes the request's sandbox switches (`?sandbox_fault=500` …) on to the
 * provider call, against the sandbox only.
 * @param {boolean} isSandbox
 * @param {string[]} keys
 * @returns {(context: { url: URL }) => { query: Record<string, string | undefined> } | undefined}
 */
export const sandboxSwitches = (isSandbox, keys) => ({ url }) =>
  isSandbox ? { query: Object.fromEntries(keys.map((key) => [key, url.searchParams.get(key) ?? undefined])) } : undefined;

/**
 * A handler's `onError` that, against the sandbox only, passes its malformed and missing faults' answers to
 * the browser unchanged, so that the element's handling of a broken endpoint can be tested end to end. A real
 * provider's odd answer stays a 502.
 * @param {boolean} isSandbox
 * @returns {(error: unknown) => globalThis.Response | undefined}
 */
export const sandboxFaultsPassThrough = (isSandbox) => (error) => {
  if (!isSandbox || !(error instanceof ProviderApiError) || error.code !== 'invalid_response') return undefined;
  const text = typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? {});
  return new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
