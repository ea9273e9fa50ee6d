// Reepay's Checkout API and API as ReepayClient sends and reads them. Amounts are in minor units (`50000` is
// DKK 500.00); handles are the merchant's own references (`[a-zA-Z0-9_.-@]`, at most 255).

/** A create-customer object: the customer with this handle, created if Reepay does not know it. */
export interface ReepayCustomerInput {
  handle?: string;
  /** Let Reepay choose the handle (instead of `handle`). */
  generate_handle?: boolean;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  address?: string;
  city?: string;
  postal_code?: string;
  country?: string;
  company?: string;
  vat?: string;
  [field: string]: unknown;
}

export interface ReepayOrderLine {
  ordertext: string;
  /** Per unit, VAT included unless `amount_incl_vat` is false. */
  amount: number;
  quantity?: number;
  /** Rate as a fraction (`0.25`); default: the account's. */
  vat?: number;
  amount_incl_vat?: boolean;
}

/** What an invoice is for and whose it is: exactly one of `amount` and `order_lines`. */
export interface ReepayInvoiceInput {
  /** The invoice's (charge's) handle: the merchant's order reference. */
  handle: string;
  amount?: number;
  order_lines?: ReepayOrderLine[];
  currency?: string;
  ordertext?: string;
  customer?: ReepayCustomerInput;
  /** An existing customer, instead of `customer`. */
  customer_handle?: string;
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A new invoice (order) for a charge session. */
export type ReepayOrder = ReepayInvoiceInput;

/** What every session takes: where the checkout returns the payer, and how long the session lives. */
export interface ReepaySessionOptions {
  /** Where the payer goes after paying; Reepay adds `id`, `invoice`, `customer`, `payment_method`. */
  accept_url?: string;
  cancel_url?: string;
  /** ISO-8601 duration, e.g. `PT3H`. */
  ttl?: string;
  locale?: string;
  payment_methods?: string[];
  [field: string]: unknown;
}

/** `POST /v1/session/charge`: a new `order`, or an existing unpaid `invoice` (its handle). */
export type ReepayChargeSessionInput = ReepaySessionOptions & {
  /** Also saves the card for later charges (`payment_method` = `ca_…` on accept). */
  recurring?: boolean;
  /** Settle at once instead of only authorizing. */
  settle?: boolean;
} & ({ order: ReepayOrder; invoice?: never } | { invoice: string; order?: never });

/** `POST /v1/session/recurring`: saves a card without a payment, for an existing or a new customer. */
export type ReepayRecurringSessionInput = ReepaySessionOptions &
  ({ customer: string; create_customer?: never } | { create_customer: ReepayCustomerInput; customer?: never });

export interface ReepayPrepareSubscription {
  plan: string;
  handle?: string;
  customer?: string;
  create_customer?: ReepayCustomerInput;
  [field: string]: unknown;
}

/** `POST /v1/session/subscription`: an existing pending subscription, or one to prepare. */
export type ReepaySubscriptionSessionInput = ReepaySessionOptions &
  ({ subscription: string; prepare_subscription?: never } | { prepare_subscription: ReepayPrepareSubscription; subscription?: never });

/** A created session: its id and the hosted checkout's URL. */
export interface ReepaySession {
  /** `cs_…` */
  id: string;
  url: string;
}

/** `POST /v1/charge`: charges a saved payment method (`source: "ca_…"`) merchant-initiated. */
export interface ReepayChargeInput extends ReepayInvoiceInput {
  /** `ca_…`, a saved payment method. */
  source: string;
  /** Settle at once instead of only authorizing. */
  settle?: boolean;
  /** Idempotency: the same `handle` and `key` again returns the first result and charges nothing. */
  key?: string;
}

export type ReepayChargeState = 'created' | 'authorized' | 'settled' | 'failed' | 'cancelled' | 'pending' | (string & {});

export interface ReepayChargeSource {
  type: string;
  card?: string;
  card_type?: string;
  masked_card?: string;
  exp_date?: string;
  fingerprint?: string;
  [field: string]: unknown;
}

/** A charge (invoice) as the API answers it. */
export interface ReepayCharge {
  handle: string;
  state: ReepayChargeState;
  customer: string;
  amount: number;
  currency: string;
  created: string;
  authorized?: string;
  settled?: string;
  cancelled?: string;
  transaction?: string;
  /** Why it failed (`credit_card_declined`, `insufficient_funds` …). */
  error?: string;
  error_state?: 'pending' | 'soft_declined' | 'hard_declined' | 'processing_error' | (string & {});
  source?: ReepayChargeSource;
  /** The card a recurring charge session saved. */
  recurring_payment_method?: string;
  order_lines?: (ReepayOrderLine & { id: string })[];
  authorized_amount?: number;
  refunded_amount?: number;
  [field: string]: unknown;
}

/** `POST /v1/charge/:handle/settle`: all of the authorized amount unless `amount` says less. */
export interface ReepaySettleInput {
  amount?: number;
  key?: string;
  ordertext?: string;
  order_lines?: ReepayOrderLine[];
  [field: string]: unknown;
}

/** `POST /v1/refund` for a charge: all of what was settled unless `amount` says less. */
export interface ReepayRefundInput {
  amount?: number;
  /** Idempotency key. */
  key?: string;
  ordertext?: string;
  [field: string]: unknown;
}

export interface ReepayRefund {
  id: string;
  state: 'created' | 'refunded' | 'failed' | 'processing' | (string & {});
  /** The charge's handle. */
  invoice: string;
  amount: number;
  currency: string;
  created: string;
  transaction?: string;
  error?: string;
  credit_note_id?: string;
  [field: string]: unknown;
}

/** A saved card (`ca_…`). */
export interface ReepayCard {
  id: string;
  state: 'active' | 'inactivated' | 'failed' | 'pending' | 'deleted' | (string & {});
  customer: string;
  card_type?: string;
  masked_card?: string;
  exp_date?: string;
  fingerprint?: string;
  created?: string;
  [field: string]: unknown;
}

/** `GET /v1/customer/:handle/payment_method`: the customer's saved payment methods, by kind. */
export interface ReepayCustomerPaymentMethods {
  cards: ReepayCard[];
  [kind: string]: unknown;
}

/**
 * A webhook's body. `signature` is the hex HMAC-SHA256 of `timestamp + id` under the webhook secret: it
 * covers only those two, so read the resource the event names from the API rather than trust the rest.
 */
export interface ReepayWebhookEvent {
  id: string;
  event_id?: string;
  event_type: string;
  timestamp: string;
  signature: string;
  customer?: string;
  invoice?: string;
  subscription?: string;
  payment_method?: string;
  transaction?: string;
  [field: string]: unknown;
}
