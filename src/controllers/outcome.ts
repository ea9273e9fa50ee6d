// What submit() answers: the outcome of the payment in flight, one promise for every caller, settled by the
// payment's end (completed, canceled, failed, let go of). A failure rejects it, but the element itself never
// leaves a rejection unhandled: only a caller that awaits it sees one.
import { PayCheckoutError } from '../errors.js';
import type { PayCanceled } from '../events/pay-cancel.js';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { FormAssociation } from './form-association.js';

/** What submit() resolves with: the `pay-complete` detail, or what ended the payment without it. */
export type PaySubmitResult = PayCompleteDetail | PayCanceled;

/** `promise`, marked as handled: a rejection nobody awaits is not reported. */
const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => {});
  return promise;
};

export class Outcome {
  /** The completed payment, while `complete`: what submit() answers then. */
  completed?: PayCompleteDetail | undefined;
  private _pending?: PromiseWithResolvers<PaySubmitResult> | undefined;

  constructor(private readonly _form: FormAssociation) {}

  /** A payment is in flight and someone may be waiting for its outcome. */
  get pending(): boolean {
    return !!this._pending;
  }

  /** `promise` is the answer of the payment in flight. */
  is(promise: Promise<PaySubmitResult>): boolean {
    return this._pending?.promise == promise;
  }

  /** The outcome of the payment in flight, from now on. */
  promise(): Promise<PaySubmitResult> {
    if (!this._pending) quiet((this._pending = Promise.withResolvers()).promise);
    return this._pending.promise;
  }

  /** The payment in flight ended: the submit() waiting for it settles. */
  end(outcome: PaySubmitResult | PayCheckoutError): void {
    const pending = this._pending;
    this._pending = undefined;
    if (outcome instanceof PayCheckoutError) pending?.reject(outcome);
    else pending?.resolve(outcome);
    // A failed `action` keeps the form's submission for Retry; any other end without a payment lets the form go.
    if (outcome instanceof PayCheckoutError ? outcome.code != 'action-failed' : 'canceled' in outcome) this._form.abandon();
  }

  /** The answer when there is nothing to submit: `error` (the one shown), else `config` saying `why`. */
  static refuse(error: { code: PayCheckoutError['code']; reason: string } | undefined, why: string): Promise<never> {
    return quiet(
      Promise.reject(error ? new PayCheckoutError(error.code, error.reason) : new PayCheckoutError('config', `nothing to submit: ${why}`)),
    );
  }
}
