// The typed shape every locale file fills in; function-valued terms where an amount appears.
import type { PayErrorCode } from '../errors.js';

export interface Translation {
  /** Button label with a formatted amount: "Pay CA$99.00". */
  payAmount: (amount: string) => string;
  /** Button label without an amount. */
  pay: string;
  /** Accessible name of the region holding the hosted card fields. */
  cardDetails: string;
  loading: string;
  processing: string;
  ready: string;
  complete: string;
  errors: Record<PayErrorCode, string>;
}
