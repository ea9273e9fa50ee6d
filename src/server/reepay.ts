// ReepayClient: Reepay's Checkout API (sessions for the hosted checkout) and API (charges, refunds, saved
// payment methods) for a merchant's backend, Node or edge. Basic auth with the private key as the user name
// and an empty password; nothing it returns or throws contains the key.
import { baseUrlOf, ProviderClient, requireStrings, type ProviderClientOptions, type ProviderRequestOptions } from './client.js';
import { ReepayError, type ProviderApiErrorInit } from './errors.js';
import { basicAuthorization } from './http.js';
import type {
  ReepayCharge,
  ReepayChargeInput,
  ReepayChargeSessionInput,
  ReepayCustomerPaymentMethods,
  ReepayRecurringSessionInput,
  ReepayRefund,
  ReepayRefundInput,
  ReepaySession,
  ReepaySettleInput,
  ReepaySubscriptionSessionInput,
} from './reepay-types.js';

export const REEPAY_CHECKOUT_API_URL = 'https://checkout-api.reepay.com';
export const REEPAY_API_URL = 'https://api.reepay.com';

export interface ReepayClientOptions extends ProviderClientOptions {
  /** `priv_…`: sent as the Basic user name. Never to the browser. */
  privateKey: string;
  /** Default `https://checkout-api.reepay.com`; the local sandbox's is `…/sandbox/reepay/checkout-api`. */
  checkoutApiUrl?: string;
  /** Default `https://api.reepay.com`; the local sandbox's is `…/sandbox/reepay/api`. */
  apiUrl?: string;
}

export type ReepayRequestOptions = ProviderRequestOptions;

type Api = 'checkout' | 'api';

export class ReepayClient extends ProviderClient {
  readonly checkoutApiUrl: string;
  readonly apiUrl: string;

  constructor(options: ReepayClientOptions) {
    requireStrings('ReepayClient', options, ['privateKey']);
    super(basicAuthorization(options.privateKey, ''), options);
    this.checkoutApiUrl = baseUrlOf(options.checkoutApiUrl ?? REEPAY_CHECKOUT_API_URL);
    this.apiUrl = baseUrlOf(options.apiUrl ?? REEPAY_API_URL);
  }

  // Checkout API: sessions ─────────────────────────────────────────────────────────────────────────
  /** A charge session for a new `order` (created with its customer if need be) or an existing unpaid `invoice`. */
  createChargeSession(input: ReepayChargeSessionInput, options?: ReepayRequestOptions): Promise<ReepaySession> {
    return this._post('checkout', '/v1/session/charge', input, options);
  }

  /** A session that saves a payment method without a payment (`payment_method` = `ca_…` on accept). */
  createRecurringSession(input: ReepayRecurringSessionInput, options?: ReepayRequestOptions): Promise<ReepaySession> {
    return this._post('checkout', '/v1/session/recurring', input, options);
  }

  /** A session that pays a subscription's payment method (open it with `content_type: rp_subscription`). */
  createSubscriptionSession(input: ReepaySubscriptionSessionInput, options?: ReepayRequestOptions): Promise<ReepaySession> {
    return this._post('checkout', '/v1/session/subscription', input, options);
  }

  /** Ends a session that has not been used, e.g. when the order changed. */
  async deleteSession(id: string, options?: ReepayRequestOptions): Promise<void> {
    await this._call('checkout', 'DELETE', `/v1/session/${encodeURIComponent(id)}`, options);
  }

  // API: charges ───────────────────────────────────────────────────────────────────────────────────
  /** The charge (invoice) with this handle: what the checkout's accept really did. */
  getCharge(handle: string, options?: ReepayRequestOptions): Promise<ReepayCharge> {
    return this._call('api', 'GET', `/v1/charge/${encodeURIComponent(handle)}`, options);
  }

  /**
   * Charges a saved payment method merchant-initiated: `source` is the `ca_…` a recurring session saved. A
   * declined card is not an error: the charge answers with `state: "failed"` and its `error`.
   */
  createCharge(input: ReepayChargeInput, options?: ReepayRequestOptions): Promise<ReepayCharge> {
    return this._post('api', '/v1/charge', input, options);
  }

  /** Settles (captures) an authorized charge: all of it, or `input.amount`. */
  settleCharge(handle: string, input: ReepaySettleInput = {}, options?: ReepayRequestOptions): Promise<ReepayCharge> {
    return this._post('api', `/v1/charge/${encodeURIComponent(handle)}/settle`, input, options);
  }

  /** Cancels a charge that is not settled: releases the authorization. */
  cancelCharge(handle: string, options?: ReepayRequestOptions): Promise<ReepayCharge> {
    return this._post('api', `/v1/charge/${encodeURIComponent(handle)}/cancel`, {}, options);
  }

  /** Refunds a settled charge: all of it, or `input.amount` (`POST /v1/refund` with `invoice: handle`). */
  refundCharge(handle: string, input: ReepayRefundInput = {}, options?: ReepayRequestOptions): Promise<ReepayRefund> {
    return this._post('api', '/v1/refund', { ...input, invoice: handle }, options);
  }

  /** The customer's saved payment methods (`cards`: the `ca_…` a charge can use as `source`). */
  listPaymentMethods(customerHandle: string, options?: ReepayRequestOptions): Promise<ReepayCustomerPaymentMethods> {
    return this._call('api', 'GET', `/v1/customer/${encodeURIComponent(customerHandle)}/payment_method`, options);
  }

  // ───────────────────────────────────────────────────────────────────────────────────────────────
  protected _error(init: Omit<ProviderApiErrorInit, 'provider'>): ReepayError {
    return new ReepayError(init);
  }

  private _post<T>(api: Api, path: string, body: object, options?: ReepayRequestOptions): Promise<T> {
    return this._call(api, 'POST', path, { ...options, body });
  }

  private _call<T>(api: Api, method: string, path: string, options?: ReepayRequestOptions & { body?: unknown }): Promise<T> {
    return this._send(api == 'checkout' ? this.checkoutApiUrl : this.apiUrl, method, path, options);
  }
}
