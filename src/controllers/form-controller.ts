// Native form participation for a form-associated element (ElementInternals): the payment as the form
// value, tokenizing before the form submits, and the element's form owner. ./form-association.ts imports it
// once the element is in a form, and keeps `required` validity itself.
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { PayStatus } from '../internal/status.js';

/** What the controller reads from and asks of its element. */
export interface FormControlHost extends HTMLElement {
  name?: string | undefined;
  required: boolean;
  readonly status: PayStatus;
  submit(): Promise<unknown>;
}

/** The hosted result's fields beyond the session id, as `name-…` entries (`paymentMethod` is `name-payment-method`). */
const HOSTED_FIELDS = ['invoice', 'customer', 'subscription', 'paymentMethod', 'status'] as const;

export class FormController {
  private _form: HTMLFormElement | null = null;
  private _hasValue = false;
  /** A submission of the form waits for a token; its submitter, if any. */
  private _held = false;
  private _submitter: HTMLElement | null = null;

  constructor(
    private readonly _host: FormControlHost,
    private readonly _internals: ElementInternals,
  ) {}

  /** The element's form owner changed (`formAssociatedCallback`). */
  bind(form: HTMLFormElement | null): void {
    this._form?.removeEventListener('submit', this._onSubmit, true);
    this._form = form;
    this._held = false;
    form?.addEventListener('submit', this._onSubmit, true);
  }

  /**
   * Submits the form the way its own submit button would (validation, then `submit` events), which
   * tokenizes first. False when the element takes no part in a form (no form owner or no `name`).
   */
  requestSubmit(): boolean {
    if (!this._form || !this._host.name) return false;
    this._form.requestSubmit();
    return true;
  }

  /**
   * Sets the form value from a completed payment, or clears it (`null`). Entries, under the element's `name`:
   * PekoPay: `name` = the payment token (`''` for a saved card); `name-card-type` and `name-last4` when a card
   * is known; `name-saved-card` = `true` for a saved card; `name-save-card` = `true` when the payer ticked
   * "Save this card". Hosted checkouts: `name` = the session id (Reepay `cs_…`, Paiwise's checkout id), and
   * those of `name-invoice`, `name-customer`, `name-subscription`, `name-payment-method` (Reepay) and
   * `name-status` (Paiwise) the result has. The form state the browser keeps for back/forward is the result.
   */
  setValue(detail: PayCompleteDetail | null): void {
    const name = this._host.name;
    this._hasValue = !!(detail && name);
    if (!detail) this._held = false;
    if (!this._hasValue) return this._internals.setFormValue(null);
    const value = new FormData();
    const add = (suffix: string, entry: string | false | null | undefined) =>
      entry !== false && entry != null && value.append(name + suffix, entry);
    if ('paymentToken' in detail!) {
      add('', detail.paymentToken);
      add('-card-type', detail.card?.cardType);
      add('-last4', detail.card?.last4);
      add('-saved-card', detail.savedCard && 'true');
      add('-save-card', detail.saveCard && 'true');
    } else {
      add('', detail!.sessionId);
      for (const key of HOSTED_FIELDS)
        add('-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), (detail as unknown as Record<string, string>)[key]);
    }
    this._internals.setFormValue(value, JSON.stringify({ ...detail, body: undefined }));
  }

  /** The payment ended without completing (canceled, failed): a submission held back for it is dropped; the form stays usable. */
  abandon(): void {
    this._held = false;
  }

  /**
   * The payment is complete (token, and `action` answer): a submission held back goes on now, unless the element
   * was disabled meanwhile (a page disabling its form while the order is in flight): the form would go without
   * the payment, so it is dropped, and submitting the form again sends the payment's value.
   */
  release(): void {
    if (!this._held) return;
    this._held = false;
    // In a later task: a saved card pays within the very submit event that was held back, and browsers
    // ignore a submission requested while one is being dispatched.
    setTimeout(() => {
      const form = this._form;
      if (this._host.matches(':disabled')) return;
      const submitter = this._submitter as HTMLButtonElement | null;
      form?.requestSubmit(submitter?.isConnected && submitter.form == form ? submitter : null);
    });
  }

  /**
   * Runs first among the form's `submit` listeners (capture, at the target). Without a token yet it
   * holds the submission back — no other listener sees it — and tokenizes; `release()` submits again.
   */
  private _onSubmit = (event: SubmitEvent): void => {
    const { name, required, status } = this._host;
    // A disabled control takes no part in its form's submission.
    if (!name || this._hasValue || this._host.matches(':disabled')) return;
    // A submission already held for this payment (its `action` failed, the token kept for Retry): it is in flight.
    const paying = status == 'ready' || status == 'submitting' || this._held;
    // Not ready to pay (loading, failed): an optional payment lets the form go without it.
    if (!paying && !required) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!paying) return;
    this._held = true;
    this._submitter = event.submitter;
    if (status == 'ready') void this._host.submit();
  };
}
