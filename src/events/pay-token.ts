// `pay-token`: a payment token for the host's backend to charge. Emitted once per token.
import { PayEvent } from './pay-event.js';

export interface PayCard {
  last4: string;
  cardType: string;
}

/** A card the customer saved earlier, offered before "Use a new card" (`cards`). */
export interface PaySavedCard extends PayCard {
  /** The card preselected; without one, the first card is. */
  default?: boolean;
}

/** What the payment is for; decides the button's wording and travels with the token. */
export type PayIntent = 'charge' | 'subscription' | 'save-card' | 'update-card';

export interface PayTokenDetail {
  provider: string;
  /**
   * The one-time token to send to the backend (PekoPay: the latest `data.sessionToken`). Empty (`''`)
   * when a saved card was chosen: no token is needed then, `card` says which card.
   */
  paymentToken: string;
  card: PayCard | null;
  /** True when a saved card was chosen instead of new card details. */
  savedCard: boolean;
  /** True when the payer ticked "Save this card" (`offer-save-card`) for a new card. */
  saveCard: boolean;
  intent: PayIntent;
  /** The `customer-id` attribute, or null. */
  customerId: string | null;
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
