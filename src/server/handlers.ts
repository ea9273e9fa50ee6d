// What the browser-facing request handlers share: plain Web-Fetch `(Request) => Promise<Response>` handlers
// (Node 19+, Hono, Next.js route handlers, edge runtimes) that check the method, the Origin and the JSON body,
// run the merchant's callbacks and the provider call, and answer JSON (and CORS for the allowed origins).
// Failures become a 4xx for bad input and a 502 for the provider's, and never carry a credential or a
// provider's internals.
import type { ProviderRequestOptions } from './client.js';
import { ProviderApiError } from './errors.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/** Thrown by a merchant callback (or a handler) to answer the browser `{ error: code, message, ...extra }`. */
export class HandlerError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'HandlerError';
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export interface HandlerContext {
  request: Request;
  url: URL;
  /** The JSON object the browser sent (`{}` when empty, or for GET). Untrusted: never read prices from it. */
  body: Record<string, unknown>;
  /** Aborts when the browser goes away (the request's signal). */
  signal: AbortSignal;
}

export interface HandlerOptions {
  /**
   * Origins whose pages may call the endpoint: a request with another `Origin` is refused (403), and these get
   * CORS answers (the preflight, `Access-Control-Allow-Origin`), so a page on another origin can call it.
   * Default: no `Origin` check and no CORS, so only pages of the endpoint's own origin can read its answers.
   */
  allowedOrigins?: readonly string[];
  /** The largest JSON body accepted, in bytes. Default 16 KiB. */
  maxBodyBytes?: number;
  /** Options of the provider call: extra query parameters, a time limit. */
  callOptions?: (context: HandlerContext) => Pick<ProviderRequestOptions, 'query' | 'timeout'> | undefined;
  /**
   * Sees every failure before it is answered (to log it); a Response it returns is the answer instead.
   * `context` is undefined when the request failed before its body was read. It gets the provider's full error
   * (`ProviderApiError`: status, code, message, body), whatever the browser is answered.
   */
  onError?: (error: unknown, context: HandlerContext | undefined) => Response | void | Promise<Response | void>;
  /**
   * Answer the provider's own refusal of the request (its 400, 404 or 422: its code and the field it named) to the
   * browser, instead of a 502. For your own endpoints whose provider call carries what the browser named (an
   * invoice, an amount to refund). Default: true for `createJsonHandler`; false for the ready-made handlers,
   * whose provider call is built by your callback from your own data.
   */
  passProviderRefusals?: boolean;
}

/** How `providerFailure` tells the browser's mistakes from the merchant's. */
export interface ProviderFailureOptions {
  /**
   * The fields (body fields or headers) the browser sent that went into the provider call as they were: the
   * provider's 400/422 naming one of them is the browser's to fix (400, with that field).
   */
  browserFields?: readonly string[];
  /** Answer every 400, 404 and 422 of the provider as the browser's (see `HandlerOptions.passProviderRefusals`). */
  passRefusals?: boolean;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
/** The request headers the element sends that a cross-origin POST has to be allowed (preflight). */
const CORS_ALLOW_HEADERS = 'content-type, idempotency-key';
/** How long a browser may keep a preflight's answer, in seconds (Chromium keeps at most 7200). */
const CORS_MAX_AGE = '600';
/** PekoPay's codes for a payment token it will not charge (again): the shopper enters the card again. */
const TOKEN_CODES = ['invalid_session_token', 'token_expired', 'token_used', 'token_not_tokenized'];
const PROVIDER_NAMES: Record<string, string> = { pekopay: 'PekoPay', reepay: 'Reepay', paiwise: 'Paiwise' };

/** A JSON answer that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** Reads at most `max` bytes of the body as text (413 beyond), without buffering more. */
async function readText(request: Request, max: number): Promise<string> {
  const tooLarge = () => new HandlerError(413, 'payload_too_large', `Bodies are limited to ${max} bytes.`);
  if (Number(request.headers.get('content-length')) > max) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

async function readBody(request: Request, max: number, jsonOnly: boolean): Promise<Record<string, unknown>> {
  if (request.method == 'GET' || request.method == 'HEAD') return {};
  // A page on another site can POST a form or text/plain without asking, but application/json needs a CORS
  // preflight, which only the allowed origins get answered: so another site cannot make a POST-only endpoint act.
  const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (jsonOnly && type != 'application/json') {
    throw new HandlerError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = (await readText(request, max)).trim();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HandlerError(400, 'invalid_json', 'The request body is not JSON.');
  }
  if (typeof body != 'object' || body === null || Array.isArray(body)) {
    throw new HandlerError(400, 'invalid_request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/**
 * What the browser may learn of a failed provider call: only what the shopper can act on. A decline (402), a payment
 * token that cannot be charged (410), a state conflict (409: the same payment still being charged, a checkout in
 * another status), a return URL off the shop, and the provider's refusal of a field the browser sent. Anything
 * else is the merchant's request or account (a wrong tenant, a missing customer, an unknown product), or the
 * provider failing: 502 `provider_unavailable`, with a message that names neither. The provider's own message
 * never reaches the browser; `onError` sees the whole error.
 */
export function providerFailure(
  error: ProviderApiError,
  { browserFields = [], passRefusals = false }: ProviderFailureOptions = {},
): HandlerError {
  const { status, code, field } = error;
  const name = PROVIDER_NAMES[error.provider] ?? 'The payment provider';
  const named = field === undefined ? {} : { field };
  // Our own check (PaiwiseClient.checkReturnUrl), made before any request: its message is ours.
  if (code == 'return_url_not_allowed' && status == 0) return new HandlerError(400, code, error.message, named);
  // Our own check too (ProviderClient refuses an id that is empty, "." or ".."), made before any request; its
  // message names the provider's path, so it is not passed on.
  if (code == 'invalid_path_segment' && status == 0) return new HandlerError(400, 'invalid_request', 'An id in this request is not valid.');
  if (status == 402) return new HandlerError(402, 'payment_declined', 'The card was declined. Try another card.');
  if (error.provider == 'pekopay' && TOKEN_CODES.includes(code)) {
    // Final for the element (it lets the token go and starts over), where a 409 would have it post the token again.
    return new HandlerError(410, code, 'This payment can no longer be charged. Enter your card again.', { field: 'paymentToken' });
  }
  if (status == 409) {
    // A state conflict: the resource's current status (Paiwise's `status`), when the provider named it.
    const current = (error.body as { status?: unknown } | undefined)?.status;
    const message = `${name} refused the request in the current state of the payment. Try again in a moment.`;
    return new HandlerError(409, code, message, { ...named, ...(typeof current == 'string' ? { status: current } : {}) });
  }
  const refusal = status == 400 || status == 404 || status == 422;
  if (refusal && field !== undefined && status != 404 && browserFields.includes(field)) {
    return new HandlerError(400, code, `${name} refused ${field}.`, named);
  }
  if (refusal && passRefusals) return new HandlerError(status == 404 ? 404 : 400, code, `${name} refused the request.`, named);
  const why = code == 'timeout' ? 'did not answer in time' : status ? 'failed to answer' : 'could not be reached';
  return new HandlerError(502, 'provider_unavailable', `${name} ${why}. Try again in a moment.`);
}

/** The answer for `error`: the handler's, the provider's word the browser may have, a 502, or a 500 that says nothing. */
function failureResponse(error: unknown, failure: ProviderFailureOptions): Response {
  const known = error instanceof ProviderApiError ? providerFailure(error, failure) : error;
  if (known instanceof HandlerError) {
    return jsonResponse(known.status, { error: known.code, message: known.message, ...known.extra });
  }
  return jsonResponse(500, { error: 'internal_error', message: 'The request could not be handled.' });
}

/** `response` with `headers` added (a copy when its headers cannot change, e.g. a fetched one). */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const entries = Object.entries(headers);
  if (!entries.length) return response;
  try {
    for (const [key, value] of entries) response.headers.set(key, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [key, value] of entries) copy.headers.set(key, value);
    return copy;
  }
}

/**
 * A Fetch handler for `methods` that runs `run` with the checked request and answers its result as JSON
 * (200), or the failure it threw. With `allowedOrigins`, their pages may call it from another origin (CORS).
 */
export function createJsonHandler(
  options: HandlerOptions,
  methods: readonly string[],
  run: (context: HandlerContext) => Promise<unknown>,
): FetchHandler {
  return createHandler(options, methods, run, [], true);
}

/**
 * `createJsonHandler` for the ready-made handlers: the provider's refusals reach the browser only for
 * `browserFields` (unless `passProviderRefusals`), since the provider call is built from the merchant's data.
 */
export function createHandler(
  options: HandlerOptions,
  methods: readonly string[],
  run: (context: HandlerContext) => Promise<unknown>,
  browserFields: readonly string[] = [],
  passByDefault = false,
): FetchHandler {
  const failure: ProviderFailureOptions = { browserFields, passRefusals: options.passProviderRefusals ?? passByDefault };
  const allowed = options.allowedOrigins?.map((origin) => new URL(origin).origin);
  return async (request) => {
    let context: HandlerContext | undefined;
    const origin = request.headers.get('origin');
    // CORS only for an allowed page of another origin: never `*`, never credentials (the element sends no
    // cookies to another origin). Vary: the answer depends on the Origin.
    const cors: Record<string, string> = {};
    if (allowed && origin !== null) {
      cors.Vary = 'Origin';
      if (allowed.includes(origin) && origin != new URL(request.url).origin) cors['Access-Control-Allow-Origin'] = origin;
    }
    try {
      if (allowed && origin !== null && !allowed.includes(origin)) {
        throw new HandlerError(403, 'forbidden_origin', 'This origin may not call this endpoint.');
      }
      if (request.method == 'OPTIONS' && cors['Access-Control-Allow-Origin'] && request.headers.has('access-control-request-method')) {
        const preflight = {
          'Access-Control-Allow-Methods': methods.join(', '),
          'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
          'Access-Control-Max-Age': CORS_MAX_AGE,
        };
        return withHeaders(new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store', ...preflight } }), cors);
      }
      if (!methods.includes(request.method)) {
        const message = `Use ${methods.join(' or ')}.`;
        return withHeaders(jsonResponse(405, { error: 'method_not_allowed', message }, { Allow: methods.join(', ') }), cors);
      }
      // An endpoint a GET may call (token-url) acts on a plain request anyway: only the others insist on JSON.
      const body = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, !methods.includes('GET'));
      context = { request, url: new URL(request.url), body, signal: request.signal };
      return withHeaders(jsonResponse(200, await run(context)), cors);
    } catch (error) {
      // An onError that fails itself leaves the failure to the default answer.
      const answer = await Promise.resolve()
        .then(() => options.onError?.(error, context))
        .catch(() => undefined);
      return withHeaders(answer instanceof Response ? answer : failureResponse(error, failure), cors);
    }
  };
}

/** The provider call's options for `context`: the handler's `callOptions` and the request's abort signal. */
export const callOptionsOf = (options: HandlerOptions, context: HandlerContext): ProviderRequestOptions => ({
  ...options.callOptions?.(context),
  signal: context.signal,
});

/** Refuses a body whose `provider` names another provider (the element sends its own). */
export function checkProvider(body: Record<string, unknown>, provider: string): void {
  if (body.provider !== undefined && body.provider !== provider) {
    throw new HandlerError(400, 'invalid_request', `This endpoint is for ${provider}.`, { field: 'provider' });
  }
}

/**
 * A `POST` JSON handler for one provider's endpoint: a body whose `provider` names another provider is
 * refused before `run` sees it. The provider's refusals reach the browser only for `browserFields`, the fields
 * the browser sent that went into the provider call.
 */
export function createProviderHandler(
  options: HandlerOptions,
  provider: string,
  run: (context: HandlerContext) => Promise<unknown>,
  browserFields: readonly string[] = [],
): FetchHandler {
  return createHandler(
    options,
    ['POST'],
    (context) => {
      checkProvider(context.body, provider);
      return run(context);
    },
    browserFields,
  );
}
