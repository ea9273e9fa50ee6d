// `pay-token`: a payment token for the host's backend to charge. Emitted once per token.
import { PayEvent } from './pay-event.js';

export interface PayCard {
  last4: string;
  cardType: string;
}

export interface PayTokenDetail {
  provider: string;
  /** The one-time token to send to the backend (PekoPay: the latest `data.sessionToken`). */
  paymentToken: string;
  card: PayCard | null;
  /** True when a saved card was chosen instead of new card details. */
  savedCard: boolean;
  /** A fresh key per payment attempt, for the backend to make order creation idempotent. */
  idempotencyKey: string;
}

export class PayTokenEvent extends PayEvent<PayTokenDetail> {
  constructor(detail: PayTokenDetail) {
    super('pay-token', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-token': PayTokenEvent;
  }
}
