// One JSON call over fetch with a time limit and the caller's abort signals, shared by the provider clients.
// Runs in Node and in edge runtimes: fetch, AbortController, TextEncoder and btoa only.
import type { ProviderApiErrorInit } from './errors.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface JsonCall {
  fetch: FetchLike;
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  signals: (AbortSignal | undefined)[];
}

/** What a call produced: the answer, or why there was none (for the client to turn into its error class). */
export type JsonResult = { ok: true; status: number; body: unknown } | { ok: false; error: Omit<ProviderApiErrorInit, 'provider'> };

/** The longest time limit a timer can hold: 2^31-1 ms (about 24.8 days); Node fires a longer one at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * `timeout` when it is a time limit a timer can keep (a finite number of ms above 0, at most 2^31-1); else a
 * TypeError. 0, a negative number, NaN or Infinity would end every call at once (and Node warns
 * TimeoutOverflowWarning), so they are refused rather than taken as "no limit".
 */
export function checkTimeout(timeout: unknown, where: string): number {
  if (typeof timeout != 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_MS) {
    throw new TypeError(`${where}: timeout must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, not ${String(timeout)}`);
  }
  return timeout;
}

/** `Basic base64(user:password)`, UTF-8 safe without Buffer. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

const parse = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value == 'object' && value !== null;

/** Sends one request and reads the whole answer within `timeoutMs` (checked by the caller); never throws. */
export async function callJson({ fetch, method, url, headers, body, timeoutMs, signals }: JsonCall): Promise<JsonResult> {
  const path = url.pathname;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const abort = () => controller.abort();
  const given = signals.filter((signal): signal is AbortSignal => !!signal);
  for (const signal of given) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  try {
    const response = await fetch(url.href, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
    const text = await response.text();
    const parsed = parse(text);
    if (response.ok) {
      if (typeof parsed == 'string') {
        return {
          ok: false,
          error: {
            status: response.status,
            code: 'invalid_response',
            message: `${method} ${path} answered ${response.status} with a body that is not JSON.`,
            method,
            path,
            body: parsed,
          },
        };
      }
      return { ok: true, status: response.status, body: parsed };
    }
    const answer = isRecord(parsed) ? parsed : {};
    const code = typeof answer.code == 'string' ? answer.code : typeof answer.error == 'string' ? answer.error : `http_${response.status}`;
    const message = typeof answer.message == 'string' ? answer.message : `${method} ${path} answered ${response.status}.`;
    const fields = Array.isArray(answer.fields)
      ? answer.fields.filter((item): item is { field: string; message: string } => isRecord(item) && typeof item.field == 'string')
      : undefined;
    const field = typeof answer.field == 'string' ? answer.field : fields?.[0]?.field;
    return { ok: false, error: { status: response.status, code, message, method, path, field, fields, body: parsed } };
  } catch (cause) {
    const aborted = !timedOut && given.some((signal) => signal.aborted);
    const [code, message] = timedOut
      ? ['timeout', `${method} ${path} got no answer within ${timeoutMs} ms.`]
      : aborted
        ? ['aborted', `${method} ${path} was aborted.`]
        : ['network_error', `${method} ${path} could not reach the provider.`];
    return { ok: false, error: { status: 0, code, message, method, path, cause } };
  } finally {
    clearTimeout(timer);
    for (const signal of given) signal.removeEventListener('abort', abort);
  }
}
