// The element in a form (ElementInternals): its validity (`required`), and the rest of form participation (the
// payment as the form value, tokenizing before the form submits) in ./form-controller.ts, imported once the element
// is in a form: most pages have none.
import type { ReactiveController } from 'lit';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { FormController } from './form-controller.js';
import type { CheckoutHost } from './host.js';
import type { LocalizeController } from './localize.js';

export class FormAssociation implements ReactiveController {
  /** The element's ElementInternals: its form owner, validity and form value. */
  readonly internals: ElementInternals;
  private _form?: FormController;
  private _loading?: Promise<unknown> | undefined;
  private _fieldsetDisabled = false;

  /** `payable`: a ready payment method can pay without more input (a saved card chosen, or complete fields). */
  constructor(
    private readonly _host: CheckoutHost,
    private readonly _texts: LocalizeController,
    private readonly _payable: () => boolean,
  ) {
    this.internals = _host.attachInternals();
    _host.addController(this);
  }

  /** Disabled by its `disabled` attribute or a disabled `<fieldset>` around it: no payment, no part in the form. */
  get disabled(): boolean {
    return !!this._host.disabled || this._fieldsetDisabled;
  }

  /** The browser disabled or enabled it (`formDisabledCallback`: its own `disabled`, or a `<fieldset>`'s). */
  disabledChanged(disabled: boolean): void {
    this._fieldsetDisabled = disabled;
    // The browser calls this while Lit reflects `disabled` to the attribute, after render, and Lit drops a request
    // made then (`el.disabled = false` left the element disabled): one more after the update in progress.
    if (this._host.isUpdatePending) void this._host.updateComplete.then(() => this._host.requestUpdate());
    else this._host.requestUpdate();
  }

  /** The element has a form owner. */
  get inForm(): boolean {
    return !!this.internals.form;
  }

  /** Imports the form behaviour and binds it to the current form owner; a failed import is tried again next time. */
  load(): Promise<unknown> {
    return (this._loading ??= import('./form-controller.js').then(
      ({ FormController }) => (this._form = new FormController(this._host, this.internals)).bind(this.internals.form),
      (error: unknown) => {
        this._loading = undefined;
        throw error;
      },
    ));
  }

  /** The form owner changed (`formAssociatedCallback`). */
  ownerChanged(form: HTMLFormElement | null): void {
    if (this._form) this._form.bind(form);
    // A failure is reported by the start that waits for the same import.
    else if (form) this.load().catch(() => {});
  }

  /** Sets the form value from a completed payment, or clears it (`null`). */
  setValue(detail: PayCompleteDetail | null): void {
    this._form?.setValue(detail);
  }

  /** The payment ended without completing: a held form submission is dropped, the form stays usable. */
  abandon(): void {
    this._form?.abandon();
  }

  /** The completed payment in a form state the browser restored (`formStateRestoreCallback`), if it holds one. */
  restored(state: unknown): PayCompleteDetail | undefined {
    try {
      const detail = JSON.parse(state as string);
      if (typeof detail?.provider == 'string') return detail;
    } catch {
      // Not ours (another version's state, or none): nothing to restore.
    }
    return undefined;
  }

  /** The payment is complete: a form submission held back for it goes on. */
  release(): void {
    this._form?.release();
  }

  /** The Pay button: inside a form (with `name`) it submits the form, which tokenizes first; otherwise submit(). */
  readonly pay = (): void => {
    if (this._host.status != 'ready') return; // aria-disabled while submitting: clicks do nothing
    if (!this._form?.requestSubmit()) void this._host.submit();
  };

  hostUpdated(): void {
    const { required, status } = this._host;
    // `required`: missing until a payment method is ready to pay, or paid. Not "until a token exists":
    // browsers validate a form before its submit event, and that event is what makes the token.
    if (required && status != 'complete' && !(status == 'ready' && this._payable())) {
      const anchor = this._host.renderRoot.querySelector<HTMLElement>('[part=fields]')!;
      this.internals.setValidity({ valueMissing: true }, this._texts.texts.required, anchor);
    } else {
      this.internals.setValidity({});
    }
  }
}
