// The sandbox's test cards and what each does, for every stand-in that takes a card: PekoPay's tokenize API
// and its offline frame, Reepay's and Paiwise's checkout pages (their servers and their offline modes), and
// the element tests' PekoPay double. Browser and Node.
// @ts-check
import { checkCard, digitsOf } from './card-rules.js';

/** Declined at once: the payer sees it and may try another card. */
export const DECLINED_CARD = '4000000000000002';
/** Accepted after SLOW_CARD_DELAY_MS. */
export const SLOW_CARD = '4000000000000077';
/** Accepted (and saved), then every later charge on it fails: PekoPay declines it, Reepay answers insufficient funds. */
export const CHARGE_DECLINED_CARD = '4000000000000341';
export const SLOW_CARD_DELAY_MS = 3000;

/** @param {unknown} value */
const stringOr = (value) => (typeof value === 'string' ? value : '');

/**
 * @typedef {import('./card-rules.js').CardBrand} CardBrand
 * @typedef {{ field: string, error?: string }} FieldProblem
 * @typedef {{ ok: true, card: { last4Digits: string, cardType: CardBrand }, digits: string, brand: CardBrand, expiry: string,
 *   delayMs: number, declinesCharges: boolean }} CardAccepted
 * @typedef {{ ok: false, status: 422, code: 'validation_error', message: string, fields: FieldProblem[] }} CardInvalid
 * @typedef {{ ok: false, status: 402, code: 'card_declined', message: string }} CardDeclined
 */

/**
 * How the sandbox answers for a card: invalid (422 with the invalid fields, by the card form's field names and
 * the card rules' error codes), declined (402), or accepted after `delayMs` with what may be kept of it.
 * @param {any} card `{ number, expiry: "MM/YY", cvc, name }` as a card form sends it
 * @returns {CardAccepted | CardInvalid | CardDeclined}
 */
export function judgeCard(card) {
  const input = { number: stringOr(card?.number), expiry: stringOr(card?.expiry), cvc: stringOr(card?.cvc), name: stringOr(card?.name) };
  const checked = checkCard(input);
  if (!checked.isValid || !checked.brand) {
    const fields = Object.entries(checked.fields)
      .filter(([, field]) => !field.isValid)
      .map(([field, { error }]) => ({ field, error }));
    return { ok: false, status: 422, code: 'validation_error', message: 'The card details are not valid.', fields };
  }
  const digits = digitsOf(input.number);
  if (digits === DECLINED_CARD) return { ok: false, status: 402, code: 'card_declined', message: 'The card was declined.' };
  return {
    ok: true,
    card: { last4Digits: digits.slice(-4), cardType: checked.brand },
    digits,
    brand: checked.brand,
    expiry: input.expiry.replace(/\s/g, ''),
    delayMs: digits === SLOW_CARD ? SLOW_CARD_DELAY_MS : 0,
    declinesCharges: digits === CHARGE_DECLINED_CARD,
  };
}

/**
 * A refused card's JSON answer body: `{ error, code, message, fields? }`, plus `extra`.
 * @param {CardInvalid | CardDeclined} refused
 * @param {Record<string, unknown>} [extra]
 */
export const refusalBody = (refused, extra = {}) => ({
  error: refused.code,
  code: refused.code,
  message: refused.message,
  ...('fields' in refused ? { fields: refused.fields } : {}),
  ...extra,
});
