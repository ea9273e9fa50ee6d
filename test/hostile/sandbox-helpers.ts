// What the hostile fault table (faults.test.ts) needs to drive elements against the real sandbox and its
// fault switches: PekoPay elements on the sandbox SDK (its card frame on the other origin), typing as a
// person (test/e2e/frame.ts), hosted sessions from the demo merchant backend, and the element's visible parts.
import type { PayCheckout } from '../../src/index.js';
import {
  SANDBOX,
  SDK_URL,
  TOKEN_URL,
  REEPAY_SESSION_ENDPOINT,
  PAIWISE_RETURN,
  PEKOPAY_SANDBOX,
  cardFrame,
  createPaiwiseSession,
  createSession as createHostedSession,
  inFrame,
  setAttributes,
  testCard,
} from '../e2e/support.js';
import { CARDS } from '../helpers.js';

export { SDK_URL, TOKEN_URL, PAIWISE_RETURN, cardFrame, createPaiwiseSession };
export { CARDS, SAVED_CARDS, button, fetchToken, message, retry, retryButton, sleep } from '../helpers.js';

/** Sets the attributes of a PekoPay element against the sandbox; `attributes` override them (null removes). */
export const configurePekopay = (element: PayCheckout, attributes: Record<string, string | null> = {}): PayCheckout =>
  setAttributes(element, { ...PEKOPAY_SANDBOX, ...attributes });

/** Types a card into the sandbox's cross-origin card fields as a person would. */
export const typeCard = async (element: PayCheckout, { number = CARDS.visa }: { number?: string } = {}): Promise<void> => {
  const card = testCard(number);
  if (number.replace(/\s/g, '').length == 15) card['cc-csc'] = '1234';
  await inFrame(cardFrame(element), { type: card });
};

export const dialog = (element: PayCheckout): HTMLDialogElement | null => element.shadowRoot!.querySelector('dialog');

export const CHECKOUT = `${SANDBOX}/sandbox/reepay/checkout/`;

/** A Reepay session the demo merchant backend creates: `{ id, url }` on the sandbox. */
export const createSession = (payload: Record<string, unknown> = {}) => createHostedSession(REEPAY_SESSION_ENDPOINT, payload);
