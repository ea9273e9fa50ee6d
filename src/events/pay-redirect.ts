// `pay-redirect`: the element is about to navigate to a hosted checkout page. Cancelable: `preventDefault()`
// keeps the page here and the element returns to `ready`.
import { PayEvent } from './pay-event.js';

export interface PayRedirectDetail {
  provider: string;
  /** The hosted session's id. */
  sessionId: string;
  /** Where the page is about to go (already allow-listed). */
  url: string;
}

export class PayRedirectEvent extends PayEvent<PayRedirectDetail> {
  constructor(detail: PayRedirectDetail) {
    super('pay-redirect', detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-redirect': PayRedirectEvent;
  }
}
