// What the hostile fault table (faults.test.ts) needs to drive elements against the real sandbox and its
// fault switches: PekoPay elements on the sandbox SDK (its card frame on the other origin), typing as a
// person (test/e2e/frame.ts), hosted sessions from the demo merchant backend, and the element's visible parts.
import type { PayCheckout } from '../../src/index.js';
import {
  SANDBOX,
  SDK_URL,
  TOKEN_URL,
  REEPAY_SESSION_ENDPOINT,
  PAIWISE_SESSION_ENDPOINT,
  cardFrame,
  createSession as createHostedSession,
  inFrame,
  testCard,
} from '../e2e/support.js';

export { SDK_URL, TOKEN_URL, cardFrame };

export const CARDS = {
  visa: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  amex: '3782 822463 10005',
  declined: '4000 0000 0000 0002',
  slow: '4000 0000 0000 0077',
} as const;

export const SAVED_CARDS = [
  { last4: '4242', cardType: 'VISA' },
  { last4: '4444', cardType: 'MASTERCARD', default: true },
  { last4: '0005', cardType: 'AMEX' },
];

/** Sets the attributes of a PekoPay element against the sandbox; `attributes` override them (null removes). */
export const configurePekopay = (element: PayCheckout, attributes: Record<string, string | null> = {}): PayCheckout => {
  const all: Record<string, string | null> = {
    provider: 'pekopay',
    environment: 'sandbox',
    'sdk-url': SDK_URL,
    'token-url': TOKEN_URL,
    amount: '9900',
    currency: 'CAD',
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) if (value != null) element.setAttribute(name, value);
  return element;
};

/** Types a card into the sandbox's cross-origin card fields as a person would. */
export const typeCard = async (element: PayCheckout, { number = CARDS.visa }: { number?: string } = {}): Promise<void> => {
  const card = testCard(number);
  if (number.replace(/\s/g, '').length == 15) card['cc-csc'] = '1234';
  await inFrame(cardFrame(element), { type: card });
};

export const fetchToken = async (query = ''): Promise<string> => {
  const response = await fetch(`${TOKEN_URL}${query}`);
  return ((await response.json()) as { token: string }).token;
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The element's visible error message. */
export const message = (element: PayCheckout): string => element.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();

export const button = (element: PayCheckout): HTMLButtonElement => element.shadowRoot!.querySelector('button[part="button"]')!;

/** The Retry button shown with a retryable error, or null. */
export const retryButton = (element: PayCheckout): HTMLButtonElement | null => element.shadowRoot!.querySelector('button[part="retry"]');

export const dialog = (element: PayCheckout): HTMLDialogElement | null => element.shadowRoot!.querySelector('dialog');

export const CHECKOUT = `${SANDBOX}/sandbox/reepay/checkout/`;

/** A Reepay session the demo merchant backend creates: `{ id, url }` on the sandbox. */
export const createSession = (payload: Record<string, unknown> = {}) => createHostedSession(REEPAY_SESSION_ENDPOINT, payload);

/** Paiwise checkouts come back to a light page on this origin. */
export const PAIWISE_RETURN = {
  returnUrl: '/test/fixtures/return.html?outcome=return',
  returnUrlCancel: '/test/fixtures/return.html?outcome=cancel',
};

/** A Paiwise checkout the demo merchant backend creates for an inline frame. */
export const createPaiwiseSession = (body: Record<string, unknown> = {}) =>
  createHostedSession(PAIWISE_SESSION_ENDPOINT, { mode: 'iframe', ...PAIWISE_RETURN, ...body });
