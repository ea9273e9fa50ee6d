// The `@pekopay/web` contract the element codes against, written once, from the seeds
// (000_8bf821aaa9b8e1d2.txt and 001_b03e177738e13cee.txt). The package is not on the public registry,
// so nothing here imports it: the element receives an object of this shape at run time.

/** The `environment` option the SDK accepts. */
export type PekoEnvironment = 'sandbox' | 'production';

/** The hosted fields, by the names `onFormFieldStateChange` reports them under. */
export type PekoFieldName = 'cardNumber' | 'expiry' | 'cvc' | 'cardholderName';

/** State of one hosted field, as reported by `onFormFieldStateChange`. */
export interface PekoFieldState {
  isValid: boolean;
  isEmpty: boolean;
  /** A short machine-readable reason when the field is invalid (`incomplete`, `invalid`, `expired` …). */
  error?: string;
}

/** What `onFormFieldStateChange` receives after every edit or blur in the hosted fields. */
export interface PekoFormFieldState {
  /** True when every field is valid, so `submitFormFields()` can tokenize. */
  isValid: boolean;
  /** True when every field is empty. */
  isEmpty: boolean;
  /** Brand detected from the card number, upper case as in the seeds (`VISA`, `MASTERCARD`, `AMEX`). */
  cardType?: string;
  fields: Record<PekoFieldName, PekoFieldState>;
}

/** What `completeTransaction` receives after the hosted fields tokenized the card. */
export interface PekoCompleteTransactionData {
  /** The payment token: possibly refreshed, so always use this one, never the initial token. */
  sessionToken: string;
  cardData: {
    last4Digits: string;
    cardType: string;
  };
}

/** An error the SDK reports through `onLoadError` or by rejecting `submitFormFields()`. */
export interface PekoSdkError {
  /**
   * `invalid_session_token`, `container_not_in_document`, `frame_load_failed` (load errors);
   * `validation_error`, `card_declined`, `token_expired`, `token_used`, `network_error` (submit errors).
   */
  code: string;
  message: string;
}

export interface PekoInitializeOptions {
  sessionToken: string;
  environment: PekoEnvironment;
  /** Must be connected to the document (not inside a shadow root): the SDK reaches its frame by name. */
  container: HTMLElement;
  height?: number;
  width?: number;
  onFormFieldStateChange?: (state: PekoFormFieldState) => void;
  onLoadError?: (error: PekoSdkError) => void;
  completeTransaction: (data: PekoCompleteTransactionData) => Promise<void> | void;
  /** Called when the current token expired; returns a fresh one. */
  sessionTokenProvider?: () => Promise<string>;
}

export interface PekoCheckoutFormInstance {
  mount(): void;
  /**
   * Tokenizes the card and calls `completeTransaction`. The seeds do not say what it returns; the
   * sandbox returns a promise that rejects with a `PekoSdkError`, and the element accepts either (with nothing,
   * a card the last field state called invalid fails `validation` at once; docs/pekopay.md).
   */
  submitFormFields(): Promise<void> | void;
  /** Removes the hosted frame. Not in the seeds; the element calls it when present. */
  unmount?(): void;
}

export interface PekoCheckoutFormStatic {
  initialize(options: PekoInitializeOptions): PekoCheckoutFormInstance;
}

/** The shape of the module at `sdk-url`: `import { PekoCheckoutForm } from '@pekopay/web'`. */
export interface PekoSdkModule {
  PekoCheckoutForm: PekoCheckoutFormStatic;
}
