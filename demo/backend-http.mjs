// What the demo merchant backend adds to the HTTP kit (sandbox/shared/http.mjs) for pay-checkout/server: the
// bridge that runs its Web-Fetch handlers for Node's (req, res), and the sandbox switches its handlers pass on.
// @ts-check
import { Readable } from 'node:stream';
import { ProviderApiError } from 'pay-checkout/server';
import { clientGone, sendError } from '../sandbox/shared/http.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/**
 * The origin a request was sent to, `http://<Host>`, or undefined when its Host is missing or is not a host and
 * port alone (`a b`, `x@evil.example`, `a/b`), which no browser sends.
 * @param {Request} req
 */
export const requestOrigin = (req) => originOfHost(req.headers.host);

/**
 * `http://<host>`, or undefined when `host` is missing or is not a host and port alone.
 * @param {string | undefined} host
 */
export function originOfHost(host) {
  if (!host) return undefined;
  try {
    const url = new URL(`http://${host}`);
    return url.host === host.toLowerCase() && url.pathname === '/' ? url.origin : undefined;
  } catch {
    return undefined;
  }
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
  const origin = requestOrigin(req);
  if (!origin) return sendError(res, 400, 'bad_host', 'The Host header is missing or not valid.');
  const gone = clientGone(res);
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of [value ?? []].flat()) headers.append(name, one);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(new URL(req.url ?? '/', origin), {
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
export const sandboxSwitches =
  (isSandbox, keys) =>
  ({ url }) =>
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
