// The closed list of error codes a `pay-error` can carry, and the error type that carries one.

/**
 * Every failure the element reports. Documented in the README's error table; the visible messages
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

/**
 * An error the element turns into one `pay-error`. `reason` is for developers, not shown to payers;
 * `shown` replaces the localized message when the host's own server said what to show (`action`).
 */
export class PayCheckoutError extends Error {
  constructor(
    readonly code: PayErrorCode,
    readonly reason: string,
    readonly recoverable = code != 'config' && code != 'insecure-config',
    readonly shown?: string,
  ) {
    super(reason);
  }
}

/** Wraps anything thrown into a PayCheckoutError, keeping one that already is. */
export const toPayError = (error: unknown, code: PayErrorCode): PayCheckoutError =>
  error instanceof PayCheckoutError
    ? error
    : new PayCheckoutError(code, String((error as Error)?.message ?? error));
