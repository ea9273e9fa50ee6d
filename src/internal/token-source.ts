// Where payment-session tokens come from: a given value, the host's token URL or a host function.
// Tokens are remembered with their issue time; a used or expired token is never handed out again.
import { PayCheckoutError, toPayError } from '../errors.js';
import { guard, sleep } from './async.js';
import { looksLikeSecret } from './safe-url.js';

export type SessionTokenProvider = () => string | Promise<string>;

export interface TokenSourceOptions {
  /** A token the host already has (`session-token`). */
  initial?: string | undefined;
  /** The host endpoint answering `{ "token": "…" }` to a GET (`token-url`), already allow-listed. */
  url?: URL | undefined;
  /** A host function returning a fresh token (`sessionTokenProvider`). */
  provider?: SessionTokenProvider | undefined;
  /** How long a token lives after it was issued (PekoPay: 60 minutes). */
  lifetimeMs: number;
  /** Per-attempt limit for fetching a token. */
  timeoutMs: number;
  /** Further attempts after a failed fetch that may be transient (network, 5xx, timeout). */
  retries: number;
  /** Tokens already handed to the host, shared across the sources an element creates over its life. */
  used: Set<string>;
  /** Aborts every fetch and wait when the element lets go of this source. */
  signal: AbortSignal;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
}

export class TokenSource {
  private _current?: IssuedToken | undefined;
  private _pending?: Promise<string> | undefined;

  constructor(private readonly _options: TokenSourceOptions) {
    if (_options.initial) this._current = this._issue(_options.initial);
  }

  /** True when this source can obtain a new token by itself. */
  get canRefresh(): boolean {
    return !!(this._options.url || this._options.provider);
  }

  /** A fresh, unused token: the current one while it is valid, otherwise a new one. */
  get(): Promise<string> {
    const current = this._current;
    return current && current.expiresAt > Date.now() && !this._options.used.has(current.token)
      ? Promise.resolve(current.token)
      : this.refresh();
  }

  /** Obtains a new token. Concurrent calls share one request. */
  refresh(): Promise<string> {
    if (!this.canRefresh) {
      return Promise.reject(
        new PayCheckoutError('token-expired', 'token used or expired; no token-url or sessionTokenProvider'),
      );
    }
    return (this._pending ??= this._fetchWithRetries().finally(() => (this._pending = undefined)));
  }

  /** Records that `token` was handed to the host: it will never be returned again. */
  markUsed(token: string): void {
    this._options.used.add(token);
  }

  private _issue(token: string): IssuedToken {
    return { token, expiresAt: Date.now() + this._options.lifetimeMs };
  }

  private async _fetchWithRetries(): Promise<string> {
    const { retries, signal } = this._options;
    for (let attempt = 0; ; attempt++) {
      try {
        const token = await this._fetchOnce();
        if (!token || typeof token != 'string') {
          throw new PayCheckoutError('token-fetch', 'token source gave no token');
        }
        if (looksLikeSecret(token)) {
          throw new PayCheckoutError('insecure-config', 'token source gave a provider secret');
        }
        this._current = this._issue(token);
        return token;
      } catch (error) {
        const payError = toPayError(error, 'token-fetch');
        if (signal.aborted || attempt >= retries || !isTransient(payError)) throw signal.aborted ? error : payError;
        // Exponential backoff with full jitter, so many payers do not retry in step.
        await sleep(Math.random() * 250 * 2 ** (attempt + 1), signal);
      }
    }
  }

  private async _fetchOnce(): Promise<unknown> {
    const { url, provider, timeoutMs, signal } = this._options;
    if (provider) {
      return guard(Promise.resolve().then(provider), timeoutMs, signal, 'token-fetch', 'sessionTokenProvider');
    }
    // The timeout covers the body too, so a server that stalls mid-answer cannot hang the element.
    const response = await fetch(url!, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    if (!response.ok) {
      throw new TransientError(`token-url answered ${response.status}`, response.status >= 500 || response.status == 429);
    }
    let body: { token?: unknown } | null;
    try {
      body = await response.json();
    } catch (error) {
      if ((error as Error).name == 'TimeoutError') throw error;
      throw new PayCheckoutError('token-fetch', 'token-url answer not JSON');
    }
    return body?.token;
  }
}

class TransientError extends PayCheckoutError {
  constructor(
    reason: string,
    readonly transient: boolean,
  ) {
    super('token-fetch', reason);
  }
}

const isTransient = (error: PayCheckoutError): boolean =>
  error instanceof TransientError ? error.transient : error.code == 'token-fetch';
