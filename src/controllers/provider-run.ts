// The provider run: starts the payment method from the configuration (the provider's lazily loaded module, within
// its time limits), gives it its context (./provider-context.ts), and lets go of it when the configuration changes,
// on reset() and on disconnect. It holds the element's status (the state machine of ../internal/status.ts), the
// error shown, and turns every failure into one shown, announced `pay-error`.
import type { LitElement, ReactiveController } from 'lit';
import { checkCurrency, foreignOptionError, readConfig } from '../config.js';
import { PayCheckoutError, policyOf, toPayError } from '../errors.js';
import { PayCompleteEvent, type PayCompleteDetail } from '../events/pay-complete.js';
import { PayErrorEvent, type PayErrorDetail } from '../events/pay-error.js';
import { nextStatus, type PayStatus, type StatusInput } from '../internal/status.js';
import { loadAdapter, prepare, providerLoader } from '../providers/registry.js';
import type { PaymentProvider, ProviderConfig } from '../providers/types.js';
import type { FormAssociation } from './form-association.js';
import type { CheckoutHost, RunState, TimeoutsSource } from './host.js';
import type { LocalizeController } from './localize.js';
import type { LightDomMount } from './mount.js';
import { Outcome, type PaySubmitResult } from './outcome.js';
import { PaymentController } from './payment.js';
import { createProviderContext } from './provider-context.js';

export class ProviderRun implements ReactiveController, RunState {
  /** The payment once a token exists. */
  readonly payment: PaymentController;
  /** The adapter running, once its module loaded. Read-only outside. */
  adapter?: PaymentProvider | undefined;
  private _status: PayStatus = 'idle';
  private _error?: PayErrorDetail | undefined;
  private _inline = false;
  private _run?: AbortController;
  /** The payment method must (re)start at the next update. */
  private _dirty = true;
  /** What submit() answers. */
  private readonly _outcome: Outcome;

  constructor(
    private readonly _host: CheckoutHost,
    private readonly _texts: LocalizeController,
    private readonly _form: FormAssociation,
    private readonly _mount: LightDomMount,
    private readonly _timeouts: TimeoutsSource,
  ) {
    this.payment = new PaymentController(_host, this, _timeouts);
    this._outcome = new Outcome(_form);
    _host.addController(this);
  }

  /** Where the element is (see PayCheckout.status). */
  get status(): PayStatus {
    return this._status;
  }

  /** The error shown, if any. */
  get error(): PayErrorDetail | undefined {
    return this._error;
  }

  set error(error: PayErrorDetail | undefined) {
    if (error !== this._error) this._host.requestUpdate();
    this._error = error;
  }

  /** An inline hosted page is open: it has its own submit button. */
  get inline(): boolean {
    return this._inline;
  }

  set inline(open: boolean) {
    if (open !== this._inline) this._host.requestUpdate();
    this._inline = open;
  }

  /** The current run's signal (aborted once it ended). */
  get signal(): AbortSignal | undefined {
    return this._run?.signal;
  }

  /** Moves the state machine; false when `input` is not allowed now (and nothing changed). */
  go(input: StatusInput): boolean {
    const next = nextStatus(this._status, input);
    if (next && next != this._status) this._host.requestUpdate();
    if (next) this._status = next;
    return !!next;
  }

  emit(event: Event): void {
    this._host.dispatchEvent(event);
  }

  /** The payment completed: its one `pay-complete`, the form value (a form submission held for it goes on), submit()'s answer. */
  completed(detail: PayCompleteDetail): void {
    this._outcome.completed = detail;
    this._form.setValue(detail);
    this.end(detail); // before the event: a listener that removes the element is not an interruption
    this.emit(new PayCompleteEvent(detail));
    this._form.release();
  }

  /** The payment in flight ended (completed, canceled, failed, let go of): the submit() waiting for it settles. */
  end(outcome: PaySubmitResult | PayCheckoutError): void {
    this._outcome.end(outcome);
  }

  /** A completed payment the browser restored with the form (back/forward): shown as complete, never paid again. */
  restore(detail: PayCompleteDetail): void {
    this.stop();
    this._dirty = false;
    if (this.go('complete')) {
      this._outcome.completed = detail;
      this._form.setValue(detail);
    }
  }

  /** Shows and emits `error`: a settling one leaves the form usable (`ready`); a failed `action` keeps the spent token for
   * Retry (`error`); any other stops the payment method (`error`) until the configuration changes or reset(). */
  fail(error: PayCheckoutError, settle = false): void {
    const { code, reason, recoverable, shown } = error;
    this.end(error);
    if (settle) {
      // Also while `redirecting`: a navigation that never left the page (a 204, a download) times out here.
      if (this._status == 'submitting' || this._status == 'redirecting') this.go('settle');
      else if (this._status != 'ready') return;
    } else {
      if (code != 'action-failed') this.stop();
      if (!this.go('fail')) return;
    }
    const detail = (this.error = { code, message: shown ?? '', reason, recoverable, provider: this._host.provider });
    // The message is in the page's language: the event waits for that locale's texts if still loading (on connect).
    this._texts.whenLoaded(() => {
      detail.message = shown ?? this._texts.texts.errors[code];
      this._host.requestUpdate();
      this.emit(new PayErrorEvent(detail));
    });
  }

  /** Starts over at the next update (the configuration changed). */
  restart(): void {
    this._dirty = true;
    this._host.requestUpdate();
  }

  /** Starts over for a new payment: clears the error, lets go of a token `action` never accepted, and remounts. */
  reset(): void {
    this._outcome.completed = undefined;
    this.payment.clear();
    this.error = undefined;
    this.restart();
  }

  hostConnected(): void {
    this.restart();
  }

  /** Starting before render, not after, lets the status it sets render in this same update. */
  hostUpdate(): void {
    if (!this._dirty || !this._host.isConnected) return;
    // A completed payment stays until reset(): a change of configuration or a move never starts another.
    if (!this._outcome.completed) return this._start();
    this._dirty = false;
    this.go('complete');
  }

  /** `status` is reflected: `pay-checkout[status=ready]` in a page's CSS. */
  hostUpdated(): void {
    this._host.setAttribute('status', this._status);
  }

  hostDisconnected(): void {
    const { completed } = this._outcome;
    this.stop(true);
    this.go('stop');
    this._outcome.completed = completed; // complete again once connected (hostUpdate)
  }

  /** See PayCheckout.submit(): the outcome of the payment in flight, whoever started it. */
  submit(): Promise<PaySubmitResult> {
    const { payment, _run: run, adapter, _status: status, _outcome: outcome } = this;
    if (status == 'complete' && outcome.completed) return Promise.resolve(outcome.completed);
    // A token waiting for `action` is posted again, unless the run that would post it was stopped (a `config` error).
    const ongoing = status == 'submitting' || status == 'redirecting' || (payment.pending && status == 'error' && !run?.signal.aborted);
    if (!outcome.pending && !ongoing && !(status == 'ready' && run && adapter)) return this.refuse(status);
    const answer = outcome.promise();
    if (payment.pending) void payment.post();
    else if (status == 'ready' && this.go('submit')) void this._submit(run!, adapter!, answer);
    return answer;
  }

  /** submit()'s answer when there is nothing to submit: the error shown, else `config` saying why. */
  refuse(why: string): Promise<never> {
    return Outcome.refuse(this._error, why);
  }

  private async _submit(run: AbortController, adapter: PaymentProvider, answer: Promise<PaySubmitResult>): Promise<void> {
    const { payment } = this;
    // Only while its payment is the one in flight: the payer may have ended it (closed the page) and begun another.
    const current = () => !run.signal.aborted && this._outcome.is(answer);
    this.error = undefined;
    try {
      await adapter.submit();
    } catch (error) {
      if (!current()) return;
      const payError = toPayError(error, 'tokenize');
      this.fail(payError, policyOf(payError.code).settles);
    }
    await payment.posting;
    if (!current()) return;
    // Still redirecting: back from the checkout page (bfcache) that a return page already took. Then, ready with nothing
    // paid, nothing failed, and no hosted page open to end it (the page prevented `pay-redirect`, say): interrupted.
    if ((this._status == 'submitting' || this._status == 'redirecting') && !payment.pending) this.go('settle');
    if (this._status == 'ready' && !adapter.open) this.end({ canceled: true, provider: this._host.provider, reason: 'interrupted' });
  }

  /** See PayCheckout.refreshToken(); in error, a token `action` has not accepted is posted again, never dropped. */
  async refreshToken(): Promise<void> {
    const { _run: run, adapter } = this;
    if (this._status == 'error') return this.payment.pending ? this.restart() : this.reset();
    if (!run || !adapter?.refreshToken) return;
    try {
      if (this._error?.code == 'token-fetch') this.error = undefined; // failing again, it is announced again
      await adapter.refreshToken();
    } catch (error) {
      // Otherwise whatever waits for the same request (mounting, the SDK while paying) reports it.
      if (!run.signal.aborted && this._status == 'ready') this.fail(toPayError(error, 'token-fetch'), true);
    }
  }

  /** Lets go of the payment method (its work, its frame); not of a token sent to `action` (see _start), nor, connected, of submit(). */
  stop(disconnected = false): void {
    if (this._outcome.pending && (disconnected || !this.payment.pending)) {
      this.end({ canceled: true, provider: this._host.provider, reason: 'interrupted' });
    }
    this._outcome.completed = undefined;
    this._run?.abort();
    this.adapter?.unmount();
    this.adapter = undefined;
    this.payment.stopped();
    this._mount.release();
    this._host.renderRoot.querySelector('.hosted')?.replaceChildren();
    this.inline = false;
  }

  /** (Re)starts the payment method from the current configuration. */
  private _start(): void {
    const host = this._host;
    this._dirty = false;
    this.stop();
    const run = (this._run = new AbortController());
    this.error = undefined;
    if (!this.payment.pending) this._form.setValue(null); // a form submission held for it goes on once it is posted
    this.go('start');
    let config: ProviderConfig;
    const locale = this._texts.locale();
    try {
      config = readConfig(host, { locale, page: location, ...this.payment.tokens(host.sessionToken) }, { currency: false });
    } catch (error) {
      return this.fail(toPayError(error, 'config'));
    }
    const loader = providerLoader(config.provider);
    if (!loader) return this.fail(new PayCheckoutError('config', `unknown provider "${config.provider}"`));
    const foreign = foreignOptionError(host, config.provider, (key) => (host.constructor as typeof LitElement).elementProperties.get(key));
    if (foreign) return this.fail(foreign);
    // A token whose `action` POST had not succeeded when the element was moved or reconfigured (it may have reached
    // the endpoint) is posted again, same key; only reset() drops it. Paying again would be another charge.
    if (this.payment.pending) {
      this.go('fail'); // no new payment can start: `error`, from which post() goes on to `submitting`
      void this.payment.post();
      return;
    }
    const context = createProviderContext(this, host, this._texts, this._mount, config, run.signal, this._timeouts());
    // The provider's own requests first (the SDK, the token, a connection), then its chunk, all in this task;
    // then the currency, whose first formatting on a page costs more than those requests' start (see checkCurrency).
    prepare(context);
    // In a form, the form behaviour is in place before anything can be paid.
    loadAdapter(
      loader,
      context,
      () => this._form.inForm && this._form.load(),
      (adapter) => {
        this.adapter = adapter;
        this._host.requestUpdate();
      },
    );
    try {
      checkCurrency(host.currency, locale);
    } catch (error) {
      this.fail(toPayError(error, 'config'));
    }
  }
}
