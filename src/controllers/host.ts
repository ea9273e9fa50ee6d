// What the controllers share: what they read from and ask of the element (Lit's controller host, and the element's
// properties as script set them; the element satisfies it, no controller imports it), and the provider run's state.
import type { ReactiveControllerHost } from 'lit';
import type { ConfigInput } from '../config.js';
import type { PayCheckoutError } from '../errors.js';
import type { PayCanceled } from '../events/pay-cancel.js';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { PayErrorDetail } from '../events/pay-error.js';
import type { PayStatus, StatusInput } from '../internal/status.js';
import type { PayCheckoutTimeouts } from '../providers/types.js';

export interface CheckoutHost extends ReactiveControllerHost, HTMLElement, ConfigInput {
  readonly provider: string;
  readonly intent: string;
  readonly payload?: Record<string, unknown> | undefined;
  readonly pekoCheckoutForm?: unknown;
  readonly required: boolean;
  readonly disabled: boolean;
  readonly status: PayStatus;
  readonly isUpdatePending: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  submit(): Promise<unknown>;
  refreshToken(): Promise<void>;
}

/** The element's time limits, read when a step starts (a page or test may replace them in between). */
export type TimeoutsSource = () => Readonly<PayCheckoutTimeouts>;

/** The provider run's state as the controllers it works with see it (./provider-run.ts implements it). */
export interface RunState {
  readonly status: PayStatus;
  error: PayErrorDetail | undefined;
  /** The current run's signal (aborted once it ended). */
  readonly signal: AbortSignal | undefined;
  go(input: StatusInput): boolean;
  emit(event: Event): void;
  fail(error: PayCheckoutError): void;
  /** The payment completed: `pay-complete`, the form value, submit()'s answer. */
  completed(detail: PayCompleteDetail): void;
  /** The payment in flight ended without completing: submit()'s answer. */
  end(outcome: PayCanceled | PayCheckoutError): void;
}
