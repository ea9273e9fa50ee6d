// `pay-error`: one per failure, with a documented code and the message the element shows.
import type { PayErrorCode } from '../errors.js';
import { PayEvent } from './pay-event.js';

export interface PayErrorDetail {
  code: PayErrorCode;
  /** The localized message the element shows and announces. */
  message: string;
  /** What went wrong, for developers (logs), never shown to the payer. */
  reason: string;
  /** True when the payer or the host can retry without changing the configuration. */
  recoverable: boolean;
  provider: string;
}

export class PayErrorEvent extends PayEvent<PayErrorDetail> {
  constructor(detail: PayErrorDetail) {
    super('pay-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pay-error': PayErrorEvent;
  }
}
