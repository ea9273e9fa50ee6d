// `pay-card-select`: the payer chose a saved card, or "Use a new card".
import { PayEvent } from './pay-event.js';
import type { PayCard } from './pay-token.js';

export interface PayCardSelectDetail {
  provider: string;
  /** The saved card chosen, or null for "Use a new card". */
  card: PayCard | null;
  /** True when `card` is a saved card. */
  savedCard: boolean;
}

export class PayCardSelectEvent extends PayEvent<PayCardSelectDetail> {
  constructor(detail: PayCardSelectDetail) {
    super('pay-card-select', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-card-select': PayCardSelectEvent;
  }
}
