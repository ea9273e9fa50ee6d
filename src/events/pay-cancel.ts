// `pay-cancel`: the payer left a hosted checkout without paying. The element is ready to start again.
import type { PayHostedDetail } from './pay-complete.js';
import { PayEvent } from './pay-event.js';

export interface PayCancelDetail extends PayHostedDetail {
  /** `cancel`: the payer chose to cancel (cancel link, Escape, the close control); `close`: the hosted page closed itself. */
  reason: 'cancel' | 'close';
}

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
