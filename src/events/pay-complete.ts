// `pay-complete`: the payment is done, once, whatever the provider. PekoPay: the token was handed over (`pay-token`)
// and, with `action`, the endpoint accepted it. Reepay, Paiwise: the hosted checkout accepted the payment or saved
// the card — a hint for the host's backend, never proof: the backend verifies the session before fulfilling.
import { PayEvent } from './pay-event.js';
import type { PayTokenDetail } from './pay-token.js';

/** PekoPay: the `pay-token` detail, and with `action` what the endpoint answered. */
export interface PekoPayCompleteDetail extends PayTokenDetail {
  provider: 'pekopay';
  /** With `action`: the endpoint's answer (parsed JSON, the text when it is not JSON, null when empty). Absent without `action`. */
  body?: unknown;
}

/** What every hosted-checkout event carries. */
export interface PayHostedDetail {
  provider: string;
  /** The hosted session's id: Reepay's `cs_…` session, Paiwise's checkout id. */
  sessionId: string;
  /** True when the element re-emits the result on the page the provider redirected back to. */
  redirected: boolean;
}

/** Reepay: the identifiers the checkout returned (`null` when the session kind has none). */
export interface ReepayCompleteDetail extends PayHostedDetail {
  provider: 'reepay';
  /** The invoice (order) handle of a charge session. */
  invoice: string | null;
  /** The customer handle. */
  customer: string | null;
  /** The subscription handle of a subscription session. */
  subscription: string | null;
  /** The saved payment method (`ca_…`) of a recurring or subscription session, or a charge with `recurring`. */
  paymentMethod: string | null;
}

/** Paiwise: the checkout id and, when known, its status. */
export interface PaiwiseCompleteDetail extends PayHostedDetail {
  provider: 'paiwise';
  checkoutId: string;
  status?: string;
}

/** A hosted checkout's result (Reepay, Paiwise). */
export type PayHostedCompleteDetail = ReepayCompleteDetail | PaiwiseCompleteDetail;

/** Discriminated by `provider`. */
export type PayCompleteDetail = PekoPayCompleteDetail | PayHostedCompleteDetail;

export class PayCompleteEvent extends PayEvent<PayCompleteDetail> {
  constructor(detail: PayCompleteDetail) {
    super('pay-complete', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-complete': PayCompleteEvent;
  }
}
