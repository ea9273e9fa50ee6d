// The Paiwise sandbox's hosted checkout page: shows the checkout, takes the card, pays (or reserves) through the
// sandbox's public per-checkout endpoints, then navigates its own window — the top-level page, or the frame it
// is in — to the shop's returnUrl, or to returnUrlCancel through the cancel link. With `?offline` on its URL
// the page answers those endpoints itself (offline-api.js) for fake-shaped checkout ids: no server needed.
// @ts-check
import { checkCard, detectBrand, digitsOf, formatCardNumber, formatExpiry } from '../../pekopay/frame/card-rules.js';

const API = '/sandbox/paiwise/pay/checkouts';
const LOAD_TIMEOUT_MS = 10_000;
const PAY_TIMEOUT_MS = 15_000;
const BRAND_LABELS = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex' };
const FIELD_LABELS = {
  cardNumber: 'card number',
  expiry: 'expiry date',
  cvc: 'security code',
  cardholderName: 'name on the card',
};
/** @typedef {keyof typeof FIELD_LABELS} FieldName */
const FIELDS = /** @type {FieldName[]} */ (Object.keys(FIELD_LABELS));
/** What the payer reads once the checkout is no longer open. */
const CLOSED_TEXT = {
  paid: 'This checkout is paid.',
  reserved: 'The amount is reserved on your card.',
  refunded: 'This checkout was paid and has been refunded.',
  partialRefund: 'This checkout was paid and has been partly refunded.',
  'reserve released': 'The reservation on your card has been released.',
  canceled: 'This checkout was canceled.',
  revoked: 'This checkout is no longer available.',
};

const pageParams = new URLSearchParams(location.search);
const checkoutId = pageParams.get('checkout_id') ?? '';
/** Sandbox-only: `pay_fault` / `pay_delay` on the page URL become the pay call's fault switches. */
const payQuery = new URLSearchParams();
for (const [from, to] of [['pay_fault', 'sandbox_fault'], ['pay_delay', 'sandbox_delay']]) {
  const value = pageParams.get(from);
  if (value !== null) payQuery.set(to, value);
}

/** Offline mode: no sandbox server; offline-api.js answers the page's calls for offline checkout ids. */
const offlineApi = pageParams.has('offline') ? import('./offline-api.js') : undefined;
/** Calls the page's endpoints: the sandbox server's over HTTP, or their offline stand-in. */
const request = offlineApi
  ? async (/** @type {string} */ url, /** @type {RequestInit} */ init) => (await offlineApi).offlineFetch(url, init, pageParams)
  : fetch;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (byId('pay-form'));
const statusLine = byId('status');
const formError = byId('form-error');
const payButton = /** @type {HTMLButtonElement} */ (byId('pay-button'));
const saveCard = /** @type {HTMLInputElement} */ (byId('save-card'));
const returnLink = /** @type {HTMLAnchorElement} */ (byId('return-link'));
const cancelLink = /** @type {HTMLAnchorElement} */ (byId('cancel-link'));
const brandBadge = byId('card-number-brand');
/** @type {Record<FieldName, HTMLInputElement>} */
const inputs = {
  cardNumber: /** @type {HTMLInputElement} */ (byId('card-number')),
  expiry: /** @type {HTMLInputElement} */ (byId('card-expiry')),
  cvc: /** @type {HTMLInputElement} */ (byId('card-cvc')),
  cardholderName: /** @type {HTMLInputElement} */ (byId('card-name')),
};
/** @type {Record<FieldName, HTMLElement>} */
const errorLines = {
  cardNumber: byId('card-number-error'),
  expiry: byId('card-expiry-error'),
  cvc: byId('card-cvc-error'),
  cardholderName: byId('card-name-error'),
};

/**
 * @param {FieldName} name
 * @param {string} error a card-rules error code
 */
function fieldMessage(name, error) {
  if (error === 'required') return `Enter the ${FIELD_LABELS[name]}.`;
  if (error === 'expired') return 'This card has expired.';
  if (error === 'unsupported') return 'This card brand is not accepted.';
  return `The ${FIELD_LABELS[name]} is ${error === 'incomplete' ? 'incomplete' : 'not valid'}.`;
}

/**
 * @param {FieldName} name
 * @param {string} [error]
 */
function showFieldError(name, error) {
  errorLines[name].textContent = error ? fieldMessage(name, error) : '';
  inputs[name].setAttribute('aria-invalid', String(Boolean(error)));
}

/** @param {number} amount minor units @param {string} currency */
function formatAmount(amount, currency) {
  const format = new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** Only http(s) navigations: the URL comes from the sandbox, but a page never follows anything else. */
function navigate(/** @type {string} */ url) {
  const target = new URL(url, location.href);
  if (target.protocol === 'http:' || target.protocol === 'https:') location.assign(target.href);
}

function readCard() {
  return {
    number: digitsOf(inputs.cardNumber.value),
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    name: inputs.cardholderName.value,
  };
}

/** @param {boolean} busy */
function setBusy(busy) {
  for (const input of Object.values(inputs)) input.readOnly = busy;
  saveCard.disabled = busy;
  payButton.disabled = busy;
}

/**
 * @typedef {{ checkout_id: string, status: string, amount: number, currency: string, message: string,
 *   template: string | null, offerSaveCard: boolean, cancelUrl: string, returnTo: string | null }} PageView
 */

/** @param {PageView} view */
function render(view) {
  document.documentElement.dataset.template = view.template === 'iframe' ? 'iframe' : 'plain';
  byId('message').textContent = view.message;
  const amount = formatAmount(view.amount, view.currency);
  byId('amount').textContent = amount;
  payButton.textContent = `Pay ${amount}`;
  const open = view.status === 'created' || view.status === 'failed';
  form.hidden = !open;
  byId('save-card-row').hidden = !view.offerSaveCard;
  cancelLink.hidden = !open;
  cancelLink.href = view.cancelUrl;
  returnLink.hidden = !view.returnTo;
  if (view.returnTo) returnLink.href = view.returnTo;
  statusLine.textContent = open ? '' : CLOSED_TEXT[/** @type {keyof typeof CLOSED_TEXT} */ (view.status)] ?? '';
}

async function load() {
  try {
    const response = await request(`${API}/${encodeURIComponent(checkoutId)}`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(LOAD_TIMEOUT_MS),
    });
    if (response.status === 404) return void (statusLine.textContent = 'This checkout does not exist.');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(await response.json());
  } catch {
    statusLine.textContent = 'The checkout could not be loaded. Reload the page to try again.';
  }
}

async function pay() {
  const checked = checkCard(readCard());
  for (const name of FIELDS) showFieldError(name, checked.fields[name].error);
  if (!checked.isValid) {
    inputs[FIELDS.find((name) => !checked.fields[name].isValid) ?? 'cardNumber'].focus();
    return;
  }
  formError.textContent = '';
  setBusy(true);
  statusLine.textContent = 'Processing the payment…';
  let settled = false;
  try {
    const query = payQuery.size ? `?${payQuery}` : '';
    const response = await request(`${API}/${encodeURIComponent(checkoutId)}/pay${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ card: readCard(), saveCard: saveCard.checked }),
      cache: 'no-store',
      signal: AbortSignal.timeout(PAY_TIMEOUT_MS),
    });
    const body = await response.json().catch(() => null);
    if (response.ok && typeof body?.returnTo === 'string') {
      settled = true;
      statusLine.textContent = 'Payment approved. Returning to the shop…';
      return navigate(body.returnTo);
    }
    statusLine.textContent = '';
    if (body?.code === 'validation_error' && Array.isArray(body.fields)) {
      for (const { field, error } of body.fields) if (FIELDS.includes(field)) showFieldError(field, error);
      formError.textContent = 'Check the card details.';
    } else if (body?.code === 'card_declined') {
      formError.textContent = 'Your card was declined. Try another card.';
    } else if (body?.code === 'invalid_status') {
      return load();
    } else {
      formError.textContent = 'The payment could not be completed. Try again.';
    }
  } catch {
    statusLine.textContent = '';
    formError.textContent = 'The payment service could not be reached. Try again.';
  } finally {
    if (!settled) setBusy(false);
  }
}

inputs.cardNumber.addEventListener('input', () => {
  const digits = digitsOf(inputs.cardNumber.value).slice(0, 19);
  inputs.cardNumber.value = formatCardNumber(digits);
  const brand = detectBrand(digits);
  brandBadge.textContent = brand ? BRAND_LABELS[brand] : '';
});
inputs.expiry.addEventListener('input', (event) => {
  const adding = /** @type {InputEvent} */ (event).inputType?.startsWith('insert') ?? true;
  inputs.expiry.value = formatExpiry(inputs.expiry.value, adding);
});
inputs.cvc.addEventListener('input', () => {
  inputs.cvc.value = digitsOf(inputs.cvc.value).slice(0, 4);
});
for (const name of FIELDS) inputs[name].addEventListener('input', () => showFieldError(name));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!payButton.disabled) pay();
});

load();
