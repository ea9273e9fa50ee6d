// `pay-ready`: the payment method is mounted and can be submitted.
import { PayEvent } from './pay-event.js';

export interface PayReadyDetail {
  provider: string;
}

export class PayReadyEvent extends PayEvent<PayReadyDetail> {
  constructor(detail: PayReadyDetail) {
    super('pay-ready', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-ready': PayReadyEvent;
  }
}
