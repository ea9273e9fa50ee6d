// What the three provider clients share: their options, the credentials kept out of the client object, and
// one call path (URL, query, headers, time limit, abort signals, typed error) over callJson.
import type { ProviderApiError, ProviderApiErrorInit } from './errors.js';
import { callJson, checkTimeout, type FetchLike } from './http.js';

export interface ProviderClientOptions {
  /** A fetch implementation (default: the global one), e.g. to log or to go through a proxy. */
  fetch?: FetchLike;
  /**
   * Time limit of each call in milliseconds, answer included: above 0, at most 2^31-1 (else the constructor throws
   * a TypeError). Default 10 000.
   */
  timeout?: number;
  /** Aborts every call of this client (e.g. at shutdown). */
  signal?: AbortSignal;
}

export interface ProviderRequestOptions {
  /** Aborts this call, e.g. when the browser that asked has gone. */
  signal?: AbortSignal;
  /** This call's time limit in milliseconds: above 0, at most 2^31-1 (else the call rejects with a TypeError). */
  timeout?: number;
  /** Extra query parameters (the local sandbox reads `sandbox_fault`, `sandbox_delay` …); undefined ones are left out. */
  query?: Record<string, string | undefined>;
}

/** One call: a request's options plus its JSON body and extra headers. */
export interface ProviderCallOptions extends ProviderRequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Each client's Authorization header, out of its own properties so that logging a client leaks nothing. */
const authorizations = new WeakMap<ProviderClient, string>();

/** Throws a TypeError naming the first of `keys` that is not a non-empty string. */
export function requireStrings<T extends object>(client: string, options: T, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const value = options[key];
    if (typeof value != 'string' || !value) throw new TypeError(`${client}: ${key} is required`);
  }
}

/**
 * A path segment a URL parser drops or resolves (`.`, `..`, also percent-encoded as `%2e`), or an empty one: an id
 * that is one of these calls another endpoint than the one meant (`getCharge('..')` would GET `/v1/`).
 */
const MISLEADING_SEGMENT = /^(?:(?:\.|%2e){1,2})?$/i;

/** An absolute base URL without its trailing slashes. */
export const baseUrlOf = (url: string): string => new URL(url).href.replace(/\/+$/, '');

export abstract class ProviderClient {
  private readonly _fetch: FetchLike;
  private readonly _timeout: number;
  private readonly _signal?: AbortSignal;

  protected constructor(authorization: string, options: ProviderClientOptions) {
    authorizations.set(this, authorization);
    this._fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this._timeout = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : checkTimeout(options.timeout, new.target.name);
    this._signal = options.signal;
  }

  /** The client's error for a failed call (its provider's subclass of ProviderApiError). */
  protected abstract _error(init: Omit<ProviderApiErrorInit, 'provider'>): ProviderApiError;

  /**
   * Calls `base + path`; resolves with the parsed answer of a 2xx, rejects with the client's error. A path with an
   * empty, `.` or `..` segment is refused before any request (code `invalid_path_segment`, status 0): it would call
   * another endpoint, with the merchant's credentials.
   */
  protected async _send<T>(base: string, method: string, path: string, options: ProviderCallOptions = {}): Promise<T> {
    const [pathOnly = ''] = path.split(/[?#]/);
    if (
      pathOnly
        .split('/')
        .slice(1)
        .some((segment) => MISLEADING_SEGMENT.test(segment))
    ) {
      throw this._error({
        status: 0,
        code: 'invalid_path_segment',
        message: `${method} ${path}: an id in the path is empty, "." or "..", which would call another endpoint.`,
        method,
        path,
      });
    }
    const timeoutMs =
      options.timeout === undefined ? this._timeout : checkTimeout(options.timeout, `${this.constructor.name} ${method} ${path}`);
    const url = new URL(base + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const result = await callJson({
      fetch: this._fetch,
      method,
      url,
      headers: { ...options.headers, Authorization: authorizations.get(this)!, Accept: 'application/json' },
      body: options.body,
      timeoutMs,
      signals: [this._signal, options.signal],
    });
    if (!result.ok) throw this._error(result.error);
    return result.body as T;
  }
}
