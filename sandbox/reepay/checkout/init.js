// The init message a framed Reepay checkout page waits for, as every real client sends it: Reepay's own
// checkout.js (EmbeddedCheckout, ModalCheckout) and the <pay-checkout> element. Browser and Node (unit-tested).
// @ts-check

/**
 * @typedef {{ id: string, token: string | number, type: 'embedded' | 'modal', contentType: 'rp_checkout' | 'rp_subscription' }} CheckoutInit
 */

/**
 * Reads `{ for: 'rp_app', data: { id, content_type, type, token, options } }`. Reepay's checkout.js sends `token`
 * as a number (a random integer below 1,000 or 10,000), the element as a string (128 random bits): both are
 * taken, and the page answers with `origin: 'rp-' + token`. `options` is the script's and is not read.
 * @param {unknown} message
 * @returns {CheckoutInit | { problem: string } | null} null: not an init message at all (another script's
 *   message, which the page ignores); a problem: an init message the page cannot use, said in the page
 */
export function readInit(message) {
  const { for: target, data } = /** @type {{ for?: unknown, data?: any }} */ (message ?? {});
  if (typeof message !== 'object' || target !== 'rp_app') return null;
  if (typeof data !== 'object' || data === null) return { problem: 'the init message has no data.' };
  const { id, token, type, content_type: contentType } = data;
  const tokenIsNumber = Number.isSafeInteger(token) && token >= 0;
  if (!tokenIsNumber && !(typeof token === 'string' && token.length > 0 && token.length <= 200)) {
    return { problem: 'its token must be a whole number or a string of 1 to 200 characters.' };
  }
  if (type !== 'embedded' && type !== 'modal') return { problem: 'its type must be "embedded" or "modal".' };
  if (contentType !== 'rp_checkout' && contentType !== 'rp_subscription') {
    return { problem: 'its content_type must be "rp_checkout" or "rp_subscription".' };
  }
  return { id: typeof id === 'string' ? id : '', token, type, contentType };
}
