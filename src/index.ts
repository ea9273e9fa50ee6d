// The package's public entry: importing it registers <pay-checkout>.
export { PayCheckout } from './pay-checkout.js';
export * from './events/index.js';
export { PayCheckoutError, type PayErrorCode } from './errors.js';
export type { PayStatus } from './internal/status.js';
export type { PaySubmitResult } from './controllers/outcome.js';
export { registerProvider } from './providers/registry.js';
export type {
  PayCheckoutTimeouts,
  PayMode,
  PayProvider,
  PayProviders,
  PaymentProvider,
  ProviderConfig,
  ProviderContext,
  ProviderLoader,
  ProviderModule,
  SessionTokenProvider,
} from './providers/types.js';
export type * from './providers/pekopay/sdk.js';
export type { Translation, TranslationOverrides } from './locales/translation.js';
