// The one small interface every payment provider implements, and what the element offers it: a leaf, which
// imports nothing of ours but types (of errors, events, the status and the texts). The registry the element
// loads providers from is ./registry.ts.
import type { CSSResult } from 'lit';
import type { PayCheckoutError } from '../errors.js';
import type { PayCancelDetail } from '../events/pay-cancel.js';
import type { PayChangeDetail } from '../events/pay-change.js';
import type { PayCompleteDetail } from '../events/pay-complete.js';
import type { PayRedirectDetail } from '../events/pay-redirect.js';
import type { PayCard } from '../events/pay-token.js';
import type { PayStatus } from '../internal/status.js';
import type { Translation } from '../locales/translation.js';

/**
 * The providers `provider` accepts, each with the modes `mode` accepts for it. A provider added with
 * `registerProvider()` joins them by declaration merging, so that pages using it type-check:
 * `declare module 'pay-checkout' { interface PayProviders { acme: 'redirect' } }`.
 */
export interface PayProviders {
  /** PekoPay's hosted card fields, mounted in the element: `embedded`, its only mode. */
  pekopay: 'embedded';
  /** Reepay's hosted checkout: a page to leave for, an inline frame, or a modal (the default). */
  reepay: 'redirect' | 'iframe' | 'modal';
  /** Paiwise's hosted checkout: a page to leave for, an inline frame, or a modal (the default). */
  paiwise: 'redirect' | 'iframe' | 'modal';
}

/** A provider's name: `pekopay`, `reepay`, `paiwise`, or one added to `PayProviders`. */
export type PayProvider = keyof PayProviders;

/** The modes of provider `P` (of any provider by default). */
export type PayMode<P extends PayProvider = PayProvider> = PayProviders[P];

// A host function returning a fresh payment-session token (`sessionTokenProvider`).
export type SessionTokenProvider = () => string | Promise<string>;

/** The configuration an adapter reads: a snapshot of the element's attributes and properties. */
export interface ProviderConfig {
  readonly provider: string;
  readonly mode: string | undefined;
  readonly environment: 'sandbox' | 'production';
  readonly sdkUrl: string | undefined;
  readonly sdkVersion: string;
  /**
   * Where payment-session tokens come from (PekoPay), checked but not yet used: the adapter that needs
   * tokens builds its own token source from these, so the token code travels in its chunk.
   */
  readonly tokens: ProviderTokenConfig;
  /** The `cards` property as given (unchecked: a provider that offers saved cards validates it). */
  readonly cards: unknown;
  /** A hosted session the backend already created (`session-id`), unchecked: the provider checks it. */
  readonly sessionId: string | undefined;
  /** The hosted session's URL (`session-url`), unchecked: the provider allow-lists it. */
  readonly sessionUrl: string | undefined;
  /** The host's endpoint that creates a hosted session (`session-endpoint`), already allow-listed. */
  readonly sessionEndpoint: URL | undefined;
}

export interface ProviderTokenConfig {
  /** `session-token`, and when the element first saw it (its lifetime runs from then). */
  readonly initial: string | undefined;
  readonly initialIssuedAt: number | undefined;
  /** `token-url`, allow-listed. */
  readonly url: URL | undefined;
  readonly provider: SessionTokenProvider | undefined;
  /** `token-lifetime`, in milliseconds. */
  readonly lifetimeMs: number;
  /** Tokens never to hand out again (handed to the host, or found expired): the element's, kept across restarts. */
  readonly used: Set<string>;
}

/** What an adapter's own UI is rendered from. */
export interface ProviderView {
  readonly t: Translation;
  readonly status: PayStatus;
  /** The element is disabled (`disabled`, or a disabled `<fieldset>` around it): the adapter's own controls are too. */
  readonly disabled: boolean;
  /** Offer "Save this card" for a new card (`offer-save-card`, intent `charge`). */
  readonly offerSaveCard: boolean;
}

/** How a token was obtained, beyond the token and card. */
export interface TokenOptions {
  /** A saved card was chosen (no provider token). */
  savedCard?: boolean;
  /** The payer ticked "Save this card". */
  saveCard?: boolean;
}

/**
 * What the element offers an adapter, and all an adapter may use of it: adapters never touch the element
 * itself or its state.
 */
export interface ProviderContext {
  readonly config: ProviderConfig;
  /**
   * The element itself, kept for adapters written against earlier versions. The built-in adapters do not use
   * it: what they need of the element is below (`injectedSdks()`, `adoptStyles()`, `container()` …).
   */
  readonly host: HTMLElement;
  /** Aborts when the element lets go of this adapter (reconfigured, reset or disconnected). */
  readonly signal: AbortSignal;
  readonly timeouts: Readonly<PayCheckoutTimeouts>;
  /**
   * SDK objects the page injected, most specific first: the element's `pekoCheckoutForm` property, then the
   * class's (`PayCheckout.pekoCheckoutForm`). Unchecked: the adapter takes the first it can use.
   */
  injectedSdks(): readonly unknown[];
  /** Adds `styles` (the adapter's own UI, a hosted page's frame) to the element's shadow root, once. */
  adoptStyles(styles: CSSResult): void;
  /** A light-DOM container projected into the element, for SDKs that must find their frame in the document. */
  container(): HTMLElement;
  /** The payment method can be submitted. */
  ready(): void;
  /** A ready payment method loads more before it can be submitted (e.g. the fields for a new card). */
  loading(): void;
  /** The adapter's UI or `payable` changed: the element renders again. */
  update(): void;
  change(detail: Omit<PayChangeDetail, 'provider'>): void;
  /** The payer chose a saved card, or a new card (`null`). */
  select(card: PayCard | null): void;
  /**
   * A token for the backend; returns false when the element refuses it (duplicate, not submitting).
   * Once accepted, the token is in `config.tokens.used`.
   */
  token(paymentToken: string, card: PayCard | null, options?: TokenOptions): boolean;
  /** The adapter cannot take a payment any more: the element shows the error and stops. */
  fail(error: PayCheckoutError): void;
  /** The element's texts (labels of anything an adapter shows). */
  readonly texts: Translation;
  /** The host's `payload` property as it is now (sent to a session endpoint). */
  payload(): Record<string, unknown> | undefined;
  /** A region of the element's shadow root for hosted pages (an inline frame, a modal `<dialog>`). */
  hostedRegion(): HTMLElement;
  /** An inline hosted page opened (true) or closed: while one is open the built-in button hides, as the page has its own. */
  inline(open: boolean): void;
  /** A hosted checkout accepted: `pay-complete`, status `complete`. False when the element refuses (not in a payable state). */
  complete(detail: PayCompleteDetail): boolean;
  /** The payer left a hosted checkout without paying: `pay-cancel`, status back to `ready`. */
  cancel(detail: PayCancelDetail): void;
  /**
   * Asks to leave for a hosted checkout page: emits the cancelable `pay-redirect` and, unless the host
   * canceled it, moves to `redirecting` and returns true (the adapter then navigates).
   */
  redirect(detail: PayRedirectDetail): boolean;
}

export interface PayCheckoutTimeouts {
  /** Loading an SDK module. */
  sdk: number;
  /** One attempt at fetching a token. */
  token: number;
  /** Mounting the payment method until it is ready. */
  mount: number;
  /** One submit, until a token or an error (and a redirect, until the page is gone). */
  submit: number;
  /** Posting a result to `action`, until its answer. */
  action: number;
  /** One POST to the host's session endpoint. */
  session: number;
}

export interface PaymentProvider {
  /**
   * Loads and mounts the payment method; resolves when mounting started (readiness is reported via
   * `ready()`; a hosted checkout may instead report the result of a redirect it came back from).
   */
  mount(): Promise<void>;
  /**
   * Submits; resolves once the token was handed over (hosted checkouts: once the hosted page is open,
   * or the page is leaving for it), rejects with a PayCheckoutError.
   */
  submit(): Promise<void>;
  /** Fetches a fresh session token now (`refreshToken()`); rejects with a PayCheckoutError. */
  refreshToken?(): Promise<void>;
  /** Releases everything. Called once; nothing may call back into the context afterwards. */
  unmount(): void;
  /** The adapter's own UI above its fields (e.g. saved cards), rendered in the element's shadow root. */
  renderAbove?(view: ProviderView): unknown;
  /** The adapter's own UI below its fields (e.g. "Save this card"). */
  renderBelow?(view: ProviderView): unknown;
  /** False while the fields are not in use (a saved card is chosen): the element hides their region. */
  readonly fieldsShown?: boolean;
  /** True when a submit can succeed without more input (without it: whenever ready). */
  readonly payable?: boolean;
  /** A hosted page is open after submit() resolved: its end (complete, cancel, failure) ends the payment. */
  readonly open?: boolean;
}

export interface ProviderModule {
  /** Configuration errors this provider detects before anything loads. */
  validate?(config: ProviderConfig): PayCheckoutError | undefined;
  create(context: ProviderContext): PaymentProvider;
}

export type ProviderLoader = () => Promise<ProviderModule>;
