// `pay-change`: the validity of the card fields changed.
import { PayEvent } from './pay-event.js';

/** The card fields `pay-change` reports on (PekoPay's hosted fields). */
export type PayFieldName = 'cardNumber' | 'expiry' | 'cvc' | 'cardholderName';

export interface PayFieldState {
  valid: boolean;
  empty: boolean;
  /** Machine-readable reason when invalid (`incomplete`, `invalid`, `expired` …). */
  error?: string;
}

export interface PayChangeDetail {
  provider: string;
  /** Every field is valid: a submit can tokenize. */
  complete: boolean;
  /** Every field is empty. */
  empty: boolean;
  /** Brand detected from the number (`VISA`, `MASTERCARD`, `AMEX` …), when known. */
  cardType?: string;
  /** Per-field state, keyed by field name: each field the provider reports on. */
  fields: Partial<Record<PayFieldName, PayFieldState>>;
}

export class PayChangeEvent extends PayEvent<PayChangeDetail> {
  constructor(detail: PayChangeDetail) {
    super('pay-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-change': PayChangeEvent;
  }
}
