// The <pay-checkout> element class: attributes, the status state machine and rendering. It knows
// providers only through the registry; importing this file registers nothing.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { PayCheckoutError, toPayError, type PayErrorCode } from './errors.js';
import { PayChangeEvent } from './events/pay-change.js';
import type { PayErrorDetail } from './events/pay-error.js';
import { PayErrorEvent } from './events/pay-error.js';
import { PayReadyEvent } from './events/pay-ready.js';
import { PayTokenEvent, type PayCard } from './events/pay-token.js';
import { guard } from './internal/async.js';
import { formatMoney } from './internal/money.js';
import { randomId } from './internal/random.js';
import { allowOrigins, looksLikeSecret, safeUrl } from './internal/safe-url.js';
import { nextStatus, type PayStatus, type StatusInput } from './internal/status.js';
import type { SessionTokenProvider, TokenSourceOptions } from './internal/token-source.js';
import en from './locales/en.js';
import type { Translation } from './locales/translation.js';
import styles from './pay-checkout.styles.js';
import {
  providerLoader,
  type PayCheckoutTimeouts,
  type PaymentProvider,
  type ProviderConfig,
  type ProviderContext,
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
] as const;

/** Errors after which the form is still usable: the payer fixes something and submits again. */
const SETTLING_ERRORS: PayErrorCode[] = ['validation', 'declined', 'tokenize', 'timeout'];

/**
 * A drop-in checkout that takes a payment through PekoPay, Reepay or Paiwise and emits what the
 * host's backend needs to charge. Card data never touches the page.
 *
 * @summary Payment form for PekoPay hosted card fields (Reepay and Paiwise hosted checkouts to come).
 *
 * @event {PayReadyEvent} pay-ready - The payment method is mounted and can be submitted.
 * @event {PayChangeEvent} pay-change - The card fields' validity changed.
 * @event {PayTokenEvent} pay-token - A one-time payment token for the backend, emitted once per token.
 * @event {PayErrorEvent} pay-error - Something failed; `detail.code` is one of the documented codes.
 *
 * @slot header - Content above the payment fields.
 * @slot footer - Content below the Pay button.
 * @slot button-label - Replaces the Pay button's text.
 *
 * @csspart base - The wrapper of everything.
 * @csspart fields - The region holding the hosted card fields.
 * @csspart placeholder - The pulsing placeholder shown while the fields load.
 * @csspart message - The visible error message.
 * @csspart button - The built-in Pay button.
 *
 * @cssproperty --pay-checkout-accent - Button and focus colour. Default #0b57d0.
 * @cssproperty --pay-checkout-accent-text - Button text colour. Default #fff.
 * @cssproperty --pay-checkout-text - Text colour. Default #1a1a1a.
 * @cssproperty --pay-checkout-error - Error message colour. Default #b3261e.
 * @cssproperty --pay-checkout-placeholder - Loading placeholder colour. Default #eef0f3.
 * @cssproperty --pay-checkout-radius - Corner radius. Default 8px.
 * @cssproperty --pay-checkout-spacing - Gap between parts. Default 12px.
 * @cssproperty --pay-checkout-font - Font family. Default system-ui.
 * @cssproperty --pay-checkout-focus-ring - Focus outline of the button.
 */
export class PayCheckout extends LitElement {
  static override styles = styles;

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
    _status: { state: true, attribute: false },
    _error: { state: true, attribute: false },
  };

  /** A `PekoCheckoutForm` injected for every instance (before `globalThis.PekoCheckoutForm` and `sdk-url`). */
  static pekoCheckoutForm?: unknown;

  /** Time limits, in milliseconds, of every asynchronous step. */
  static timeouts: PayCheckoutTimeouts = { sdk: 15_000, token: 10_000, mount: 20_000, submit: 60_000 };

  /**
   * Allows extra origins for SDK, token, frame and navigation URLs (e.g. a local sandbox). Only script
   * can widen the allow-list: never an attribute, never data a server returned.
   */
  static allowOrigins(origins: Iterable<string>): void {
    allowOrigins(origins);
  }

  /** The payment provider: `pekopay` (`reepay` and `paiwise` when registered). */
  provider = '';

  /** How the payment method is shown: `embedded` (pekopay); `redirect`, `iframe`, `modal` (hosted checkouts). */
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

  /** The locale of texts and amounts (default: the nearest `lang`, else `en`). */
  locale?: string;

  /** Hides the built-in Pay button: the host calls `submit()` from its own. */
  hideSubmit = false;

  private _status: PayStatus = 'idle';
  private _error?: PayErrorDetail;

  private readonly _slot = `pay-checkout-fields-${randomId(6)}`;
  /** Tokens already handed to the host: never handed out again, whatever the source. */
  private readonly _usedTokens = new Set<string>();
  private _run?: AbortController;
  private _adapter?: PaymentProvider | undefined;
  private _mountPoint?: HTMLElement | undefined;
  /** The mount point and the slots projecting it, removed together. */
  private readonly _projection: Element[] = [];
  private _dirty = true;

  /** Where the element is: `idle` `loading` `ready` `submitting` `redirecting` `complete` `error`. Read-only. */
  get status(): PayStatus {
    return this._status;
  }

  /** Submits the payment method. Ignored unless `status` is `ready`; never rejects (failures are `pay-error`). */
  async submit(): Promise<void> {
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
    if (this._status == 'submitting') this._go('settle');
  }

  /** Starts over with a fresh token: clears errors, remounts the payment method. */
  reset(): void {
    this._error = undefined;
    this._dirty = true;
    this.requestUpdate();
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
    if (CONFIG_KEYS.some((key) => changed.has(key))) this._dirty = true;
    // Starting here, not in updated(), lets the status it sets render in this same update.
    if (this._dirty && this.isConnected) this._start();
  }

  protected override updated(): void {
    this.setAttribute('status', this._status);
  }

  protected override render() {
    const t = this._t();
    const status = this._status;
    const label = this._amountLabel(t);
    return html`<div part="base" class="base" aria-busy=${status == 'loading' || status == 'submitting'}>
      <slot name="header"></slot>
      <div part="fields" class="fields" role="group" aria-label=${t.cardDetails}>
        <slot name=${this._slot}></slot>
        ${status == 'loading' ? html`<div part="placeholder" class="placeholder"></div>` : nothing}
      </div>
      <div part="message" class="message" role="alert">${this._error?.message}</div>
      <div class="sr-only" role="status">${this._statusText(t)}</div>
      ${this.hideSubmit
        ? nothing
        : html`<button part="button" type="button" ?disabled=${status != 'ready'} @click=${this.submit}>
            <slot name="button-label">${label}</slot>
          </button>`}
      <slot name="footer"></slot>
    </div>`;
  }

  private _t(): Translation {
    return en;
  }

  private _locale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || 'en';
  }

  private _amountLabel(t: Translation): string {
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
    const { loading, processing: submitting, ready, complete } = t;
    return ({ loading, submitting, ready, complete } as Partial<Record<PayStatus, string>>)[this._status] ?? '';
  }

  /** Moves the state machine; false when `input` is not allowed now (and nothing changed). */
  private _go(input: StatusInput): boolean {
    const next = nextStatus(this._status, input);
    if (next) this._status = next;
    return !!next;
  }

  /** Reads and checks the configuration; throws a PayCheckoutError for anything invalid. */
  private _config(): ProviderConfig {
    const { provider, amount, currency, environment, sessionToken, tokenUrl, sessionTokenProvider } = this;
    if (!provider) throw new PayCheckoutError('config', 'no provider');
    if (environment != 'sandbox' && environment != 'production') {
      throw new PayCheckoutError('config', `environment "${environment}" not sandbox|production`);
    }
    if (amount != null && !(Number.isSafeInteger(amount) && amount >= 0)) {
      throw new PayCheckoutError('config', `amount "${amount}" not whole minor units`);
    }
    if (amount != null && !currency) throw new PayCheckoutError('config', 'amount without currency');
    if (currency) {
      try {
        if (!/^[A-Za-z]{3}$/.test(currency)) throw 0;
        formatMoney(0, currency, this._locale());
      } catch {
        throw new PayCheckoutError('config', `currency "${currency}" or locale "${this._locale()}"`);
      }
    }
    if (looksLikeSecret(sessionToken) || looksLikeSecret(tokenUrl)) {
      throw new PayCheckoutError('insecure-config', 'provider secret in the browser');
    }
    if (sessionTokenProvider != null && typeof sessionTokenProvider != 'function') {
      throw new PayCheckoutError('config', 'sessionTokenProvider not a function');
    }
    return {
      provider,
      mode: this.mode || undefined,
      environment,
      sdkUrl: this.sdkUrl || undefined,
      sdkVersion: this.sdkVersion || '',
      hasTokenSource: !!(sessionToken || tokenUrl || sessionTokenProvider),
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
    this._go('start');
    let config: ProviderConfig;
    let tokenOptions: TokenSourceOptions;
    try {
      config = this._config();
      tokenOptions = {
        initial: this.sessionToken,
        url: this.tokenUrl ? safeUrl(this.tokenUrl, [], true) : undefined,
        provider: this.sessionTokenProvider,
        used: this._usedTokens,
        lifetimeMs: 60 * 60_000,
        timeoutMs: PayCheckout.timeouts.token,
        retries: 2,
        signal: run.signal,
      };
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
    const what = `${provider} provider`;
    const context: ProviderContext = {
      config,
      host: this,
      signal: run.signal,
      tokenOptions,
      timeouts: PayCheckout.timeouts,
      container: () => this._container(),
      ready: () => {
        if (alive() && this._go('ready')) this._emit(new PayReadyEvent({ provider }));
      },
      change: (detail) => {
        if (alive()) this._emit(new PayChangeEvent({ provider, ...detail }));
      },
      token: (paymentToken, card) => alive() && this._token(provider, paymentToken, card),
      fail: (error) => {
        if (alive()) this._fail(error);
      },
    };
    guard(
      loader().catch((error: Error) => {
        throw new PayCheckoutError('sdk-load', `${what}: ${error.message}`);
      }),
      PayCheckout.timeouts.sdk,
      run.signal,
      'sdk-load',
      what,
    )
      .then((module) => {
        if (!alive()) return;
        const invalid = module.validate?.(config);
        if (invalid) throw invalid;
        this._adapter = module.create(context);
        return this._adapter.mount();
      })
      .catch((error: unknown) => context.fail(toPayError(error, 'sdk-load')));
  }

  /** Lets go of the current payment method: aborts its work, unmounts it, removes its frame. */
  private _stop(): void {
    this._run?.abort();
    this._adapter?.unmount();
    this._adapter = undefined;
    for (const node of this._projection.splice(0)) node.remove();
    this._mountPoint = undefined;
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

  private _token(provider: string, paymentToken: string, card: PayCard | null): boolean {
    // A token that arrives without submit() (the payer pressed Enter in the hosted fields) is a submit too.
    if (this._status == 'ready') this._go('submit');
    if (this._status != 'submitting' || this._usedTokens.has(paymentToken)) return false;
    this._usedTokens.add(paymentToken);
    this._error = undefined;
    this._go('complete');
    this._emit(
      new PayTokenEvent({ provider, paymentToken, card, savedCard: false, idempotencyKey: randomId() }),
    );
    return true;
  }

  /**
   * Shows and emits `error`. A settling error leaves the form usable (status back to `ready`); any
   * other stops the payment method (status `error`) until the configuration changes or `reset()`.
   */
  private _fail(error: PayCheckoutError, settle = false): void {
    if (!settle) this._stop();
    if (!this._go(settle ? 'settle' : 'fail')) return;
    const { code, reason, recoverable } = error;
    this._error = { code, message: this._t().errors[code], reason, recoverable, provider: this.provider };
    this._emit(new PayErrorEvent(this._error));
  }

  private _emit(event: Event): void {
    this.dispatchEvent(event);
  }
}
