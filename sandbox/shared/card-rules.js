// Card field rules shared by every sandbox card form (browser) and the sandbox servers that take a card (Node), so
// both sides validate a card the same way: brand, formatting, Luhn, expiry, CVC length, name.
// @ts-check

/** @typedef {'VISA' | 'MASTERCARD' | 'AMEX'} CardBrand */
/** @typedef {{ isValid: boolean, isEmpty: boolean, error?: string }} FieldCheck */

/** IIN ranges as [low, high] prefixes of equal length. */
const BRANDS = /** @type {const} */ ([
  { brand: 'VISA', ranges: [[4, 4]], lengths: [16, 19], cvc: 3 },
  {
    brand: 'MASTERCARD',
    ranges: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16],
    cvc: 3,
  },
  {
    brand: 'AMEX',
    ranges: [
      [34, 34],
      [37, 37],
    ],
    lengths: [15],
    cvc: 4,
  },
]);

/** @param {string} value */
export const digitsOf = (value) => value.replace(/\D/g, '');

/**
 * @param {string} digits
 * @param {readonly (readonly [number, number])[]} ranges
 * @param {boolean} partial also true when `digits` is too short to decide but could still fall in a range
 */
function inRanges(digits, ranges, partial) {
  return ranges.some(([low, high]) => {
    const width = String(low).length;
    if (digits.length < width) {
      if (!partial || !digits) return partial;
      const scale = 10 ** (width - digits.length);
      const prefix = Number(digits);
      return prefix >= Math.floor(low / scale) && prefix <= Math.floor(high / scale);
    }
    const prefix = Number(digits.slice(0, width));
    return prefix >= low && prefix <= high;
  });
}

/**
 * @param {string} digits
 * @returns {CardBrand | undefined}
 */
export function detectBrand(digits) {
  return BRANDS.find((b) => inRanges(digits, b.ranges, false))?.brand;
}

/** @param {string} digits */
export function passesLuhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** @param {CardBrand | undefined} brand */
const rulesOf = (brand) => BRANDS.find((b) => b.brand === brand);

/**
 * @param {string} value as typed (spaces allowed)
 * @returns {FieldCheck & { brand?: CardBrand }}
 */
export function checkCardNumber(value) {
  const trimmed = value.trim();
  if (!trimmed) return { isValid: false, isEmpty: true, error: 'required' };
  if (/[^\d\s-]/.test(trimmed)) return { isValid: false, isEmpty: false, error: 'invalid' };
  const digits = digitsOf(trimmed);
  const brand = detectBrand(digits);
  const rules = rulesOf(brand);
  if (!rules) {
    const couldBecomeOne = BRANDS.some((b) => inRanges(digits, b.ranges, true));
    return { isValid: false, isEmpty: false, error: couldBecomeOne ? 'incomplete' : 'unsupported' };
  }
  const longest = Math.max(...rules.lengths);
  /** @type {FieldCheck & { brand?: CardBrand }} */
  const result = { isValid: false, isEmpty: false, brand };
  if (digits.length > longest) return { ...result, error: 'invalid' };
  if (!(/** @type {readonly number[]} */ (rules.lengths).includes(digits.length))) {
    return { ...result, error: 'incomplete' };
  }
  if (!passesLuhn(digits)) return { ...result, error: 'invalid' };
  return { ...result, isValid: true };
}

/**
 * @param {string} value `MM/YY`
 * @param {Date} [now]
 * @returns {FieldCheck}
 */
export function checkExpiry(value, now = new Date()) {
  const trimmed = value.trim();
  if (!trimmed) return { isValid: false, isEmpty: true, error: 'required' };
  const match = /^(\d{2})\s*\/\s*(\d{2})$/.exec(trimmed);
  if (!match) {
    return { isValid: false, isEmpty: false, error: /^\d{0,2}\s*\/?\s*\d{0,1}$/.test(trimmed) ? 'incomplete' : 'invalid' };
  }
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return { isValid: false, isEmpty: false, error: 'invalid' };
  const thisMonth = now.getFullYear() * 12 + now.getMonth();
  const cardMonth = year * 12 + (month - 1);
  if (cardMonth < thisMonth) return { isValid: false, isEmpty: false, error: 'expired' };
  if (cardMonth > thisMonth + 20 * 12) return { isValid: false, isEmpty: false, error: 'invalid' };
  return { isValid: true, isEmpty: false };
}

/**
 * @param {string} value
 * @param {CardBrand | undefined} brand Amex takes 4 digits, the others 3; unknown: either
 * @returns {FieldCheck}
 */
export function checkCvc(value, brand) {
  const trimmed = value.trim();
  if (!trimmed) return { isValid: false, isEmpty: true, error: 'required' };
  if (!/^\d+$/.test(trimmed)) return { isValid: false, isEmpty: false, error: 'invalid' };
  const expected = rulesOf(brand)?.cvc;
  const [shortest, longest] = expected ? [expected, expected] : [3, 4];
  if (trimmed.length < shortest) return { isValid: false, isEmpty: false, error: 'incomplete' };
  if (trimmed.length > longest) return { isValid: false, isEmpty: false, error: 'invalid' };
  return { isValid: true, isEmpty: false };
}

/**
 * @param {string} value
 * @returns {FieldCheck}
 */
export function checkName(value) {
  const trimmed = value.trim();
  if (!trimmed) return { isValid: false, isEmpty: true, error: 'required' };
  if (trimmed.length > 100 || !/\p{L}/u.test(trimmed)) return { isValid: false, isEmpty: false, error: 'invalid' };
  return { isValid: true, isEmpty: false };
}

/**
 * Checks a whole card; field names are those of `PekoFormFieldState.fields`.
 * @param {{ number: string, expiry: string, cvc: string, name: string }} card
 * @param {Date} [now]
 */
export function checkCard(card, now = new Date()) {
  const number = checkCardNumber(card.number);
  const { brand, ...cardNumber } = number;
  const fields = {
    cardNumber,
    expiry: checkExpiry(card.expiry, now),
    cvc: checkCvc(card.cvc, brand),
    cardholderName: checkName(card.name),
  };
  const all = Object.values(fields);
  return {
    isValid: all.every((f) => f.isValid),
    isEmpty: all.every((f) => f.isEmpty),
    brand,
    fields,
  };
}

/**
 * Groups digits as printed on the card: 4-6-5 for Amex, 4-4-4-4(-3) otherwise.
 * @param {string} digits
 */
export function formatCardNumber(digits) {
  const groups = detectBrand(digits) === 'AMEX' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/**
 * Formats typed or autofilled expiry text as `MM/YY`.
 * @param {string} raw
 * @param {boolean} adding true while the user types forward: then `MM` becomes `MM/`
 */
export function formatExpiry(raw, adding) {
  const slash = raw.indexOf('/');
  if (slash >= 0) {
    // Typed `1/` means January; autofill may bring a four-digit year (`12/2030`).
    const month = digitsOf(raw.slice(0, slash)).slice(0, 2);
    if (!month) return '';
    const year = digitsOf(raw.slice(slash + 1));
    return `${month.padStart(2, '0')}/${year.length === 4 ? year.slice(2) : year.slice(0, 2)}`;
  }
  let digits = digitsOf(raw).slice(0, 4);
  if (/^[2-9]/.test(digits)) digits = `0${digits}`.slice(0, 4);
  if (digits.length > 2) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return digits.length === 2 && adding ? `${digits}/` : digits;
}
