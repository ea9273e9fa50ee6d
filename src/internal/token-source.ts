// Where payment-session tokens come from: a given value, the host's token URL or a host function.
// Tokens are remembered with their issue time and refreshed ahead of expiry; a used or expired token
// is never handed out again.
import { PayCheckoutError, toPayError } from '../errors.js';
import { guard, sleep, timeLimit } from './async.js';
import { looksLikeSecret } from './safe-url.js';
import { fetchToken, type EarlyToken } from './token-fetch.js';

export interface TokenSourceOptions {
  /** A token the host already has (`session-token`). */
  initial?: string | undefined;
  /** When the host's token was issued, as far as the element knows (epoch ms; default: now). */
  initialIssuedAt?: number | undefined;
  /** The host endpoint answering `{ "token": "…" }` to a GET (`token-url`), already allow-listed. */
  url?: URL | undefined;
  /** A host function returning a fresh token (`sessionTokenProvider`). */
  provider?: (() => string | Promise<string>) | undefined;
  /** How long a token lives after it was issued (PekoPay: 60 minutes). */
  lifetimeMs: number;
  /** Per-attempt limit for fetching a token. */
  timeoutMs: number;
  /** Further attempts after a failed fetch that may be transient (network, 5xx, timeout). */
  retries: number;
  /** Tokens never to hand out again (handed to the host, or found expired), shared by an element's sources. */
  used: Set<string>;
  /** Aborts every fetch, wait and refresh timer when the element lets go of this source. */
  signal: AbortSignal;
  /** The first `url` fetch, already started (by the entry): the first attempt takes its answer. */
  early?: EarlyToken | undefined;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** A token is refreshed once this share of its lifetime has passed. */
const REFRESH_AT = 0.9;

export class TokenSource {
  private _current?: IssuedToken | undefined;
  private _pending?: Promise<string> | undefined;
  private _timer?: ReturnType<typeof setTimeout>;
  private _stopped = false;

  constructor(private readonly _options: TokenSourceOptions) {
    _options.signal.addEventListener('abort', () => this.stopRefreshing(), { once: true });
    const { initial, initialIssuedAt, used } = _options;
    if (initial && !used.has(initial)) this._issue(initial, initialIssuedAt);
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

  /**
   * The SDK found `stale` expired: it is never handed out again, and the answer is another valid
   * token — at once when one was refreshed ahead of time.
   */
  replace(stale: string): Promise<string> {
    this.markUsed(stale);
    return this.get();
  }

  /** Obtains a new token. Concurrent calls share one request. None once the element let go of this source. */
  refresh(): Promise<string> {
    const { signal } = this._options;
    // An SDK instance on its way out may still ask (its frame finds its token spent): the host is not asked again.
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.canRefresh) {
      return Promise.reject(
        new PayCheckoutError('token-expired', 'the session token is used or expired and there is no token-url or sessionTokenProvider'),
      );
    }
    return (this._pending ??= this._fetchWithRetries().finally(() => (this._pending = undefined)));
  }

  /** Records that `token` must not be handed out again (given to the host, or expired). */
  markUsed(token: string): void {
    this._options.used.add(token);
  }

  /** No more refreshes ahead of expiry (the payment is done, or the element let go of this source). */
  stopRefreshing(): void {
    this._stopped = true;
    clearTimeout(this._timer);
  }

  /**
   * Remembers `token` as current and plans its refresh: at 90 % of its lifetime a new one is fetched
   * quietly, so that when the hosted fields find theirs expired, a valid one is already here. A refresh
   * ahead that fails is not reported: the next real need fetches again, with retries, and reports then.
   */
  private _issue(token: string, issuedAt = Date.now()): void {
    const { lifetimeMs } = this._options;
    this._current = { token, expiresAt: issuedAt + lifetimeMs };
    clearTimeout(this._timer);
    if (this.canRefresh && !this._stopped) {
      this._timer = setTimeout(
        () => this.refresh().catch(() => {}),
        Math.min(2 ** 31 - 1, Math.max(0, issuedAt + lifetimeMs * REFRESH_AT - Date.now())),
      );
    }
  }

  private async _fetchWithRetries(): Promise<string> {
    const { retries, signal } = this._options;
    for (let attempt = 0; ; attempt++) {
      try {
        const token = await this._fetchOnce();
        if (!token || typeof token != 'string') {
          throw new PayCheckoutError('token-fetch', 'the token source returned no token');
        }
        if (looksLikeSecret(token)) {
          throw new PayCheckoutError('insecure-config', 'the token source returned a provider secret');
        }
        // A host that answers the same token again (one per cart, say) gets asked again, then token-fetch: a spent
        // token handed to the fields would fail at the provider, or tokenize into a payment that is never taken.
        if (this._options.used.has(token)) throw new PayCheckoutError('token-fetch', 'the token source returned a token already used');
        this._issue(token);
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
    // The time limit covers the body too, so a server that stalls mid-answer cannot hang the element.
    const limit = timeLimit(signal, timeoutMs);
    try {
      const { early } = this._options;
      this._options.early = undefined;
      const response = await (early ? early.take(limit.signal) : fetchToken(url!, limit.signal));
      if (!response.ok) {
        throw new TransientError(`token-url answered ${response.status}`, response.status >= 500 || response.status == 429);
      }
      let body: { token?: unknown } | null;
      try {
        body = await response.json();
      } catch (error) {
        if (limit.timedOut() || signal.aborted) throw error;
        throw new PayCheckoutError('token-fetch', 'token-url did not answer JSON');
      }
      return body?.token;
    } catch (error) {
      if (limit.timedOut()) throw new TransientError(`token-url timed out after ${timeoutMs} ms`, true);
      throw error;
    } finally {
      limit.done();
    }
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

const isTransient = (error: PayCheckoutError): boolean => (error instanceof TransientError ? error.transient : error.code == 'token-fetch');
