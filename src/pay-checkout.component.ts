// The <pay-checkout> class (importing it registers nothing): properties, public methods, lifecycle, render; behaviour in ./controllers/.
import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { functionChanged, jsonAttribute, jsonChanged, restartsFor } from './config.js';
import { FormAssociation } from './controllers/form-association.js';
import { LocalizeController, registerTranslation, type TranslationOverrides } from './controllers/localize.js';
import { LightDomMount } from './controllers/mount.js';
import { ProviderRun } from './controllers/provider-run.js';
import type { PayIntent, PaySavedCard } from './events/pay-token.js';
import { allowOrigins } from './internal/safe-url.js';
import type { PayStatus } from './internal/status.js';
import type { PaySubmitResult } from './controllers/outcome.js';
import styles from './pay-checkout.styles.js';
import { checkoutTemplate } from './pay-checkout.template.js';
import type { PekoCheckoutFormStatic } from './providers/pekopay/sdk.js';
import type { PayCheckoutTimeouts, PayMode, PayProvider, SessionTokenProvider } from './providers/types.js';

/**
 * A drop-in checkout that takes a payment through PekoPay, Reepay or Paiwise and emits what the
 * host's backend needs to charge. Card data never touches the page.
 *
 * Theming: the `--pay-checkout-*` custom properties, `::part()` and the slots below. The colour defaults
 * follow the `color-scheme` the element inherits (`color-scheme: dark` on it or an ancestor for the
 * dark scheme; a page's `color-scheme: light dark` follows `prefers-color-scheme`).
 *
 * @summary Payment form for PekoPay hosted card fields, and Reepay and Paiwise hosted checkouts (redirect,
 * inline frame or modal).
 *
 * @event {PayReadyEvent} pay-ready - The payment method is mounted and can be submitted (again after the fields for a new card became ready).
 * @event {PayChangeEvent} pay-change - The card fields' validity changed.
 * @event {PayCardSelectEvent} pay-card-select - The payer chose a saved card or "Use a new card".
 * @event {PayTokenEvent} pay-token - PekoPay hands over a one-time payment token for the backend, once per token (before `pay-complete`, and before the `action` POST).
 * @event {PayCompleteEvent} pay-complete - The payment is done, once per payment. PekoPay: the token and card (with `action`: after the endpoint accepted it, `detail.body` its answer). Hosted: the session id and what it created (Reepay: invoice, customer, saved payment method; Paiwise: checkout id and status), a hint the backend verifies.
 * @event {PayCancelEvent} pay-cancel - The payer left a hosted checkout without paying; the element is ready again.
 * @event {PayRedirectEvent} pay-redirect - Cancelable: the page is about to navigate to a hosted checkout page (`detail.url`).
 * @event {PayErrorEvent} pay-error - Something failed; `detail.code` is one of the documented codes.
 *
 * @slot header - Content above the payment fields.
 * @slot footer - Content below the Pay button.
 * @slot button-label - Replaces the Pay button's text.
 *
 * @csspart base - The wrapper of everything.
 * @csspart fields - The region holding the hosted card fields.
 * @csspart placeholder - The placeholder over the card fields while they load (it takes their place: nothing moves when they are ready); it pulses unless `prefers-reduced-motion`, and is not rendered off screen.
 * @csspart cards - The saved-card radio group (a fieldset).
 * @csspart card-option - One choice in it: a saved card, or "Use a new card".
 * @csspart save-card - The "Save this card" checkbox and its label.
 * @csspart message - The visible error message.
 * @csspart retry - The Retry button shown with an error that retrying may cure.
 * @csspart button - The built-in Pay button.
 * @csspart frame - The frame of a hosted checkout page (inline or in the modal).
 * @csspart dialog - The modal `<dialog>` holding a hosted checkout page.
 * @csspart close - The modal's close control.
 *
 * @cssproperty [--pay-checkout-accent=light-dark(#0b57d0, #a8c7fa)] - Button background and focus ring colour.
 * @cssproperty [--pay-checkout-accent-text=light-dark(#fff, #062e6f)] - Button text colour.
 * @cssproperty [--pay-checkout-text=light-dark(#1a1a1a, #e3e3e3)] - Text colour.
 * @cssproperty [--pay-checkout-error=light-dark(#b3261e, #f2b8b5)] - Error message colour.
 * @cssproperty [--pay-checkout-placeholder=light-dark(#eef0f3, #2d3036)] - Loading placeholder colour.
 * @cssproperty [--pay-checkout-radius=8px] - Corner radius of the button and the placeholder.
 * @cssproperty [--pay-checkout-spacing=12px] - Gap between the parts.
 * @cssproperty [--pay-checkout-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--pay-checkout-focus-ring=3px solid var(--pay-checkout-accent)] - Focus outline of the buttons (2px off them: 3:1 against the page, as WCAG 1.4.11 asks, is the accent's).
 * @cssproperty [--pay-checkout-frame-height=560px] - Height of an inline hosted checkout page.
 */
export class PayCheckout extends LitElement {
  static override styles = styles;

  /** Takes part in forms: the token is the form value under `name`. */
  static formAssociated = true;

  static override properties = {
    provider: {},
    mode: {},
    environment: {},
    sessionToken: { attribute: 'session-token' },
    tokenUrl: { attribute: 'token-url' },
    sessionTokenProvider: { attribute: false, hasChanged: functionChanged },
    sdkUrl: { attribute: 'sdk-url' },
    sdkVersion: { attribute: 'sdk-version' },
    pekoCheckoutForm: { attribute: false },
    amount: { type: Number },
    currency: {},
    locale: {},
    hideSubmit: { type: Boolean, attribute: 'hide-submit' },
    cards: { converter: jsonAttribute, hasChanged: jsonChanged },
    offerSaveCard: { type: Boolean, attribute: 'offer-save-card' },
    intent: {},
    customerId: { attribute: 'customer-id' },
    action: {},
    payload: { attribute: false },
    name: {},
    required: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    tokenLifetime: { type: Number, attribute: 'token-lifetime' },
    sessionId: { attribute: 'session-id' },
    sessionUrl: { attribute: 'session-url' },
    sessionEndpoint: { attribute: 'session-endpoint' },
  };

  /** A `PekoCheckoutForm` injected for every instance (before `globalThis.PekoCheckoutForm` and `sdk-url`). */
  static pekoCheckoutForm?: PekoCheckoutFormStatic;

  /** Time limits, in milliseconds, of every asynchronous step. */
  static timeouts: PayCheckoutTimeouts = { sdk: 15_000, token: 10_000, mount: 20_000, submit: 60_000, action: 30_000, session: 10_000 };

  /**
   * Allows extra origins for SDK, token, frame and navigation URLs (e.g. a local sandbox). Only script
   * can widen the allow-list: never an attribute, never data a server returned.
   */
  static allowOrigins(origins: Iterable<string>): void {
    allowOrigins(origins);
  }

  /** Adds a locale (over English), or overrides texts of a shipped one; elements update at once. See TranslationOverrides. */
  static registerTranslation(locale: string, partial: TranslationOverrides): void {
    registerTranslation(locale, partial);
  }

  /** The payment provider: `pekopay`, `reepay` or `paiwise` (or one added with `registerProvider()`); any other is a `config` error. */
  provider: PayProvider | '' = '';

  /**
   * How the payment method is shown: `embedded` (pekopay, its only mode); `redirect`, `iframe` or `modal`
   * (reepay and paiwise, default `modal`). A mode the provider does not have is a `config` error.
   */
  mode?: PayMode;

  /** The provider's environment: passed to PekoPay's SDK (one SDK URL serves both); Reepay's `sandbox` also allows its staging checkout's origin. */
  environment: 'sandbox' | 'production' = 'production';

  /** A payment-session token the backend already created (PekoPay). Used once. */
  sessionToken?: string;

  /** The host endpoint that answers a GET with `{ "token": "…" }` (same origin, or allowed from script). */
  tokenUrl?: string;

  /** A function returning a fresh payment-session token. */
  sessionTokenProvider?: SessionTokenProvider;

  /** The SDK module URL (default: jsDelivr's `@pekopay/web` at `sdk-version`). Allow-listed. */
  sdkUrl?: string;

  /** The pinned `@pekopay/web` version of the default SDK URL. */
  sdkVersion?: string;

  /** A `PekoCheckoutForm` injected for this instance (before the static one). */
  pekoCheckoutForm?: PekoCheckoutFormStatic;

  /**
   * The amount in minor units (`9900` is 99.00 CAD), shown on the Pay button. A new amount or currency changes the
   * button only: the card fields keep what was typed (the charge's amount is your backend's).
   */
  amount?: number;

  /** The ISO 4217 currency of `amount`. */
  currency?: string;

  /**
   * The locale of texts and amounts: `en`, `fr-CA`, `da`, `sv`, `ar` or one registered from script (another tag
   * gets the same language, else English). Default: the nearest `lang` attribute, else the document's, followed live.
   */
  locale?: string;

  /** Hides the built-in Pay button: the host calls `submit()` from its own. */
  hideSubmit = false;

  /**
   * Saved cards offered before "Use a new card" (PekoPay): `[{ last4, cardType, default? }]`, as a
   * property or a JSON attribute. The default (else the first) is preselected; the payer's choice stays while
   * its card is offered (Retry, reset(), a new token source). The card fields are mounted only for a new card.
   */
  cards?: PaySavedCard[];

  /** Offers "Save this card for future payments" with a new card (intent `charge`); `pay-token` carries the choice. */
  offerSaveCard = false;

  /** What the payment is for: `charge` (default), `subscription`, `save-card`, `update-card`. Sets the button's wording. */
  intent: PayIntent = 'charge';

  /** The host's customer reference, passed on in `pay-token` and to `action`. */
  customerId?: string;

  /**
   * A host endpoint the element POSTs the result to itself, as JSON, with an `Idempotency-Key` header
   * (same origin, or allowed from script). 2xx: `pay-complete` with its answer as `detail.body`; otherwise `pay-error` `action-failed`. PekoPay only.
   */
  action?: string;

  /**
   * Extra JSON-able fields the element sends to the host's endpoints: merged into what it POSTs to `action`
   * (the element's own fields win) and to `session-endpoint`. Paiwise reads `returnUrl` / `returnUrlCancel` and Reepay `acceptUrl` / `cancelUrl`
   * from it (same origin), the URLs its checkout returns to.
   */
  payload?: Record<string, unknown>;

  /** Inside a `<form>`: the token becomes the form value under this name. */
  name?: string;

  /** Inside a `<form>`: the form is invalid until a payment method is ready to pay (a saved card chosen, or the card fields complete), or paid. */
  required = false;

  /**
   * Takes no payment and no part in its form, as a disabled `<input>`: also inside a disabled `<fieldset>`.
   * Its buttons and choices are disabled (still announced, as dimmed), the card fields or hosted page inert, and
   * submit() rejects.
   */
  disabled = false;

  /** How long a session token lives, in seconds (default 3600, PekoPay's 60 minutes); refreshed at 90 %. */
  tokenLifetime?: number;

  /** A hosted session the backend already created (Reepay `cs_…`, Paiwise `checkout_id`). Checked against the provider's id pattern. */
  sessionId?: string;

  /** The hosted session's URL as the provider returned it; decides the checkout origin. Allow-listed. */
  sessionUrl?: string;

  /**
   * The host endpoint that creates a hosted session: on submit the element POSTs `{ ...payload, provider,
   * mode }` (Paiwise: also `returnUrl`, `returnUrlCancel`) as JSON and expects `{ "id", "url" }` (same
   * origin, or an origin allowed from script).
   */
  sessionEndpoint?: string;

  private readonly _texts = new LocalizeController(this);
  private readonly _mount = new LightDomMount(this);
  private readonly _form: FormAssociation = new FormAssociation(this, this._texts, () => this._run.adapter?.payable ?? true);
  private readonly _run: ProviderRun = new ProviderRun(this, this._texts, this._form, this._mount, () => PayCheckout.timeouts);

  /** Where the element is: `idle` `loading` `ready` `submitting` `redirecting` `complete` `error`. Read-only. */
  get status(): PayStatus {
    return this._run.status;
  }

  /**
   * Submits the payment method (and with `action` posts the result), and answers the payment's outcome:
   * resolves with the `pay-complete` detail, or with a `PayCanceled` (`canceled: true`) when the payer left a
   * hosted checkout or the element let go of the payment; rejects with the `PayCheckoutError` of its
   * `pay-error`. While a payment is in flight it answers that payment's outcome and starts nothing; in `complete`,
   * the completed payment's; in `error` after a failed `action`, it posts again with the same idempotency key
   * (unless the endpoint refused it for good, with a 4xx but 408, 409, 425, 429: Retry then starts over).
   * Rejects at once while there is nothing to submit (loading, disabled, stopped by an error).
   */
  submit(): Promise<PaySubmitResult> {
    if (this._form.disabled) return this._run.refuse('disabled');
    return this._run.submit();
  }

  /** Starts over for a new payment: clears errors and the form value, remounts the payment method with an unused token. */
  reset(): void {
    this._run.reset();
  }

  /**
   * Fetches a fresh session token now. While the payment method is up, it is the token the hosted
   * fields get when they next need one (theirs expired); in `error`, the payment method starts over
   * (with a fetched token unless the element holds an unused, unexpired one; after a failed `action`, it posts
   * that payment's token again). Never rejects: a failure while `ready` is a `pay-error` `token-fetch` with Retry.
   */
  refreshToken(): Promise<void> {
    return this._run.refreshToken();
  }

  // The standard form-control surface, as a native control has it.
  /** The form the element belongs to, or null. */
  get form(): HTMLFormElement | null {
    return this._form.internals.form;
  }
  /** Its validity in the form (`required`: `valueMissing` until a payment method is ready to pay, or paid). */
  get validity(): ValidityState {
    return this._form.internals.validity;
  }
  get validationMessage(): string {
    return this._form.internals.validationMessage;
  }
  /** False when disabled (or in a disabled `<fieldset>`): the form does not check it. */
  get willValidate(): boolean {
    return this._form.internals.willValidate;
  }
  checkValidity(): boolean {
    return this._form.internals.checkValidity();
  }
  /** As checkValidity(), and an invalid element says why and takes focus. */
  reportValidity(): boolean {
    return this._form.internals.reportValidity() || (this.focus(), false);
  }

  /** Focuses what the payer acts on first: the chosen saved card, the card fields' frame, the hosted page's frame, or the Pay button. */
  override focus(options?: FocusOptions): void {
    const target = this._mount.firstFocusable();
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** @internal The form owner changed. */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    this._form.ownerChanged(form);
  }
  /** @internal The form was reset: so is the element. */
  formResetCallback(): void {
    this.reset();
  }
  /** @internal It was disabled or enabled, by `disabled` or a `<fieldset>` around it. */
  formDisabledCallback(disabled: boolean): void {
    this._form.disabledChanged(disabled);
  }

  /** @internal The browser restored the form (back/forward): a completed payment shows as complete and is never taken twice. */
  formStateRestoreCallback(state: unknown): void {
    const detail = this._form.restored(state);
    if (detail) this._run.restore(detail);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Not at the first update: connecting started the payment method already, or the browser restored it complete.
    if (this.hasUpdated && restartsFor(changed, this, this.status == 'error')) this._run.restart();
  }

  /** Focus on something this update removes (Retry, once pressed) goes to the Pay button, not to the page. */
  protected override update(changed: PropertyValues<this>): void {
    const focused = this.shadowRoot?.activeElement;
    super.update(changed);
    if (focused && !focused.isConnected) this.renderRoot.querySelector<HTMLElement>('[part=button]')?.focus();
  }

  protected override render(): TemplateResult {
    return checkoutTemplate(this, this._texts, this._run, this._form, this._mount);
  }
}
