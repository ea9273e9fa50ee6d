// The typed shape every locale file fills in (function-valued terms where an amount appears), and the partial
// shape a page registers from script to add a locale or override some texts (PayCheckout.registerTranslation).
import type { PayErrorCode } from '../errors.js';
import type { PayIntent } from '../events/pay-token.js';

export interface Translation {
  /** Button label with a formatted amount: "Pay CA$99.00". */
  payAmount: (amount: string) => string;
  /** Button label without an amount. */
  pay: string;
  /** Button labels of the other intents: "Subscribe", "Save card", "Update card". */
  intents: Record<Exclude<PayIntent, 'charge'>, string>;
  /** Accessible name of the region holding the hosted card fields. */
  cardDetails: string;
  /** Legend of the saved-card choices. */
  paymentMethod: string;
  /** A saved card, as shown and announced: "Visa ending in 4242". */
  cardEnding: (brand: string, last4: string) => string;
  newCard: string;
  saveThisCard: string;
  /** The validation message of a `required` element in a form that has nothing to pay with yet. */
  required: string;
  retry: string;
  loading: string;
  processing: string;
  ready: string;
  complete: string;
  /** Status while the page leaves for a hosted checkout page. */
  redirecting: string;
  /** Title of a hosted checkout page's frame (inline or in the modal). */
  hostedFrame: string;
  /** Accessible name of the modal that holds a hosted checkout page. */
  hostedDialog: string;
  /** The modal's close control: leaves the hosted checkout without paying. */
  closeHosted: string;
  errors: Record<PayErrorCode, string>;
  /** The locale's writing direction: `rtl` lays the element out right to left. Default `ltr`. */
  dir?: 'ltr' | 'rtl';
}

/**
 * Texts given to `PayCheckout.registerTranslation()`: any of a translation's terms, `intents` and `errors` term
 * by term. Merged over the locale's bundled translation, or over English for a locale the element does not ship.
 */
export interface TranslationOverrides extends Partial<Omit<Translation, 'intents' | 'errors'>> {
  /** Any of the intents' button labels. */
  intents?: Partial<Translation['intents']>;
  /** Any of the error messages, by code. */
  errors?: Partial<Translation['errors']>;
}
