// `pay-cancel`: the payer left a hosted checkout without paying. The element is ready to start again.
import type { PayHostedDetail } from './pay-complete.js';
import { PayEvent } from './pay-event.js';

export interface PayCancelDetail extends PayHostedDetail {
  /** `cancel`: the payer chose to cancel (cancel link, Escape, the close control); `close`: the hosted page closed itself. */
  reason: 'cancel' | 'close';
}

/**
 * What `submit()` resolves with when the payment neither completed nor failed: the payer left a hosted
 * checkout (`cancel`, `close`: the `pay-cancel` detail), or the element let go of the payment before its
 * outcome was known (`interrupted`: reset, reconfigured, disconnected, or a `pay-redirect` the page prevented).
 */
export type PayCanceled = { canceled: true } & (PayCancelDetail | { provider: string; reason: 'interrupted' });

export class PayCancelEvent extends PayEvent<PayCancelDetail> {
  constructor(detail: PayCancelDetail) {
    super('pay-cancel', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-cancel': PayCancelEvent;
  }
}
