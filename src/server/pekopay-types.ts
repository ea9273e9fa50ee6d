// PekoPay REST resources as the seeds send them (inputs) and as the API answers (resources). Money is in
// major units (`99.00`), as PekoPay writes it; dates are ISO 8601 strings.

export type PekoPayCardType = 'VISA' | 'MASTERCARD' | 'AMEX' | (string & {});
export type PekoPayTaxCode = 'gst' | 'pst' | 'hst' | 'qst' | (string & {});
export type PekoPayChargeFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

export interface PekoPayPaymentToken {
  /** `sess_…`: mount the checkout form with it; valid 60 minutes, one flow. */
  token: string;
}

export interface PekoPayCustomerInput {
  firstname: string;
  lastname: string;
  email: string;
  phone?: string;
  type?: 'INDIVIDUAL' | 'BUSINESS';
}

export interface PekoPayCard {
  cardLastFourDigits: string;
  cardType: PekoPayCardType;
}

export interface PekoPayCreditCard extends PekoPayCard {
  /** The card charges and subscriptions use when no payment token is given. */
  default: boolean;
}

export interface PekoPayCustomer {
  id: string;
  firstname: string;
  lastname: string;
  email: string;
  phone: string | null;
  type: string;
  creditCards: PekoPayCreditCard[];
  createdAt: string;
  updatedAt: string;
}

export interface PekoPayProductInput {
  name: string;
  description?: string;
  price: number;
  currency: string;
  active?: boolean;
}

export interface PekoPayProduct {
  id: string;
  name: string;
  description: string | null;
  price: number;
  currency: string;
  active: boolean;
  createdAt: string;
}

export interface PekoPayTransactionInput {
  /** The `sess_…` token from the checkout's `completeTransaction` (`pay-token`'s `paymentToken`). Omit to charge the customer's default card. */
  paymentToken?: string;
  customerId: string;
  items: { productId: string; quantity: number }[];
  /** Taxes the provider computes on the subtotal, e.g. `['gst', 'pst']`. */
  taxRatesOptions?: PekoPayTaxCode[];
}

export interface PekoPayTax {
  code: PekoPayTaxCode;
  name: string;
  /** Percent. */
  rate: number;
  amount: number;
}

export interface PekoPayAmounts {
  subtotal: number;
  taxes: PekoPayTax[];
  taxTotal: number;
  total: number;
}

export interface PekoPayTransactionItem {
  productId?: string;
  planId?: string;
  name: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface PekoPayTransaction extends PekoPayAmounts {
  id: string;
  type: 'ONE_TIME' | 'SUBSCRIPTION';
  status: 'SUCCEEDED' | 'DECLINED';
  customerId: string;
  subscriptionId: string | null;
  currency: string;
  items: PekoPayTransactionItem[];
  card: PekoPayCard;
  failureReason: string | null;
  createdAt: string;
}

export interface PekoPayPlanInput {
  name: string;
  description?: string;
  recurringChargeAmount: number;
  chargeFrequency: PekoPayChargeFrequency;
  currency: string;
  trialPeriodDays?: number;
  gracePeriodDays?: number;
  active?: boolean;
}

export interface PekoPayPlan {
  id: string;
  name: string;
  description: string | null;
  recurringChargeAmount: number;
  chargeFrequency: PekoPayChargeFrequency;
  currency: string;
  trialPeriodDays: number;
  gracePeriodDays: number;
  active: boolean;
  createdAt: string;
}

export interface PekoPaySubscriptionInput {
  /** The `sess_…` token from the checkout. Omit to use the customer's default card. */
  paymentToken?: string;
  subscription: {
    planId: string;
    customerId: string;
    quantity?: number;
    applicableTaxes?: PekoPayTaxCode[];
  };
}

export type PekoPaySubscriptionStatus = 'TRIALING' | 'ACTIVE' | 'PAST_DUE' | 'CANCELED';

export interface PekoPaySubscription extends PekoPayAmounts {
  id: string;
  status: PekoPaySubscriptionStatus;
  customerId: string;
  planId: string;
  planName: string;
  quantity: number;
  applicableTaxes: PekoPayTaxCode[];
  currency: string;
  chargeFrequency: PekoPayChargeFrequency;
  /** Plan amount × quantity, before taxes; `total` is what each period charges. */
  amount: number;
  trialEndsAt: string | null;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  nextBillingDate: string | null;
  gracePeriodDays: number;
  /** Set while `PAST_DUE`: the subscription is canceled if still unpaid then. */
  graceEndsAt: string | null;
  paymentSource: PekoPayCard;
  createdAt: string;
  updatedAt: string;
  canceledAt: string | null;
  cancelReason: string | null;
}

export type PekoPayWebhookType =
  | 'transaction.succeeded'
  | 'transaction.failed'
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.renewed'
  | 'subscription.payment_failed'
  | 'subscription.canceled';

export interface PekoPayWebhookPayload {
  transaction?: PekoPayTransaction;
  subscription?: PekoPaySubscription;
  /** `subscription.updated`: what changed, and its value before. */
  change?: 'plan' | 'quantity' | 'payment_source';
  previous?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The body PekoPay POSTs to a webhook endpoint, signed in `X-Webhook-Signature`. */
export interface PekoPayWebhookEvent {
  type: PekoPayWebhookType | (string & {});
  /** The tenant the event belongs to. */
  businessId: string;
  payload: PekoPayWebhookPayload;
}
