// The closed list of error codes a `pay-error` can carry, what the element does after each (one policy
// table), and the error type that carries one.

/**
 * Every failure the element reports. Documented in docs/errors.md; the visible messages
 * live in the locale files.
 */
export type PayErrorCode =
  | 'config'
  | 'insecure-config'
  | 'sdk-load'
  | 'token-fetch'
  | 'token-expired'
  | 'validation'
  | 'declined'
  | 'tokenize'
  | 'timeout'
  | 'session'
  | 'frame-load'
  | 'action-failed';

/** What an error of one code means for the payer and the element. */
export interface PayErrorPolicy {
  /** The payer or the host can retry without changing the configuration (`pay-error`'s `detail.recoverable`). */
  readonly recoverable: boolean;
  /**
   * Failing a submit, it leaves the form usable (status `ready` again): the payer fixes something and submits
   * again. A token that could not be fetched while submitting: the fields and what the payer typed stay; a
   * hosted session that failed or whose page did not load: the payer may try again.
   */
  readonly settles: boolean;
  /** Doing the failed step again may cure it: the message comes with a Retry button. */
  readonly retry: boolean;
}

/** The policy of every error code, one row per code. */
export const ERROR_POLICY: Readonly<Record<PayErrorCode, PayErrorPolicy>> = {
  config: { recoverable: false, settles: false, retry: false },
  'insecure-config': { recoverable: false, settles: false, retry: false },
  'sdk-load': { recoverable: true, settles: false, retry: true },
  'token-fetch': { recoverable: true, settles: true, retry: true },
  'token-expired': { recoverable: true, settles: false, retry: false },
  validation: { recoverable: true, settles: true, retry: false },
  declined: { recoverable: true, settles: true, retry: false },
  tokenize: { recoverable: true, settles: true, retry: false },
  timeout: { recoverable: true, settles: true, retry: false },
  session: { recoverable: true, settles: true, retry: false },
  'frame-load': { recoverable: true, settles: true, retry: false },
  'action-failed': { recoverable: true, settles: false, retry: true },
};

/** The policy of `code`. A code outside the list (from a third-party adapter) is recoverable, and nothing more. */
export const policyOf = (code: PayErrorCode): PayErrorPolicy => ERROR_POLICY[code] ?? { recoverable: true, settles: false, retry: false };

/**
 * An error the element turns into one `pay-error`. `reason` is for developers, not shown to payers;
 * `shown` replaces the localized message when the host's own server said what to show (`action`).
 */
export class PayCheckoutError extends Error {
  constructor(
    readonly code: PayErrorCode,
    readonly reason: string,
    readonly recoverable = policyOf(code).recoverable,
    readonly shown?: string,
  ) {
    super(reason);
  }
}

/** Wraps anything thrown into a PayCheckoutError, keeping one that already is. */
export const toPayError = (error: unknown, code: PayErrorCode): PayCheckoutError =>
  error instanceof PayCheckoutError ? error : new PayCheckoutError(code, String((error as Error)?.message ?? error));
