// `pay-success`: the host's `action` endpoint accepted the payment (answered 2xx).
import { PayEvent } from './pay-event.js';

export interface PaySuccessDetail {
  provider: string;
  /** The endpoint's answer: parsed JSON, the text when it is not JSON, null when empty. */
  body: unknown;
  /** The `Idempotency-Key` the accepted request carried (the `pay-token`'s). */
  idempotencyKey: string;
}

export class PaySuccessEvent extends PayEvent<PaySuccessDetail> {
  constructor(detail: PaySuccessDetail) {
    super('pay-success', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-success': PaySuccessEvent;
  }
}
