// Card handling for the sandbox's hosted pages that take a card on the server (the Paiwise hosted page's pay
// endpoint; PekoPay's tokenize API uses checkout-rules.js, shared with its offline frame): the hosted forms'
// own validation rules, and the test cards that decline or take time.
// @ts-check
import { checkCard, digitsOf } from '../pekopay/frame/card-rules.js';
import { DECLINED_CARD, SLOW_CARD, SLOW_CARD_DELAY_MS } from '../pekopay/frame/checkout-rules.js';
import { delayWhileConnected, HttpError } from './http.mjs';

/** @param {unknown} value */
const stringOr = (value) => (typeof value === 'string' ? value : '');

/**
 * Validates a card sent as `{ number, expiry, cvc, name }`; anything invalid is a 422 `validation_error` whose
 * `fields: [{ field, error }]` use the field names and error codes of the card rules.
 * @param {any} card
 * @returns {{ digits: string, brand: import('../pekopay/frame/card-rules.js').CardBrand, expiry: string }}
 */
export function readCard(card) {
  const input = { number: stringOr(card?.number), expiry: stringOr(card?.expiry), cvc: stringOr(card?.cvc), name: stringOr(card?.name) };
  const checked = checkCard(input);
  if (!checked.isValid || !checked.brand) {
    const fields = Object.entries(checked.fields)
      .filter(([, field]) => !field.isValid)
      .map(([field, { error }]) => ({ field, error }));
    throw new HttpError(422, 'validation_error', 'The card details are not valid.', { fields });
  }
  return { digits: digitsOf(input.number), brand: checked.brand, expiry: input.expiry.replace(/\s/g, '') };
}

/** @param {string} digits */
export const isDeclinedCard = (digits) => digits === DECLINED_CARD;

/**
 * Takes the time the slow test card takes (none for other cards).
 * @param {import('node:http').ServerResponse} res
 * @param {string} digits
 * @returns {Promise<boolean>} false when the client left meanwhile
 */
export const slowCardDelay = (res, digits) =>
  digits === SLOW_CARD ? delayWhileConnected(res, SLOW_CARD_DELAY_MS) : Promise.resolve(!res.destroyed);
