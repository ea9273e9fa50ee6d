// PaiwiseClient: the Paiwise (Neuro-Pay) checkout API for a merchant's backend, Node or edge: checkouts and
// customers, bearer API key. A checkout's return URLs must be on one of the merchant's own origins, checked
// here before any request; nothing it returns or throws contains the key.
import { baseUrlOf, ProviderClient, requireStrings, type ProviderClientOptions, type ProviderRequestOptions } from './client.js';
import { PaiwiseError, type ProviderApiErrorInit } from './errors.js';
import type {
  PaiwiseCheckout,
  PaiwiseCheckoutInput,
  PaiwiseCustomer,
  PaiwiseCustomerInput,
  PaiwiseMetaData,
  PaiwiseRefundInput,
} from './paiwise-types.js';

export const PAIWISE_API_URL = 'https://api.paiwise.com';

export interface PaiwiseClientOptions extends ProviderClientOptions {
  /** The bearer API key (test or live). Never to the browser. */
  apiKey: string;
  /** Default `https://api.paiwise.com`; the local sandbox's is `…/sandbox/paiwise`. */
  baseUrl?: string;
  /**
   * The origins `returnUrl` and `returnUrlCancel` may be on: the shop's own, e.g. `['https://shop.example']`.
   * A checkout returning anywhere else is refused before any request.
   */
  returnOrigins: readonly string[];
}

export type PaiwiseRequestOptions = ProviderRequestOptions;

/** The hosted page of a checkout Paiwise answered: `url`, else `checkout_url`, else `link`. */
export function paiwiseCheckoutUrl(checkout: PaiwiseCheckout): string | undefined {
  const url = [checkout.url, checkout.checkout_url, checkout.link].find((candidate) => typeof candidate == 'string' && candidate);
  return url as string | undefined;
}

const originOf = (url: string): string | undefined => {
  try {
    const { origin, protocol } = new URL(url);
    return protocol == 'https:' || protocol == 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
};

export class PaiwiseClient extends ProviderClient {
  readonly baseUrl: string;
  readonly returnOrigins: readonly string[];

  constructor(options: PaiwiseClientOptions) {
    requireStrings('PaiwiseClient', options, ['apiKey']);
    const origins = (options.returnOrigins ?? []).map(originOf);
    if (!origins.length || origins.some((origin) => !origin)) {
      throw new TypeError('PaiwiseClient: returnOrigins must list http(s) origins, e.g. ["https://shop.example"]');
    }
    super(`Bearer ${options.apiKey}`, options);
    this.baseUrl = baseUrlOf(options.baseUrl ?? PAIWISE_API_URL);
    this.returnOrigins = Object.freeze(origins as string[]);
  }

  /**
   * `url` as an absolute URL when it is on one of `returnOrigins`; else throws a PaiwiseError with code
   * `return_url_not_allowed` and `field`. Relative URLs are taken relative to the first of `returnOrigins`.
   */
  checkReturnUrl(url: unknown, field = 'returnUrl'): string {
    let resolved: URL | undefined;
    try {
      resolved = typeof url == 'string' && url ? new URL(url, this.returnOrigins[0]) : undefined;
    } catch {
      resolved = undefined;
    }
    if (resolved && this.returnOrigins.includes(resolved.origin)) return resolved.href;
    throw new PaiwiseError({
      status: 0,
      code: 'return_url_not_allowed',
      message: `${field} must be a URL on ${this.returnOrigins.join(' or ')}.`,
      method: 'POST',
      path: '/checkout/create',
      field,
    });
  }

  // Checkouts ─────────────────────────────────────────────────────────────────────────────────────
  /** A hosted checkout (`template: "iframe"` for frames). Its page is `paiwiseCheckoutUrl(checkout)`. */
  async createCheckout(input: PaiwiseCheckoutInput, options?: PaiwiseRequestOptions): Promise<PaiwiseCheckout> {
    const returnUrl = this.checkReturnUrl(input.returnUrl, 'returnUrl');
    const returnUrlCancel = this.checkReturnUrl(input.returnUrlCancel, 'returnUrlCancel');
    return this._post('create', { ...input, returnUrl, returnUrlCancel }, options);
  }

  /** The checkout as Paiwise holds it: the element's `pay-complete` is a hint, this is the proof. */
  retrieveCheckout(checkoutId: string, options?: PaiwiseRequestOptions): Promise<PaiwiseCheckout> {
    return this._post('retrieve', { checkout_id: checkoutId }, options);
  }

  /** Captures a `reserved` checkout (created with `capture: false`): it becomes `paid`. */
  captureCheckout(checkoutId: string, options?: PaiwiseRequestOptions): Promise<PaiwiseCheckout> {
    return this._post('capture', { checkout_id: checkoutId }, options);
  }

  /** Refunds a `paid` checkout (all, or `amount`), or releases a `reserved` one. */
  refundCheckout(checkoutId: string, input: PaiwiseRefundInput = {}, options?: PaiwiseRequestOptions): Promise<PaiwiseCheckout> {
    return this._post('refund', { ...input, checkout_id: checkoutId }, options);
  }

  /** Sets metaData keys on a checkout in any status; an empty value deletes its key. */
  updateCheckout(checkoutId: string, metaData: PaiwiseMetaData | string, options?: PaiwiseRequestOptions): Promise<PaiwiseCheckout> {
    return this._post('update', { checkout_id: checkoutId, metaData }, options);
  }

  // Customers ─────────────────────────────────────────────────────────────────────────────────────
  /** A customer whose cards can be saved (`customer_id` on a checkout); `client_page` manages them. */
  createCustomer(input: PaiwiseCustomerInput, options?: PaiwiseRequestOptions): Promise<PaiwiseCustomer> {
    return this._post('create-customer', input, options);
  }

  retrieveCustomer(customerId: string, options?: PaiwiseRequestOptions): Promise<PaiwiseCustomer> {
    return this._post('retrieve-customer', { customer_id: customerId }, options);
  }

  deleteCustomer(customerId: string, options?: PaiwiseRequestOptions): Promise<PaiwiseCustomer> {
    return this._post('delete-customer', { customer_id: customerId }, options);
  }

  // ───────────────────────────────────────────────────────────────────────────────────────────────
  protected _error(init: Omit<ProviderApiErrorInit, 'provider'>): PaiwiseError {
    return new PaiwiseError(init);
  }

  private _post<T>(endpoint: string, body: object, options?: PaiwiseRequestOptions): Promise<T> {
    return this._send(this.baseUrl, 'POST', `/checkout/${endpoint}`, { ...options, body });
  }
}
