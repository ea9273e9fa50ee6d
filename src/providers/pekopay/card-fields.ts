// PekoPay's hosted card fields: `PekoCheckoutForm` mounted in the element's light-DOM container, the token source
// behind the SDK's `sessionTokenProvider`, the fields' state reported as `pay-change`, and a submit turned into a
// token for the element.
import { PayCheckoutError, toPayError, type PayErrorCode } from '../../errors.js';
import type { PayCard } from '../../events/pay-token.js';
import { guard } from '../../internal/async.js';
import type { TokenSource } from '../../internal/token-source.js';
import type { ProviderContext } from '../types.js';
import { loadSdk } from './load-sdk.js';
import type { PekoCheckoutFormInstance, PekoCompleteTransactionData, PekoFormFieldState, PekoInitializeOptions } from './sdk.js';

const FRAME_READY_GRACE_MS = 3000;

/** Submit failures the SDK reports, by its code; anything else is `tokenize`. */
const SUBMIT_ERRORS: Record<string, PayErrorCode> = {
  validation_error: 'validation',
  card_declined: 'declined',
  token_expired: 'token-expired',
  token_used: 'token-expired',
  invalid_session_token: 'token-expired',
};

/** Load failures that are about the token, not the SDK; anything else is `sdk-load`. */
const LOAD_ERRORS: Record<string, PayErrorCode> = { token_expired: 'token-expired', token_used: 'token-expired' };

const sdkErrorReason = (error: unknown): string => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${code ?? 'error'}: ${message ?? String(error)}`;
};

/** The SDK's field state as `pay-change` reports it. */
const changeDetail = (state: PekoFormFieldState) => {
  const fields: Record<string, { valid: boolean; empty: boolean; error?: string }> = {};
  for (const [name, field] of Object.entries(state?.fields ?? {})) {
    fields[name] = { valid: !!field.isValid, empty: !!field.isEmpty, ...(field.error ? { error: field.error } : {}) };
  }
  return { complete: !!state?.isValid, empty: !!state?.isEmpty, ...(state?.cardType ? { cardType: state.cardType } : {}), fields };
};

/** What the card fields tell the adapter that runs them. */
export interface CardFieldHooks {
  /** The fields can tokenize. */
  ready(): void;
  /** The SDK tokenized the card; true when the element took the token. */
  token(paymentToken: string, card: PayCard | null): boolean;
  /** The fields failed (to load, or to be ready in time). */
  fail(error: PayCheckoutError): void;
}

export class CardFields {
  /** Mounting began (the fields are mounted only once a new card is chosen). */
  started = false;
  /** The fields can tokenize. */
  ready = false;
  /**
   * Not known to be incomplete: the last field state said `isValid: true`, or nothing the element can read (no
   * state yet, or one without the boolean `isValid` the seeds do not promise). The SDK checks the card when it
   * is submitted; an unreadable state must not hold a `required` element's form invalid for good.
   */
  complete = true;
  private _form?: PekoCheckoutFormInstance | undefined;
  private _mountTimer?: ReturnType<typeof setTimeout>;
  /** The submit in flight: completeTransaction settles it. */
  private _pending?: { resolve(): void; reject(error: PayCheckoutError): void } | undefined;
  /** Why the last token refresh the SDK asked for failed, to report that rather than "token expired". */
  private _refreshError?: PayCheckoutError | undefined;
  private _lastChange?: string;

  constructor(
    private readonly _context: ProviderContext,
    private readonly _tokens: TokenSource,
    private readonly _hooks: CardFieldHooks,
  ) {}

  /** Loads the SDK and the first token side by side, then mounts the fields in the element's light-DOM container. */
  async mount(): Promise<void> {
    const context = this._context;
    const { signal, timeouts } = context;
    this.started = true;
    const [Peko, firstToken] = await Promise.all([loadSdk(context), this._tokens.get()]);
    if (signal.aborted) return;
    const container = context.container();
    // Load events do not bubble; a capturing listener sees the hosted frame's.
    container.addEventListener('load', this._onFrameLoad, true);
    signal.addEventListener('abort', () => container.removeEventListener('load', this._onFrameLoad, true));
    this._mountTimer = setTimeout(
      () => this._hooks.fail(new PayCheckoutError('sdk-load', `card fields not ready after ${timeouts.mount} ms`)),
      timeouts.mount,
    );
    try {
      this._form = Peko.initialize(this._options(container, firstToken));
      this._form.mount();
    } catch (error) {
      throw toPayError(error, 'sdk-load');
    }
  }

  /** Tokenizes the card: resolves once the element took the token, rejects with what went wrong. */
  submit(): Promise<void> {
    const { signal, timeouts } = this._context;
    const submitting = new Promise<void>((resolve, reject) => {
      this._pending = { resolve, reject };
      this._refreshError = undefined;
      Promise.resolve()
        .then(() => {
          const answer = this._form!.submitFormFields();
          // An SDK that answers nothing (the seeds call it so) shows what is missing in its fields and calls
          // completeTransaction only for a card it tokenized: an incomplete card is `validation` now, not a timeout.
          if (!answer && !this.complete) throw { code: 'validation_error', message: 'incomplete' };
          return answer;
        })
        .catch((error: unknown) => {
          const code = SUBMIT_ERRORS[(error as { code?: string })?.code ?? ''] ?? 'tokenize';
          reject(this._refreshError ?? new PayCheckoutError(code, sdkErrorReason(error)));
        });
    });
    return guard(submitting, timeouts.submit, signal, 'timeout', 'submitFormFields').finally(() => (this._pending = undefined));
  }

  unmount(): void {
    clearTimeout(this._mountTimer);
    try {
      this._form?.unmount?.();
    } catch {
      // The SDK failing to clean up must not stop the element from cleaning up; the container goes anyway.
    }
    this._form = undefined;
  }

  /**
   * The options of `PekoCheckoutForm.initialize()`. `sdkToken` is the token the SDK holds: when it says that one
   * expired, the token source replaces it.
   */
  private _options(container: HTMLElement, firstToken: string): PekoInitializeOptions {
    const { _context: context, _tokens: tokens } = this;
    let sdkToken = firstToken;
    return {
      sessionToken: sdkToken,
      environment: context.config.environment,
      container,
      height: 200,
      onFormFieldStateChange: this._onStateChange,
      onLoadError: (error) =>
        this._hooks.fail(
          this._refreshError ??
            new PayCheckoutError(LOAD_ERRORS[(error as { code?: string })?.code ?? ''] ?? 'sdk-load', sdkErrorReason(error)),
        ),
      completeTransaction: (data) => this._completed(data),
      ...(tokens.canRefresh && {
        sessionTokenProvider: () =>
          tokens.replace(sdkToken).then(
            (token) => (sdkToken = token),
            (error: unknown) => {
              this._refreshError = toPayError(error, 'token-fetch');
              throw error;
            },
          ),
      }),
    };
  }

  /** `completeTransaction`: the token it passes is the one to use (the SDK may have refreshed it). */
  private _completed(data: PekoCompleteTransactionData): void {
    const paymentToken = data?.sessionToken;
    if (typeof paymentToken != 'string' || !paymentToken) {
      this._pending?.reject(new PayCheckoutError('tokenize', 'completeTransaction received no sessionToken'));
      return;
    }
    const card = data.cardData ? { last4: String(data.cardData.last4Digits), cardType: String(data.cardData.cardType) } : null;
    if (this._hooks.token(paymentToken, card)) this._pending?.resolve();
  }

  private readonly _ready = (): void => {
    clearTimeout(this._mountTimer);
    this.ready = true;
    this._hooks.ready();
  };

  // The SDK reports the fields' first state once they can tokenize: that is readiness. The seeds do not
  // promise that report, so a frame that loaded but stays silent counts as ready after a grace period.
  private readonly _onFrameLoad = (event: Event): void => {
    if (event.target instanceof HTMLIFrameElement) {
      clearTimeout(this._mountTimer);
      this._mountTimer = setTimeout(this._ready, FRAME_READY_GRACE_MS);
    }
  };

  private readonly _onStateChange = (state: PekoFormFieldState): void => {
    this._ready();
    const detail = changeDetail(state);
    // The SDK reports on every keystroke; the host hears only when validity or brand changed.
    const key = JSON.stringify(detail);
    if (key != this._lastChange) {
      this.complete = state?.isValid !== false;
      this._context.change(detail);
      this._context.update();
    }
    this._lastChange = key;
  };
}
