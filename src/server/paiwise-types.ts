// The Paiwise (Neuro-Pay) checkout API as PaiwiseClient sends and reads it. Amounts are in minor units
// (`3000` is SEK 30.00). Every call is a POST with a JSON body and answers the object in its new state.

export type PaiwiseCheckoutStatus =
  'created' | 'reserved' | 'reserve released' | 'paid' | 'refunded' | 'partialRefund' | 'revoked' | 'failed' | 'canceled';

/** Key-value data kept with a checkout or a customer. */
export type PaiwiseMetaData = Record<string, string | number | boolean | null>;

/** `POST /checkout/create`. */
export interface PaiwiseCheckoutInput {
  /** Smallest unit of the currency: SEK 30 is `3000`. */
  amount: number;
  currency: string;
  /** Shown to the payer on the checkout page. */
  message: string;
  /** Where the payer returns when done; must be on one of the client's `returnOrigins`. */
  returnUrl: string;
  /** Where the payer returns on cancel; must be on one of the client's `returnOrigins`. */
  returnUrlCancel: string;
  /** Default: the checkout id. */
  identifier?: string;
  /** `false`: only reserve now, capture later (default `true`). */
  capture?: boolean;
  /** `false`: the payer cannot save the card (default `true`). */
  allowSaveCard?: boolean;
  /** Offers to save the card for this customer. */
  customer_id?: string;
  /** With `customer_id`: pays at once with this saved card. */
  card_id?: string;
  /** Only `"iframe"`: the page without its background, for frames. */
  template?: 'iframe';
  metaData?: PaiwiseMetaData | { key: string; value: string | number | boolean | null }[];
}

/** `POST /checkout/refund`. */
export interface PaiwiseRefundInput {
  /** Default: all that is left. */
  amount?: number;
  reason?: 'duplicate' | 'requested_by_customer' | 'fraudolent';
  refundDetails?: string;
}

/** A checkout as Paiwise answers it. */
export interface PaiwiseCheckout {
  checkout_id: string;
  status: PaiwiseCheckoutStatus | (string & {});
  amount: number;
  currency: string;
  identifier?: string;
  message?: string;
  capture?: boolean;
  allowSaveCard?: boolean;
  returnUrl?: string;
  returnUrlCancel?: string;
  customer_id?: string | null;
  card_id?: string | null;
  template?: 'iframe' | null;
  metaData?: PaiwiseMetaData;
  /** The hosted checkout page (the field name is not public: see `paiwiseCheckoutUrl`). */
  url?: string;
  amount_refunded?: number;
  created_at?: string;
  updated_at?: string;
  [field: string]: unknown;
}

/** `POST /checkout/create-customer`. */
export interface PaiwiseCustomerInput {
  first_name: string;
  last_name: string;
  email: string;
  metaData?: PaiwiseMetaData | { key: string; value: string | number | boolean | null }[];
}

export interface PaiwiseCustomer {
  customer_id: string;
  first_name: string;
  last_name: string;
  email: string;
  metaData?: PaiwiseMetaData;
  /** The page where the customer manages their saved cards (the document spells it `Client_page`). */
  client_page?: string;
  Client_page?: string;
  [field: string]: unknown;
}
