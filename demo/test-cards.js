// The sandbox's test cards as the demo pages list them: the numbers are the sandbox's own
// (sandbox/shared/test-cards.js), what each does is the page's to say.
// @ts-check
import { detectBrand, formatCardNumber } from '../sandbox/shared/card-rules.js';
import { CHARGE_DECLINED_CARD, DECLINED_CARD, SLOW_CARD } from '../sandbox/shared/test-cards.js';

/** The cards, by what a page calls them. */
const CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  declined: DECLINED_CARD,
  slow: SLOW_CARD,
  chargeDeclined: CHARGE_DECLINED_CARD,
};
/** @type {Record<string, string>} */
const BRANDS = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex' };

/**
 * @param {string} tag
 * @param {(Node | string)[]} children
 * @param {Record<string, string>} [attributes]
 */
function element(tag, children, attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Puts the table of test cards in place of `slot`: number, brand and outcome of each card `outcomes` names.
 * @param {HTMLElement} slot
 * @param {Partial<Record<keyof typeof CARDS, string>>} outcomes what each card does on this page, in order
 */
export function showTestCards(slot, outcomes) {
  const rows = Object.entries(outcomes).map(([name, outcome]) => {
    const digits = CARDS[/** @type {keyof typeof CARDS} */ (name)];
    const brand = BRANDS[detectBrand(digits) ?? ''] ?? '';
    return element('tr', [
      element('td', [element('code', [formatCardNumber(digits)])]),
      element('td', [brand]),
      element('td', [String(outcome)]),
    ]);
  });
  const head = element(
    'tr',
    ['Number', 'Brand', 'Outcome'].map((title) => element('th', [title], { scope: 'col' })),
  );
  slot.replaceWith(
    element('p', ['Any future expiry (e.g. 12/34), any name. CVC: 3 digits, 4 for Amex.']),
    element('table', [
      element('caption', ['Sandbox test cards and their outcome'], { class: 'visually-hidden' }),
      element('thead', [head]),
      element('tbody', rows),
    ]),
  );
}
