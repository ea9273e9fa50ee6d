// English, the default locale (bundled with the element).
import type { Translation } from './translation.js';

const en: Translation = {
  payAmount: (amount) => `Pay ${amount}`,
  pay: 'Pay',
  intents: { subscription: 'Subscribe', 'save-card': 'Save card', 'update-card': 'Update card' },
  cardDetails: 'Card details',
  paymentMethod: 'Payment method',
  cardEnding: (brand, last4) => `${brand} ending in ${last4}`,
  newCard: 'Use a new card',
  saveThisCard: 'Save this card for future payments',
  required: 'Please enter your payment details.',
  retry: 'Retry',
  loading: 'Loading secure payment form…',
  processing: 'Processing payment…',
  ready: 'Payment form ready.',
  complete: 'Payment details received.',
  redirecting: 'Opening the secure payment page…',
  hostedFrame: 'Secure payment page',
  hostedDialog: 'Secure payment',
  closeHosted: 'Close the payment window',
  errors: {
    config: 'This payment form is not set up correctly.',
    'insecure-config': 'This payment form was refused because its configuration is not secure.',
    'sdk-load': 'The secure payment form could not be loaded.',
    'token-fetch': 'The payment session could not be started. Please try again.',
    'token-expired': 'Your payment session expired. Please try again.',
    validation: 'Please check your card details.',
    declined: 'Your card was declined. Please use another card.',
    tokenize: 'Your card details could not be processed. Please try again.',
    timeout: 'The payment provider took too long to answer. Please try again.',
    session: 'The payment session could not be completed.',
    'frame-load': 'The payment page could not be loaded.',
    'action-failed': 'Your payment could not be completed. Please try again.',
  },
};

export default en;
