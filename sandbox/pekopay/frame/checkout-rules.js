// What the PekoPay sandbox's checkout API answers, shared by the sandbox server (Node) and the card
// frame's offline stand-in (browser, offline-api.js), so both judge tokens and cards the same way.
// @ts-check
import { checkCard, digitsOf } from './card-rules.js';

/** Test cards that do something other than succeed at once. */
export const DECLINED_CARD = '4000000000000002';
export const SLOW_CARD = '4000000000000077';
/** Tokenizes, then every charge on it is declined (at checkout, and at a subscription's renewal). */
export const CHARGE_DECLINED_CARD = '4000000000000341';
export const SLOW_CARD_DELAY_MS = 3000;

/** Status and message of each token error, by code. */
export const TOKEN_ERRORS = /** @type {const} */ ({
  invalid_session_token: [404, 'The session token is unknown.'],
  token_expired: [401, 'The session token has expired.'],
  token_used: [409, 'The session token has already been used to tokenize a card.'],
});

/** @param {unknown} value */
const stringOr = (value) => (typeof value === 'string' ? value : '');

/**
 * @typedef {{ ok: true, card: { last4Digits: string, cardType: string }, delayMs: number }} CardAccepted
 * @typedef {{ ok: false, status: number, code: string, message: string, fields?: { field: string, error?: string }[] }} CardRefused
 */

/**
 * How the tokenize API answers for a card, token bookkeeping aside: refused (422 with the invalid
 * fields, 402 declined), or accepted with its last four digits and brand after `delayMs`.
 * @param {any} card `{ number, expiry: "MM/YY", cvc, name }` as the frame sent it
 * @returns {CardAccepted | CardRefused}
 */
export function judgeCard(card) {
  const input = {
    number: stringOr(card?.number),
    expiry: stringOr(card?.expiry),
    cvc: stringOr(card?.cvc),
    name: stringOr(card?.name),
  };
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
    delayMs: digits === SLOW_CARD ? SLOW_CARD_DELAY_MS : 0,
  };
}
