// The one small interface every payment provider implements, and the registry the element loads
// providers from. Providers are imported lazily: a page pays only for the provider it uses.
import type { PayCheckoutError } from '../errors.js';
import type { PayChangeDetail } from '../events/pay-change.js';
import type { PayCard } from '../events/pay-token.js';
import type { TokenSourceOptions } from '../internal/token-source.js';

/** The configuration an adapter reads: a snapshot of the element's attributes and properties. */
export interface ProviderConfig {
  readonly provider: string;
  readonly mode: string | undefined;
  readonly environment: 'sandbox' | 'production';
  readonly sdkUrl: string | undefined;
  readonly sdkVersion: string;
  readonly hasTokenSource: boolean;
}

/** What the element offers an adapter. Adapters never touch the element's state directly. */
export interface ProviderContext {
  readonly config: ProviderConfig;
  /** The element itself (for injected SDKs and the like). */
  readonly host: HTMLElement;
  /** Aborts when the element lets go of this adapter (reconfigured, reset or disconnected). */
  readonly signal: AbortSignal;
  /**
   * The element's payment-session token inputs, checked. A provider that needs such tokens makes its
   * `TokenSource` from them, so that the token code loads with that provider only.
   */
  readonly tokenOptions: TokenSourceOptions;
  readonly timeouts: Readonly<PayCheckoutTimeouts>;
  /** A light-DOM container projected into the element, for SDKs that must find their frame in the document. */
  container(): HTMLElement;
  /** The payment method can be submitted. */
  ready(): void;
  change(detail: Omit<PayChangeDetail, 'provider'>): void;
  /** A token for the backend; returns false when the element refuses it (duplicate, not submitting). */
  token(paymentToken: string, card: PayCard | null): boolean;
  /** The adapter cannot take a payment any more: the element shows the error and stops. */
  fail(error: PayCheckoutError): void;
}

export interface PayCheckoutTimeouts {
  /** Loading an SDK module. */
  sdk: number;
  /** One attempt at fetching a token. */
  token: number;
  /** Mounting the payment method until it is ready. */
  mount: number;
  /** One submit, until a token or an error. */
  submit: number;
}

export interface PaymentProvider {
  /** Loads and mounts the payment method; resolves when mounting started (readiness is reported via `ready()`). */
  mount(): Promise<void>;
  /** Submits; resolves once the token was handed over, rejects with a PayCheckoutError. */
  submit(): Promise<void>;
  /** Releases everything. Called once; nothing may call back into the context afterwards. */
  unmount(): void;
}

export interface ProviderModule {
  /** Configuration errors this provider detects before anything loads. */
  validate?(config: ProviderConfig): PayCheckoutError | undefined;
  create(context: ProviderContext): PaymentProvider;
}

export type ProviderLoader = () => Promise<ProviderModule>;

const registry = new Map<string, ProviderLoader>([['pekopay', () => import('./pekopay/index.js')]]);

/** Adds or replaces a provider under `name` (`provider="name"`). */
export const registerProvider = (name: string, loader: ProviderLoader): void => {
  registry.set(name, loader);
};

/** The loader for `name`, or undefined for an unknown provider. */
export const providerLoader = (name: string): ProviderLoader | undefined => registry.get(name);
