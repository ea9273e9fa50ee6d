// The package's public entry: importing it registers <pay-checkout>.
export { PayCheckout } from './pay-checkout.js';
export * from './events/index.js';
export { PayCheckoutError, type PayErrorCode } from './errors.js';
export type { PayStatus } from './internal/status.js';
export type { SessionTokenProvider } from './internal/token-source.js';
export {
  registerProvider,
  type PayCheckoutTimeouts,
  type PaymentProvider,
  type ProviderConfig,
  type ProviderContext,
  type ProviderLoader,
  type ProviderModule,
} from './providers/provider.js';
export type * from './providers/pekopay/sdk.js';
export type { Translation } from './locales/translation.js';
