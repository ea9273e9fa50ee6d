// `pay-checkout/server`: typed, dependency-free provider clients and Web-Fetch request handlers for the
// merchant's backend (Node 19+ or an edge runtime). Never import this into a browser bundle: it holds
// provider credentials. See docs/server.md.
export type { ProviderClientOptions, ProviderRequestOptions, ProviderCallOptions } from './client.js';
export {
  PekoPayClient,
  type PekoPayChargeOptions,
  type PekoPayClientOptions,
  type PekoPayRequestOptions,
  type PekoPayTokenOptions,
} from './pekopay.js';
export type * from './pekopay-types.js';
export { ReepayClient, REEPAY_API_URL, REEPAY_CHECKOUT_API_URL, type ReepayClientOptions, type ReepayRequestOptions } from './reepay.js';
export type * from './reepay-types.js';
export { PaiwiseClient, PAIWISE_API_URL, paiwiseCheckoutUrl, type PaiwiseClientOptions, type PaiwiseRequestOptions } from './paiwise.js';
export type * from './paiwise-types.js';
export { PaiwiseError, PekoPayError, ProviderApiError, ReepayError, type ProviderApiErrorInit, type ProviderFieldError } from './errors.js';
export { basicAuthorization, type FetchLike } from './http.js';
export {
  hmacSha256Hex,
  parsePekoPayWebhook,
  verifyReepayWebhook,
  verifyWebhookSignature,
  type RawBody,
  type ReepayWebhookOptions,
} from './webhooks.js';
export {
  createJsonHandler,
  HandlerError,
  jsonResponse,
  providerFailure,
  type FetchHandler,
  type ProviderFailureOptions,
  type HandlerContext,
  type HandlerOptions,
} from './handlers.js';
export {
  createPekoPayActionHandler,
  createPekoPayTokenHandler,
  type PekoPayActionContext,
  type PekoPayActionHandlerOptions,
  type PekoPayActionOrder,
  type PekoPayTokenHandlerOptions,
} from './handlers-pekopay.js';
export {
  createPaiwiseSessionHandler,
  createReepaySessionHandler,
  type PaiwiseSessionHandlerOptions,
  type PaiwiseSessionPlan,
  type ReepaySessionHandlerOptions,
  type ReepaySessionPlan,
  type SessionAnswer,
  type SessionCreated,
} from './handlers-hosted.js';
