// `pay-checkout/server`: typed, dependency-free provider clients for the merchant's backend (Node 20+ or
// an edge runtime). Never import this into a browser bundle: it holds provider credentials.
export {
  PekoPayClient,
  type PekoPayChargeOptions,
  type PekoPayClientOptions,
  type PekoPayRequestOptions,
  type PekoPayTokenOptions,
} from './pekopay.js';
export type * from './pekopay-types.js';
export { PekoPayError, ProviderApiError, type ProviderApiErrorInit, type ProviderFieldError } from './errors.js';
export { basicAuthorization, type FetchLike } from './http.js';
export { hmacSha256Hex, parsePekoPayWebhook, verifyWebhookSignature, type RawBody } from './webhooks.js';
