// The card form of every sandbox hosted page (PekoPay's card frame, Reepay's and Paiwise's checkout pages) and of
// the element tests' PekoPay double: its markup, built as real hosted pages are (labelled inputs with the standard
// autocomplete values, so browsers can autofill them), formatting as the payer types, and field errors (on leaving
// a field that is wrong, on submit, and from the server). What happens on submit is the page's. Browser only.
// @ts-check
import { checkCard, detectBrand, digitsOf, formatCardNumber, formatExpiry } from './card-rules.js';

/** @typedef {'cardNumber' | 'expiry' | 'cvc' | 'cardholderName'} FieldName */
/** @typedef {ReturnType<typeof checkCard>} CheckedCard */

/** The fields, in order, by the names of the card rules (`PekoFormFieldState.fields`). */
export const FIELDS = /** @type {const} */ (['cardNumber', 'expiry', 'cvc', 'cardholderName']);

/**
 * Each field's input: `id` (its error line is `<id>-error`), label, the input's attributes.
 * @type {Record<FieldName, { id: string, label: string, attributes: Record<string, string> }>}
 */
const SPECS = {
  cardNumber: {
    id: 'card-number',
    label: 'Card number',
    attributes: {
      name: 'cardnumber',
      autocomplete: 'cc-number',
      inputmode: 'numeric',
      maxlength: '23',
      placeholder: '1234 1234 1234 1234',
    },
  },
  expiry: {
    id: 'card-expiry',
    label: 'Expiry (MM/YY)',
    attributes: { name: 'exp-date', autocomplete: 'cc-exp', inputmode: 'numeric', maxlength: '7', placeholder: 'MM/YY' },
  },
  cvc: {
    id: 'card-cvc',
    label: 'CVC',
    attributes: { name: 'cvc', autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: '4', placeholder: '123' },
  },
  cardholderName: { id: 'card-name', label: 'Name on card', attributes: { name: 'ccname', autocomplete: 'cc-name', maxlength: '100' } },
};

/** What each card-rules error code says, per field. @type {Record<FieldName, Record<string, string>>} */
export const MESSAGES = {
  cardNumber: {
    required: 'Enter the card number.',
    incomplete: 'The card number is incomplete.',
    invalid: 'The card number is not valid.',
    unsupported: 'This card brand is not accepted.',
  },
  expiry: {
    required: 'Enter the expiry date.',
    incomplete: 'Enter the expiry date as MM/YY.',
    invalid: 'The expiry date is not valid.',
    expired: 'This card has expired.',
  },
  cvc: {
    required: 'Enter the security code.',
    incomplete: 'The security code is too short.',
    invalid: 'The security code is not valid.',
  },
  cardholderName: {
    required: 'Enter the name on the card.',
    invalid: 'The name is not valid.',
  },
};
/** How pages name each brand. @type {Record<string, string>} */
export const BRAND_LABELS = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex' };

/**
 * @param {Document} document
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 */
function element(document, tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * One labelled field: `<div class="field"><label/><input/><p class="error"/></div>`; the card number's input sits
 * in `.with-brand` beside the brand badge.
 * @param {Document} document
 * @param {FieldName} name
 */
function fieldMarkup(document, name) {
  const { id, label, attributes } = SPECS[name];
  const describedBy = name === 'cardNumber' ? `${id}-brand ${id}-error` : `${id}-error`;
  const input = /** @type {HTMLInputElement} */ (
    element(document, 'input', { id, type: 'text', spellcheck: 'false', ...attributes, 'aria-describedby': describedBy })
  );
  const control =
    name === 'cardNumber'
      ? element(document, 'div', { class: 'with-brand' }, [input, element(document, 'span', { class: 'brand', id: `${id}-brand` })])
      : input;
  const error = element(document, 'p', { class: 'error', id: `${id}-error` });
  return {
    input,
    error,
    field: element(document, 'div', { class: 'field' }, [element(document, 'label', { for: id }, [label]), control, error]),
  };
}

/**
 * The fields' markup in place of `slot`.
 * @param {HTMLElement} slot
 */
function buildFields(slot) {
  const document = slot.ownerDocument;
  const built = Object.fromEntries(FIELDS.map((name) => [name, fieldMarkup(document, name)]));
  const inputs = /** @type {Record<FieldName, HTMLInputElement>} */ (Object.fromEntries(FIELDS.map((name) => [name, built[name].input])));
  const errorLines = /** @type {Record<FieldName, HTMLElement>} */ (Object.fromEntries(FIELDS.map((name) => [name, built[name].error])));
  slot.replaceWith(
    built.cardNumber.field,
    element(document, 'div', { class: 'row' }, [built.expiry.field, built.cvc.field]),
    built.cardholderName.field,
  );
  return { inputs, errorLines, brandBadge: /** @type {HTMLElement} */ (inputs.cardNumber.nextElementSibling) };
}

/**
 * What a page does with its card form: read and check the card, show errors.
 * @param {Record<FieldName, HTMLInputElement>} inputs
 * @param {Record<FieldName, HTMLElement>} errorLines
 */
function cardFormOf(inputs, errorLines) {
  /** The card as typed, the number as digits only. */
  const read = () => ({
    number: digitsOf(inputs.cardNumber.value),
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    name: inputs.cardholderName.value,
  });
  const check = () => checkCard(read());
  /**
   * @param {FieldName} name
   * @param {string | undefined} error a card-rules error code, or nothing to clear
   */
  const showError = (name, error) => {
    errorLines[name].textContent = error ? (MESSAGES[name][error] ?? MESSAGES[name].invalid) : '';
    inputs[name].setAttribute('aria-invalid', String(Boolean(error)));
  };
  return {
    inputs,
    read,
    check,
    showError,
    /** The field state hosted-field SDKs report: the card rules' check, with `cardType` once the brand is known. */
    state() {
      const { brand, ...state } = check();
      return brand ? { ...state, cardType: brand } : state;
    },
    /**
     * Shows every field's error (a submit), focusing the first wrong field.
     * @returns {CheckedCard}
     */
    showErrors() {
      const checked = check();
      for (const name of FIELDS) showError(name, checked.fields[name].isValid ? undefined : checked.fields[name].error);
      if (!checked.isValid) inputs[FIELDS.find((name) => !checked.fields[name].isValid) ?? 'cardNumber'].focus();
      return checked;
    },
    /**
     * Shows the errors a server named: `[{ field, error }]`, fields by the card rules' names.
     * @param {unknown} fields
     */
    showServerErrors(fields) {
      if (!Array.isArray(fields)) return;
      for (const { field, error } of fields) if (FIELDS.includes(field)) showError(field, String(error));
    },
    /** @param {boolean} readOnly */
    setReadOnly(readOnly) {
      for (const input of Object.values(inputs)) input.readOnly = readOnly;
    },
  };
}

/**
 * Builds the card fields in place of `slot` (an empty element the page marks where they go) and makes them
 * behave: number, expiry and CVC formatted as typed, the brand shown, a field's error shown when the payer leaves
 * it wrong and cleared as soon as it is right.
 * @param {HTMLElement} slot
 * @param {{ formError?: HTMLElement | null, onChange?: () => void }} [options] `formError` is emptied by any
 *   edit; `onChange` runs after every edit and every time a field is left
 */
export function createCardForm(slot, { formError, onChange } = {}) {
  const { inputs, errorLines, brandBadge } = buildFields(slot);
  const form = cardFormOf(inputs, errorLines);
  inputs.cardNumber.addEventListener('input', (event) => formatNumber(inputs.cardNumber, brandBadge, /** @type {InputEvent} */ (event)));
  inputs.expiry.addEventListener('input', (event) => {
    // While deleting, a trailing `MM/` must not grow its slash back.
    inputs.expiry.value = formatExpiry(inputs.expiry.value, !(/** @type {InputEvent} */ (event).inputType?.startsWith('delete') ?? false));
  });
  inputs.cvc.addEventListener('input', () => {
    const cleaned = digitsOf(inputs.cvc.value).slice(0, 4);
    if (cleaned !== inputs.cvc.value) inputs.cvc.value = cleaned;
  });
  for (const name of FIELDS) {
    inputs[name].addEventListener('input', () => {
      if (formError) formError.textContent = '';
      const field = form.check().fields[name];
      // Typing clears an error once the field is right again, and never shows a new one mid-word.
      if (errorLines[name].textContent) form.showError(name, field.isValid ? undefined : field.error);
      onChange?.();
    });
    inputs[name].addEventListener('blur', () => {
      const field = form.check().fields[name];
      // An untouched empty field is not an error yet: only a submit says so.
      form.showError(name, field.isValid || field.isEmpty ? undefined : field.error);
      onChange?.();
    });
  }
  return form;
}

/** @typedef {ReturnType<typeof createCardForm>} CardForm */

/** The digits the number held after the previous edit, per input, to recognize a backspace over a space. */
const previousDigits = new WeakMap();

/**
 * Groups the number as printed on the card, keeping the caret after the same digit, and shows the brand.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} brandBadge
 * @param {InputEvent} event
 */
function formatNumber(input, brandBadge, event) {
  const caret = input.selectionStart ?? input.value.length;
  let digits = digitsOf(input.value);
  let digitsBeforeCaret = digitsOf(input.value.slice(0, caret)).length;
  if (event.inputType === 'deleteContentBackward' && digits === previousDigits.get(input) && digitsBeforeCaret > 0) {
    // Backspace right after a space removed only the space: remove the digit before it instead.
    digits = digits.slice(0, digitsBeforeCaret - 1) + digits.slice(digitsBeforeCaret);
    digitsBeforeCaret--;
  }
  digits = digits.slice(0, 19);
  const formatted = formatCardNumber(digits);
  previousDigits.set(input, digits);
  if (formatted !== input.value) {
    input.value = formatted;
    let position = 0;
    for (let seen = 0; position < formatted.length && seen < digitsBeforeCaret; position++) {
      if (formatted[position] !== ' ') seen++;
    }
    if (input.ownerDocument.activeElement === input) input.setSelectionRange(position, position);
  }
  const brand = detectBrand(digits);
  brandBadge.textContent = brand ? BRAND_LABELS[brand] : '';
}
