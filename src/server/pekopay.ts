// PekoPayClient: the PekoPay REST API for a merchant's backend (Node or edge), one method per call of the
// seeds. It holds the Basic credentials; nothing it returns or throws contains them.
import {
  baseUrlOf,
  ProviderClient,
  requireStrings,
  type ProviderCallOptions,
  type ProviderClientOptions,
  type ProviderRequestOptions,
} from './client.js';
import { PekoPayError, type ProviderApiErrorInit } from './errors.js';
import { basicAuthorization } from './http.js';
import type {
  PekoPayCreditCard,
  PekoPayCard,
  PekoPayCustomer,
  PekoPayCustomerInput,
  PekoPayPaymentToken,
  PekoPayPlan,
  PekoPayPlanInput,
  PekoPayProduct,
  PekoPayProductInput,
  PekoPaySubscription,
  PekoPaySubscriptionInput,
  PekoPaySubscriptionStatus,
  PekoPayTransaction,
  PekoPayTransactionInput,
} from './pekopay-types.js';

export interface PekoPayClientOptions extends ProviderClientOptions {
  /** `https://sandbox-api.peko-pay.com`, `https://gateway.peko-pay.com`, or the local sandbox's `…/sandbox/pekopay`. */
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export type PekoPayRequestOptions = ProviderRequestOptions;

export interface PekoPayChargeOptions extends PekoPayRequestOptions {
  /** Sent as `Idempotency-Key`: a retry with the same key and body returns the first result and charges nothing. */
  idempotencyKey?: string;
}

export interface PekoPayTokenOptions extends PekoPayRequestOptions {
  /** The seeds show both verbs. Default `POST`. */
  method?: 'GET' | 'POST';
}

interface CallOptions extends PekoPayChargeOptions, ProviderCallOptions {}

export class PekoPayClient extends ProviderClient {
  readonly baseUrl: string;
  readonly tenantId: string;

  constructor(options: PekoPayClientOptions) {
    requireStrings('PekoPayClient', options, ['baseUrl', 'tenantId', 'clientId', 'clientSecret']);
    super(basicAuthorization(options.clientId, options.clientSecret), options);
    this.baseUrl = baseUrlOf(options.baseUrl);
    this.tenantId = options.tenantId;
  }

  /**
   * Any other call of the PekoPay API (or of the local sandbox, e.g. `POST /test-clock/advance`), with this
   * client's credentials, time limit and errors. `path` is relative to `baseUrl`.
   */
  request<T = unknown>(method: string, path: string, options?: ProviderCallOptions): Promise<T> {
    return this._call(method, path, options);
  }

  // Payment tokens ────────────────────────────────────────────────────────────────────────────────
  /** `/payment-token/:tenantId/generate`: a `sess_…` token for the checkout form (60 minutes, one flow). */
  generatePaymentToken(options: PekoPayTokenOptions = {}): Promise<PekoPayPaymentToken> {
    return this._call(options.method ?? 'POST', `/payment-token/${this._tenant}/generate`, options);
  }

  // Customers ─────────────────────────────────────────────────────────────────────────────────────
  createCustomer(input: PekoPayCustomerInput, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    return this._call('POST', this._path('customers'), { ...options, body: input });
  }

  updateCustomer(customerId: string, input: Partial<PekoPayCustomerInput>, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    return this._call('PUT', this._path('customers', customerId), { ...options, body: input });
  }

  deleteCustomer(customerId: string, options?: PekoPayRequestOptions): Promise<{ id: string; deleted: true }> {
    return this._call('DELETE', this._path('customers', customerId), options);
  }

  getCustomer(customerId: string, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    return this._call('GET', this._path('customers', customerId), options);
  }

  listCustomers(filter: { email?: string } = {}, options?: PekoPayRequestOptions): Promise<PekoPayCustomer[]> {
    return this._call('GET', this._path('customers'), { ...options, query: filter });
  }

  /**
   * The customer with this email, created if there is none (the seeds' "create or reuse by email"). Safe
   * against a concurrent create of the same email.
   */
  async findOrCreateCustomer(input: PekoPayCustomerInput, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    const email = input.email.trim().toLowerCase();
    // Filtered here too: an API that ignored the email filter must not hand back someone else.
    const byEmail = async () =>
      (await this.listCustomers({ email }, options)).find((customer) => customer.email.trim().toLowerCase() == email);
    const existing = await byEmail();
    if (existing) return existing;
    try {
      return await this.createCustomer(input, options);
    } catch (error) {
      const raced = error instanceof PekoPayError && error.status == 409 ? await byEmail() : undefined;
      if (raced) return raced;
      throw error;
    }
  }

  /** Saves the card of a payment token on the customer (the default card if it has none). */
  addPaymentMethod(customerId: string, paymentToken: string, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    return this._call('PUT', this._path('customers', customerId, 'payment-methods'), { ...options, body: { paymentToken } });
  }

  /** Makes one of the customer's saved cards the default. */
  chooseDefaultCard(customerId: string, card: PekoPayCard, options?: PekoPayRequestOptions): Promise<PekoPayCustomer> {
    const body = { cardLastFourDigits: card.cardLastFourDigits, cardType: card.cardType };
    return this._call('PUT', this._path('customers', customerId, 'credit-card', 'choose'), { ...options, body });
  }

  /** The customer's saved cards (last four digits and brand only). */
  listCreditCards(customerId: string, options?: PekoPayRequestOptions): Promise<PekoPayCreditCard[]> {
    return this._call('GET', this._path('customers', customerId, 'credit-cards'), options);
  }

  // Products ──────────────────────────────────────────────────────────────────────────────────────
  createProduct(input: PekoPayProductInput, options?: PekoPayRequestOptions): Promise<PekoPayProduct> {
    return this._call('POST', this._path('products'), { ...options, body: input });
  }

  listProducts(options?: PekoPayRequestOptions): Promise<PekoPayProduct[]> {
    return this._call('GET', this._path('products'), options);
  }

  getProduct(productId: string, options?: PekoPayRequestOptions): Promise<PekoPayProduct> {
    return this._call('GET', this._path('products', productId), options);
  }

  // Transactions ──────────────────────────────────────────────────────────────────────────────────
  /**
   * Charges a one-time transaction; PekoPay prices the items and computes the taxes. A declined card is a
   * `PekoPayError` with status 402, code `payment_declined` and the declined transaction in `body.transaction`.
   */
  createTransaction(input: PekoPayTransactionInput, options?: PekoPayChargeOptions): Promise<PekoPayTransaction> {
    return this._call('POST', this._path('transactions'), { ...options, body: input });
  }

  getTransaction(transactionId: string, options?: PekoPayRequestOptions): Promise<PekoPayTransaction> {
    return this._call('GET', this._path('transactions', transactionId), options);
  }

  listTransactions(
    filter: { customerId?: string; subscriptionId?: string } = {},
    options?: PekoPayRequestOptions,
  ): Promise<PekoPayTransaction[]> {
    return this._call('GET', this._path('transactions'), { ...options, query: filter });
  }

  // Plans ─────────────────────────────────────────────────────────────────────────────────────────
  createPlan(input: PekoPayPlanInput, options?: PekoPayRequestOptions): Promise<PekoPayPlan> {
    return this._call('POST', this._path('plans'), { ...options, body: input });
  }

  listPlans(options?: PekoPayRequestOptions): Promise<PekoPayPlan[]> {
    return this._call('GET', this._path('plans'), options);
  }

  getPlan(planId: string, options?: PekoPayRequestOptions): Promise<PekoPayPlan> {
    return this._call('GET', this._path('plans', planId), options);
  }

  // Subscriptions ─────────────────────────────────────────────────────────────────────────────────
  /** Subscribes a customer: `TRIALING` when the plan has a trial, else the first period is charged now (402 if declined). */
  createSubscription(input: PekoPaySubscriptionInput, options?: PekoPayChargeOptions): Promise<PekoPaySubscription> {
    return this._call('POST', this._path('subscriptions'), { ...options, body: input });
  }

  getSubscription(subscriptionId: string, options?: PekoPayRequestOptions): Promise<PekoPaySubscription> {
    return this._call('GET', this._path('subscriptions', subscriptionId), options);
  }

  listSubscriptions(
    filter: { customerId?: string; status?: PekoPaySubscriptionStatus } = {},
    options?: PekoPayRequestOptions,
  ): Promise<PekoPaySubscription[]> {
    return this._call('GET', this._path('subscriptions'), { ...options, query: filter });
  }

  /** Moves a subscription to another plan (upgrade or downgrade). */
  switchPlan(subscriptionId: string, planId: string, options?: PekoPayRequestOptions): Promise<PekoPaySubscription> {
    return this._call('PATCH', this._path('subscriptions', subscriptionId, 'switch'), { ...options, body: { planId } });
  }

  updateQuantity(subscriptionId: string, quantity: number, options?: PekoPayRequestOptions): Promise<PekoPaySubscription> {
    return this._call('PATCH', this._path('subscriptions', subscriptionId, 'quantity'), { ...options, body: { quantity } });
  }

  /** Pays the subscription with the card of a new payment token from the checkout. */
  updatePaymentSource(subscriptionId: string, pfToken: string, options?: PekoPayRequestOptions): Promise<PekoPaySubscription> {
    return this._call('PATCH', this._path('subscriptions', subscriptionId, 'payment-source'), { ...options, body: { pfToken } });
  }

  cancelSubscription(subscriptionId: string, options?: PekoPayRequestOptions): Promise<PekoPaySubscription> {
    return this._call('DELETE', this._path('subscriptions', subscriptionId), options);
  }

  // ───────────────────────────────────────────────────────────────────────────────────────────────
  private get _tenant(): string {
    return encodeURIComponent(this.tenantId);
  }

  private _path(...segments: string[]): string {
    return `/tenants/${this._tenant}/${segments.map(encodeURIComponent).join('/')}`;
  }

  protected _error(init: Omit<ProviderApiErrorInit, 'provider'>): PekoPayError {
    return new PekoPayError(init);
  }

  private _call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const { idempotencyKey, headers, ...rest } = options;
    const withKey = idempotencyKey === undefined ? headers : { ...headers, 'Idempotency-Key': idempotencyKey };
    return this._send(this.baseUrl, method, path, { ...rest, headers: withKey });
  }
}
