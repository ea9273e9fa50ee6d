// The <pay-checkout> element class: attributes, the status state machine and rendering. It knows
// providers only through the registry; importing this file registers nothing.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PayCheckoutError, toPayError, type PayErrorCode } from './errors.js';
import { PayCardSelectEvent } from './events/pay-card-select.js';
import { PayCancelEvent } from './events/pay-cancel.js';
import { PayChangeEvent } from './events/pay-change.js';
import { PayCompleteEvent } from './events/pay-complete.js';
import type { PayErrorDetail } from './events/pay-error.js';
import { PayErrorEvent } from './events/pay-error.js';
import { PayReadyEvent } from './events/pay-ready.js';
import { PaySuccessEvent } from './events/pay-success.js';
import { PayRedirectEvent } from './events/pay-redirect.js';
import { PayTokenEvent, type PayCard, type PayIntent, type PaySavedCard, type PayTokenDetail } from './events/pay-token.js';
import { guard, timeLimit } from './internal/async.js';
import type { FormController } from './internal/form-controller.js';
import { formatMoney } from './internal/money.js';
import { randomId } from './internal/random.js';
import { allowOrigins, looksLikeSecret, safeUrl } from './internal/safe-url.js';
import { nextStatus, type PayStatus, type StatusInput } from './internal/status.js';
import type { SessionTokenProvider } from './internal/token-source.js';
import en from './locales/en.js';
import { loadTranslation, matchLocale } from './locales/index.js';
import type { Translation } from './locales/translation.js';
import styles from './pay-checkout.styles.js';
import {
  providerLoader,
  type PayCheckoutTimeouts,
  type PaymentProvider,
  type ProviderConfig,
  type ProviderContext,
  type ProviderView,
  type TokenOptions,
} from './providers/provider.js';

/** Properties whose change reloads the payment method. */
const CONFIG_KEYS = [
  'provider',
  'mode',
  'environment',
  'sessionToken',
  'tokenUrl',
  'sessionTokenProvider',
  'sdkUrl',
  'sdkVersion',
  'pekoCheckoutForm',
  'amount',
  'currency',
  'cards',
  'tokenLifetime',
  'sessionId',
  'sessionUrl',
  'sessionEndpoint',
] as const;

/** Every `mode` some provider has; which ones a provider accepts is its own business. */
const MODES = ['embedded', 'redirect', 'iframe', 'modal'];

/** Properties that must be strings when set (anything else is a `config` error, whatever script assigned). */
const STRING_KEYS = [
  'provider',
  'mode',
  'environment',
  'sessionToken',
  'tokenUrl',
  'sdkUrl',
  'sdkVersion',
  'currency',
  'locale',
  'intent',
  'customerId',
  'action',
  'name',
  'sessionId',
  'sessionUrl',
  'sessionEndpoint',
] as const;

/**
 * Errors after which the form is still usable: the payer fixes something and submits again (a token
 * that could not be fetched while submitting: the fields and what the payer typed stay; a hosted
 * session that failed or whose page did not load: the payer may try again).
 */
const SETTLING_ERRORS: PayErrorCode[] = ['validation', 'declined', 'tokenize', 'timeout', 'token-fetch', 'session', 'frame-load'];

/** Errors that doing the failed step again may cure: they come with a Retry button. */
const RETRYABLE_ERRORS: PayErrorCode[] = ['token-fetch', 'sdk-load', 'action-failed'];

const INTENTS: PayIntent[] = ['charge', 'subscription', 'save-card', 'update-card'];

/**
 * Properties read while the payment method runs, without restarting it when they change. (`payload` is
 * checked when it is posted: a bad one is a recoverable `action-failed`, the payment is not lost.)
 */
const LIVE_KEYS = ['locale', 'intent', 'customerId', 'action', 'name'] as const;

/** PekoPay's session tokens live 60 minutes. */
const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** JSON attributes (`cards`): what does not parse stays a string, for the provider to report as `config`. */
const jsonAttribute = {
  fromAttribute: (value: string | null): unknown => {
    try {
      return JSON.parse(value!);
    } catch {
      return value;
    }
  },
};

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
 * @event {PayTokenEvent} pay-token - A one-time payment token for the backend, emitted once per token.
 * @event {PaySuccessEvent} pay-success - The `action` endpoint accepted the payment; `detail.body` is its answer.
 * @event {PayCompleteEvent} pay-complete - A hosted checkout accepted: its session id and what it created (Reepay: invoice, customer, saved payment method; Paiwise: checkout id and status). A hint: the backend verifies it.
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
 * @csspart placeholder - The placeholder shown while the fields load; it pulses unless `prefers-reduced-motion`.
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
 * @cssproperty [--pay-checkout-focus-ring=3px solid color-mix(in srgb, var(--pay-checkout-accent) 45%, transparent)] - Focus outline of the button.
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
    sessionTokenProvider: { attribute: false },
    sdkUrl: { attribute: 'sdk-url' },
    sdkVersion: { attribute: 'sdk-version' },
    pekoCheckoutForm: { attribute: false },
    amount: { type: Number },
    currency: {},
    locale: {},
    hideSubmit: { type: Boolean, attribute: 'hide-submit' },
    cards: { converter: jsonAttribute },
    offerSaveCard: { type: Boolean, attribute: 'offer-save-card' },
    intent: {},
    customerId: { attribute: 'customer-id' },
    action: {},
    payload: { attribute: false },
    name: {},
    required: { type: Boolean },
    tokenLifetime: { type: Number, attribute: 'token-lifetime' },
    sessionId: { attribute: 'session-id' },
    sessionUrl: { attribute: 'session-url' },
    sessionEndpoint: { attribute: 'session-endpoint' },
    _status: { state: true, attribute: false },
    _error: { state: true, attribute: false },
    _inline: { state: true, attribute: false },
  };

  /** A `PekoCheckoutForm` injected for every instance (before `globalThis.PekoCheckoutForm` and `sdk-url`). */
  static pekoCheckoutForm?: unknown;

  /** Time limits, in milliseconds, of every asynchronous step. */
  static timeouts: PayCheckoutTimeouts = {
    sdk: 15_000,
    token: 10_000,
    mount: 20_000,
    submit: 60_000,
    action: 30_000,
    session: 10_000,
  };

  /**
   * Allows extra origins for SDK, token, frame and navigation URLs (e.g. a local sandbox). Only script
   * can widen the allow-list: never an attribute, never data a server returned.
   */
  static allowOrigins(origins: Iterable<string>): void {
    allowOrigins(origins);
  }

  /** The payment provider: `pekopay`, `reepay` or `paiwise`. */
  provider = '';

  /**
   * How the payment method is shown: `embedded` (pekopay, its only mode); `redirect`, `iframe` or `modal`
   * (hosted checkouts, default `modal`).
   */
  mode?: string;

  /** The provider's environment, passed to its SDK; decides the default SDK URL and allowed hosts. */
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

  /** A `PekoCheckoutForm` injected for this instance. */
  pekoCheckoutForm?: unknown;

  /** The amount in minor units (`9900` is 99.00 CAD), shown on the Pay button. */
  amount?: number;

  /** The ISO 4217 currency of `amount`. */
  currency?: string;

  /**
   * The locale of texts and amounts: `en`, `fr-CA`, `da` or `sv` (another tag gets the same language, else
   * English). Default: the nearest `lang` attribute, else the document's.
   */
  locale?: string;

  /** Hides the built-in Pay button: the host calls `submit()` from its own. */
  hideSubmit = false;

  /**
   * Saved cards offered before "Use a new card" (PekoPay): `[{ last4, cardType, default? }]`, as a
   * property or a JSON attribute. The default (else the first) is preselected; the card fields are
   * mounted only when the payer chooses a new card.
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
   * (same origin, or allowed from script). 2xx: `pay-success`; otherwise `pay-error` `action-failed`.
   */
  action?: string;

  /**
   * Extra JSON-able fields the element sends to the host's endpoints: merged into what it POSTs to `action`
   * (the element's own fields win) and to `session-endpoint`. Paiwise reads `returnUrl` / `returnUrlCancel`
   * from it (same origin), the URLs its checkout returns to.
   */
  payload?: Record<string, unknown>;

  /** Inside a `<form>`: the token becomes the form value under this name. */
  name?: string;

  /** Inside a `<form>`: the form is invalid until a payment method is ready to pay (a saved card chosen, or the card fields complete), or paid. */
  required = false;

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

  private _status: PayStatus = 'idle';
  private _error?: PayErrorDetail;
  /** The texts shown, and the locale they are in (a locale's chunk may still be loading). */
  private _translation: Translation = en;
  private _lang = 'en';
  /** The locale wanted by `locale` or `lang`, once matched to a supported one. */
  private _wantedLocale = 'en';
  /** Settles when the wanted locale's texts are applied (or failed to load); unset when nothing loads. */
  private _translationLoad?: Promise<void> | undefined;
  /** An inline hosted page is open: it has its own submit button. */
  private _inline = false;

  private readonly _slot = `pay-checkout-fields-${randomId(6)}`;
  /** Tokens never to hand out again (handed to the host, or found expired), whatever the source. */
  private readonly _usedTokens = new Set<string>();
  /** The `session-token` and when this element first saw it: its lifetime runs from then. */
  private _given?: [token: string, at: number];
  private _run?: AbortController;
  private _adapter?: PaymentProvider | undefined;
  /** A token whose `action` POST has not succeeded yet: Retry posts it again, with the same key. */
  private _attempt?: PayTokenDetail | undefined;
  private _posting?: Promise<void> | undefined;
  private readonly _internals = this.attachInternals();
  /** The form behaviour, imported once the element is in a form (most pages have none). */
  private _form?: FormController;
  private _formLoad?: Promise<unknown>;
  private _mountPoint?: HTMLElement | undefined;
  /** The mount point and the slots projecting it, removed together. */
  private readonly _projection: Element[] = [];
  private _dirty = true;

  /** Where the element is: `idle` `loading` `ready` `submitting` `redirecting` `complete` `error`. Read-only. */
  get status(): PayStatus {
    return this._status;
  }

  /**
   * Submits the payment method, and with `action` posts the result. Ignored unless `status` is
   * `ready` — or `error` after a failed `action`, which it posts again with the same idempotency key.
   * Resolves when done; never rejects (failures are `pay-error`).
   */
  async submit(): Promise<void> {
    if (this._attempt) return this._post();
    const run = this._run;
    if (!run || !this._adapter || !this._go('submit')) return;
    this._error = undefined;
    try {
      await this._adapter.submit();
    } catch (error) {
      if (run.signal.aborted) return;
      const payError = toPayError(error, 'tokenize');
      this._fail(payError, SETTLING_ERRORS.includes(payError.code));
    }
    await this._posting;
    if (this._status == 'submitting' && !this._attempt) this._go('settle');
  }

  /** Starts over for a new payment: clears errors and the form value, remounts the payment method with an unused token. */
  reset(): void {
    this._error = undefined;
    this._dirty = true;
    this.requestUpdate();
  }

  /**
   * Fetches a fresh session token now. While the payment method is up, it is the token the hosted
   * fields get when they next need one (theirs expired); in `error`, the payment method starts over
   * (with a fetched token unless the element holds an unused, unexpired one). Never rejects: a failure
   * while `ready` is a `pay-error` `token-fetch` with a Retry button.
   */
  async refreshToken(): Promise<void> {
    const { _run: run, _adapter: adapter, _status: status } = this;
    if (status == 'error') return this.reset();
    if (!run || !adapter?.refreshToken) return;
    try {
      await adapter.refreshToken();
      if (this._error?.code == 'token-fetch') this._error = undefined;
    } catch (error) {
      // Otherwise whatever waits for the same request (mounting, the SDK while paying) reports it.
      if (!run.signal.aborted && this._status == 'ready') this._fail(toPayError(error, 'token-fetch'), true);
    }
  }

  /** @internal The form owner changed. */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    if (this._form) this._form.bind(form);
    // A failure is reported by the start that waits for the same import.
    else if (form) this._loadForm().catch(() => {});
  }

  /** @internal The form was reset: so is the element. */
  formResetCallback(): void {
    this.reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._dirty = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stop();
    this._go('stop');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this._localize();
    if (CONFIG_KEYS.some((key) => changed.has(key))) this._dirty = true;
    // Texts, intent, customer and action apply without a restart, unless script gave one a value of the wrong
    // type (restarting reports it as `config`), or the element is in error (a new value may fix it).
    if (LIVE_KEYS.some((key) => changed.has(key) && (this._status == 'error' || !this._liveValid()))) this._dirty = true;
    // Starting here, not in updated(), lets the status it sets render in this same update.
    if (this._dirty && this.isConnected) this._start();
  }

  protected override updated(): void {
    const status = this._status;
    this.setAttribute('status', status);
    // `required`: missing until a payment method is ready to pay, or paid. Not "until a token exists":
    // browsers validate a form before its submit event, and that event is what makes the token.
    if (this.required && status != 'complete' && !(status == 'ready' && (this._adapter?.payable ?? true))) {
      const anchor = this.shadowRoot!.querySelector<HTMLElement>('[part=fields]')!;
      this._internals.setValidity({ valueMissing: true }, this._t().required, anchor);
    } else {
      this._internals.setValidity({});
    }
  }

  protected override render(): TemplateResult {
    const t = this._t();
    const status = this._status;
    const adapter = this._adapter;
    const view: ProviderView = { t, status, offerSaveCard: this.offerSaveCard && this.intent === 'charge' };
    const error = this._error;
    return html`<div part="base" class="base" lang=${this._lang} aria-busy=${status == 'loading' || status == 'submitting'}>
      <slot name="header"></slot>
      ${adapter?.renderAbove?.(view)}
      <div part="fields" class="fields" role="group" aria-label=${t.cardDetails} ?hidden=${adapter?.fieldsShown == false}>
        <slot name=${this._slot}></slot>
        <div class="hosted"></div>
        ${status == 'loading' ? html`<div part="placeholder" class="placeholder"></div>` : nothing}
      </div>
      ${adapter?.renderBelow?.(view)}
      <div part="message" class="message" role="alert">${error?.message}</div>
      ${error && RETRYABLE_ERRORS.includes(error.code)
        ? html`<button part="retry" class="retry" type="button" @click=${this._retry}>${t.retry}</button>`
        : nothing}
      <div class="sr-only" role="status">${this._statusText(t)}</div>
      ${this.hideSubmit || this._inline
        ? nothing
        : // While submitting the button stays focusable (aria-disabled, clicks ignored): a disabled button
          // would drop a keyboard user's focus to the page just as the payment's outcome is announced.
          html`<button
            part="button"
            type="button"
            ?disabled=${status != 'ready' && status != 'submitting'}
            aria-disabled=${status == 'submitting' ? 'true' : nothing}
            @click=${this._pay}
          >
            <slot name="button-label">${this._buttonLabel(t)}</slot>
          </button>`}
      <slot name="footer"></slot>
    </div>`;
  }

  /** The Pay button: inside a form (with `name`) it submits the form, which tokenizes first. */
  private _pay(): void {
    if (this._status != 'ready') return; // aria-disabled while submitting: clicks do nothing
    if (!this._form?.requestSubmit()) void this.submit();
  }

  /** Does the failed step again: posts a failed `action` again, or fetches a token, or starts over. */
  private _retry(): void {
    if (this._attempt) void this.submit();
    else void this.refreshToken();
  }

  private _t(): Translation {
    return this._translation;
  }

  /** `locale`, else the nearest `lang` (in this tree, then the document's), else English. */
  private _locale(): string {
    return (typeof this.locale == 'string' && this.locale) || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  /** Follows the wanted locale: English at once, any other once its chunk has loaded. */
  private _localize(): void {
    const locale = matchLocale(this._locale());
    if (locale == this._wantedLocale) return;
    this._wantedLocale = locale;
    const apply = (translation: Translation) => {
      if (this._wantedLocale != locale) return;
      this._translation = translation;
      this._lang = locale;
      this._translationLoad = undefined;
      this.requestUpdate();
    };
    if (locale == 'en') apply(en);
    // A locale chunk that cannot load leaves the texts in English, which beats no texts at all.
    else {
      this._translationLoad = loadTranslation(locale).then(apply, () => {
        if (this._wantedLocale == locale) this._translationLoad = undefined;
      });
    }
  }

  /** The properties read after start (see LIVE_KEYS) have values of the right type. */
  private _liveValid(): boolean {
    const { payload } = this;
    return (
      INTENTS.includes(this.intent) &&
      LIVE_KEYS.every((key) => key == 'intent' || this[key] == null || typeof this[key] == 'string') &&
      (payload == null || (typeof payload == 'object' && !Array.isArray(payload)))
    );
  }

  private _buttonLabel(t: Translation): string {
    const intent = this.intent;
    if (intent !== 'charge' && INTENTS.includes(intent)) return t.intents[intent as Exclude<PayIntent, 'charge'>];
    try {
      if (this.amount != null && this.currency) {
        return t.payAmount(formatMoney(this.amount, this.currency, this._locale()));
      }
    } catch {
      // An invalid amount, currency or locale is reported by _config(); the button just says "Pay".
    }
    return t.pay;
  }

  private _statusText(t: Translation): string {
    const { loading, processing: submitting, ready, complete, redirecting } = t;
    return ({ loading, submitting, ready, complete, redirecting } as Partial<Record<PayStatus, string>>)[this._status] ?? '';
  }

  /** Moves the state machine; false when `input` is not allowed now (and nothing changed). */
  private _go(input: StatusInput): boolean {
    const next = nextStatus(this._status, input);
    if (next) this._status = next;
    return !!next;
  }

  /** Reads and checks the configuration; throws a PayCheckoutError for anything invalid. */
  private _config(): ProviderConfig {
    const { provider, amount, currency, environment, sessionToken, tokenUrl, sessionTokenProvider, intent } = this;
    const { action, tokenLifetime = DEFAULT_TOKEN_LIFETIME_S, mode, sessionId, sessionUrl, sessionEndpoint } = this;
    // Script can assign anything to a property: check types before any value is used or shown.
    for (const key of STRING_KEYS) {
      if (this[key] != null && typeof this[key] != 'string') throw new PayCheckoutError('config', `${key} must be a string`);
    }
    if (!provider) throw new PayCheckoutError('config', 'provider is required');
    if (mode && !MODES.includes(mode)) throw new PayCheckoutError('config', `unknown mode "${mode}"`);
    if (!INTENTS.includes(intent)) throw new PayCheckoutError('config', `intent must be one of ${INTENTS}, not "${intent}"`);
    if (!this._liveValid()) throw new PayCheckoutError('config', 'payload must be a plain object');
    if (!(typeof tokenLifetime == 'number' && tokenLifetime > 0 && tokenLifetime < Infinity)) {
      throw new PayCheckoutError('config', 'token-lifetime must be a positive number of seconds');
    }
    if (environment != 'sandbox' && environment != 'production') {
      throw new PayCheckoutError('config', `environment must be sandbox or production, not "${environment}"`);
    }
    if (amount != null && !(Number.isSafeInteger(amount) && amount >= 0)) {
      throw new PayCheckoutError('config', `amount must be a whole number of minor units, not ${typeof amount == 'number' ? amount : typeof amount}`);
    }
    if (amount != null && !currency) throw new PayCheckoutError('config', 'currency is required with amount');
    if (currency) {
      try {
        if (!/^[A-Za-z]{3}$/.test(currency)) throw 0;
        formatMoney(0, currency, this._locale());
      } catch {
        throw new PayCheckoutError('config', `invalid currency "${currency}" or locale "${this._locale()}"`);
      }
    }
    if ([sessionToken, tokenUrl, action, sessionId, sessionUrl, sessionEndpoint].some(looksLikeSecret)) {
      throw new PayCheckoutError('insecure-config', 'a provider secret was given to the browser');
    }
    if (action) safeUrl(action, [], true);
    if (sessionTokenProvider != null && typeof sessionTokenProvider != 'function') {
      throw new PayCheckoutError('config', 'sessionTokenProvider must be a function');
    }
    return {
      provider,
      mode: this.mode || undefined,
      environment,
      sdkUrl: this.sdkUrl || undefined,
      sdkVersion: this.sdkVersion || '',
      tokens: {
        initial: sessionToken || undefined,
        initialIssuedAt: this._given?.[1],
        url: tokenUrl ? safeUrl(tokenUrl, [], true) : undefined,
        provider: sessionTokenProvider,
        lifetimeMs: tokenLifetime * 1000,
        used: this._usedTokens,
      },
      cards: this.cards,
      sessionId: sessionId || undefined,
      sessionUrl: sessionUrl || undefined,
      sessionEndpoint: sessionEndpoint ? safeUrl(sessionEndpoint, [], true) : undefined,
    };
  }

  /** (Re)starts the payment method from the current configuration. */
  private _start(): void {
    this._dirty = false;
    this._stop();
    const run = new AbortController();
    this._run = run;
    const alive = () => !run.signal.aborted;
    this._error = undefined;
    this._form?.setValue(null);
    this._go('start');
    const given = this.sessionToken;
    let config: ProviderConfig;
    try {
      if (given && this._given?.[0] !== given) this._given = [given, Date.now()];
      config = this._config();
    } catch (error) {
      this._fail(toPayError(error, 'config'));
      return;
    }
    const loader = providerLoader(config.provider);
    if (!loader) {
      this._fail(new PayCheckoutError('config', `unknown provider "${config.provider}"`));
      return;
    }
    const provider = config.provider;
    const element = this;
    const context: ProviderContext = {
      config,
      host: this,
      signal: run.signal,
      timeouts: PayCheckout.timeouts,
      container: () => this._container(),
      ready: () => {
        if (alive() && this._go('ready')) this._emit(new PayReadyEvent({ provider }));
      },
      loading: () => {
        if (alive()) this._go('load');
      },
      update: () => {
        if (alive()) this.requestUpdate();
      },
      change: (detail) => {
        if (alive()) this._emit(new PayChangeEvent({ provider, ...detail }));
      },
      select: (card) => {
        if (alive()) this._emit(new PayCardSelectEvent({ provider, card, savedCard: !!card }));
      },
      token: (paymentToken, card, options) => alive() && this._token(provider, paymentToken, card, options),
      fail: (error) => {
        if (alive()) this._fail(error);
      },
      // A getter: the locale's texts may arrive after the adapter started.
      get texts() {
        return element._t();
      },
      payload: () => this.payload,
      hostedRegion: () => this.renderRoot.querySelector<HTMLElement>('.hosted')!,
      inline: (open) => {
        if (alive()) this._inline = open;
      },
      complete: (detail) => {
        if (!alive() || !this._go('complete')) return false;
        this._inline = false;
        this._error = undefined;
        this._emit(new PayCompleteEvent(detail));
        return true;
      },
      cancel: (detail) => {
        if (!alive()) return;
        if (this._status == 'submitting') this._go('settle');
        this._inline = false;
        this._emit(new PayCancelEvent(detail));
      },
      redirect: (detail) => {
        if (!alive() || this._status != 'submitting') return false;
        const event = new PayRedirectEvent(detail);
        this._emit(event);
        return !event.defaultPrevented && alive() && this._go('redirect');
      },
    };
    guard(
      // In a form, the form behaviour is in place before anything can be paid.
      Promise.all([loader(), this._internals.form && this._loadForm()]).then(
        ([module]) => module,
        (error: Error) => {
          throw new PayCheckoutError('sdk-load', `could not load the ${provider} provider: ${error.message}`);
        },
      ),
      PayCheckout.timeouts.sdk,
      run.signal,
      'sdk-load',
      `the ${provider} provider`,
    )
      .then((module) => {
        if (!alive()) return;
        const invalid = module.validate?.(config);
        if (invalid) throw invalid;
        this._adapter = module.create(context);
        this.requestUpdate();
        return this._adapter.mount();
      })
      .catch((error: unknown) => context.fail(toPayError(error, 'sdk-load')));
  }

  /** Lets go of the current payment method: aborts its work, unmounts it, removes its frame. */
  private _stop(): void {
    this._run?.abort();
    this._adapter?.unmount();
    this._adapter = this._attempt = undefined;
    for (const node of this._projection.splice(0)) node.remove();
    this._mountPoint = undefined;
    this.renderRoot.querySelector('.hosted')?.replaceChildren();
    this._inline = false;
  }

  /** Imports the form behaviour and binds it to the current form owner; a failed import is tried again next time. */
  private _loadForm(): Promise<unknown> {
    return (this._formLoad ??= import('./internal/form-controller.js').then(
      ({ FormController }) => (this._form = new FormController(this, this._internals)).bind(this._internals.form),
      (error: unknown) => {
        this._formLoad = undefined;
        throw error;
      },
    ));
  }

  /**
   * The mount point for hosted fields. Hosted-field SDKs find their frame by name in the document, so it
   * must sit in the document tree, not in a shadow root: when this element is inside other components'
   * shadow roots, the mount point goes into the light DOM of the outermost host in the document and is
   * projected back down through one slot per shadow root (a "breadcrumb"), all named for this instance.
   */
  private _container(): HTMLElement {
    if (!this._mountPoint) {
      const name = this._slot;
      let parent: Element = this;
      for (let root = this.getRootNode(); root instanceof ShadowRoot; root = parent.getRootNode()) {
        const slot = Object.assign(document.createElement('slot'), { name, slot: name });
        parent.append(slot);
        this._projection.push(slot);
        parent = root.host;
      }
      this._mountPoint = Object.assign(document.createElement('div'), { slot: name });
      parent.append(this._mountPoint);
      this._projection.push(this._mountPoint);
    }
    return this._mountPoint;
  }

  private _token(
    provider: string,
    paymentToken: string,
    card: PayCard | null,
    { savedCard = false, saveCard = false }: TokenOptions = {},
  ): boolean {
    // A token that arrives without submit() (the payer pressed Enter in the hosted fields) is a submit too.
    if (this._status == 'ready') this._go('submit');
    if (this._status != 'submitting' || this._attempt || this._usedTokens.has(paymentToken)) return false;
    // A saved card has no token ('') to use up.
    if (paymentToken) this._usedTokens.add(paymentToken);
    const detail: PayTokenDetail = {
      provider,
      paymentToken,
      card,
      savedCard,
      saveCard,
      intent: this.intent,
      customerId: this.customerId || null,
      idempotencyKey: randomId(),
    };
    this._error = undefined;
    if (this.action) this._attempt = detail;
    else this._complete(detail);
    this._emit(new PayTokenEvent(detail));
    if (this._attempt) void this._post();
    else this._form?.release();
    return true;
  }

  /** The payment is done: its token (with `action`: once posted) is the form value. */
  private _complete(detail: PayTokenDetail): void {
    this._go('complete');
    this._form?.setValue(detail);
  }

  /** Posts the pending attempt to `action`: right after its token, and again (same key) on Retry. */
  private _post(): Promise<void> {
    if (this._status == 'error') this._go('submit');
    else if (this._posting) return this._posting;
    return (this._posting = this._postOnce().finally(() => (this._posting = undefined)));
  }

  private async _postOnce(): Promise<void> {
    const run = this._run!;
    const attempt = this._attempt!;
    const { timeouts } = PayCheckout;
    this._error = undefined;
    let body: unknown;
    try {
      // Checked again: `action` may have changed since the payment method started.
      const url = safeUrl(this.action!, [], true);
      const { postAction } = await guard(import('./internal/action.js'), timeouts.sdk, run.signal, 'action-failed', 'the action module');
      const limit = timeLimit(run.signal, timeouts.action);
      try {
        body = await postAction(url, attempt, this.payload, limit.signal);
      } catch (error) {
        throw limit.timedOut() ? new PayCheckoutError('action-failed', `POST ${url.href} timed out after ${timeouts.action} ms`) : error;
      } finally {
        limit.done();
      }
    } catch (error) {
      if (!run.signal.aborted) this._fail(toPayError(error, 'action-failed'));
      return;
    }
    if (run.signal.aborted) return;
    this._attempt = undefined;
    this._complete(attempt);
    this._emit(new PaySuccessEvent({ provider: attempt.provider, body, idempotencyKey: attempt.idempotencyKey }));
    this._form?.release();
  }

  /**
   * Shows and emits `error`. A settling error leaves the form usable (status `ready`); a failed
   * `action` keeps everything for Retry (status `error`: the token is spent, the attempt stays); any
   * other stops the payment method (status `error`) until the configuration changes or `reset()`.
   */
  private _fail(error: PayCheckoutError, settle = false): void {
    const { code, reason, recoverable, shown } = error;
    if (settle) {
      if (this._status == 'submitting') this._go('settle');
      else if (this._status != 'ready') return;
    } else {
      if (code != 'action-failed') this._stop();
      if (!this._go('fail')) return;
    }
    const detail = (this._error = { code, message: shown ?? '', reason, recoverable, provider: this.provider });
    // The message is in the page's language: when that locale's texts are still loading (only ever right
    // after connecting), the event waits for them.
    const emit = () => {
      detail.message = shown ?? this._t().errors[code];
      this.requestUpdate();
      this._emit(new PayErrorEvent(detail));
    };
    if (this._translationLoad) this._translationLoad.then(emit);
    else emit();
  }

  private _emit(event: Event): void {
    this.dispatchEvent(event);
  }
}
