// The hosted card fields of the PekoPay sandbox: runs inside the SDK's iframe on the sandbox origin, does the
// handshake with the parent page, validates and formats the card, and tokenizes it with the sandbox API.
// Card data never leaves this frame except to that API; the parent only ever sees field states and last4.
// In offline mode (`#offline` in its URL, set by the SDK) that API is a stand-in inside the frame.
// @ts-check
import { checkCard, detectBrand, digitsOf, formatCardNumber, formatExpiry } from './card-rules.js';

const SESSION_TIMEOUT_MS = 10_000;
const TOKENIZE_TIMEOUT_MS = 15_000;
const API = '/sandbox/pekopay/checkout';

const hashParams = new URLSearchParams(location.hash.slice(1));
const parentOrigin = originOf(hashParams.get('parent'));
/** Offline mode: no sandbox server; the checkout API's stand-in (offline-api.js) answers in this frame. */
const offline = hashParams.has('offline');
/**
 * Calls the checkout API: the sandbox server's over HTTP, or its offline stand-in.
 * @type {(url: string, init: RequestInit) => Promise<Response>}
 */
const callApi = offline ? async (url, init) => (await import('./offline-api.js')).offlineFetch(url, init) : (url, init) => fetch(url, init);
/** Sandbox-only: fault switches for the tokenize call, handed down by the SDK. */
const tokenizeQuery = new URLSearchParams();
for (const [from, to] of [['tokenize_fault', 'sandbox_fault'], ['tokenize_delay', 'sandbox_delay']]) {
  const value = hashParams.get(from);
  if (value !== null) tokenizeQuery.set(to, value);
}

const FIELDS = /** @type {const} */ (['cardNumber', 'expiry', 'cvc', 'cardholderName']);
/** @typedef {typeof FIELDS[number]} FieldName */

const form = /** @type {HTMLFormElement} */ (document.getElementById('card-form'));
const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));
const formError = /** @type {HTMLElement} */ (document.getElementById('form-error'));
const brandBadge = /** @type {HTMLElement} */ (document.getElementById('card-number-brand'));
/** @type {Record<FieldName, HTMLInputElement>} */
const inputs = {
  cardNumber: /** @type {HTMLInputElement} */ (document.getElementById('card-number')),
  expiry: /** @type {HTMLInputElement} */ (document.getElementById('card-expiry')),
  cvc: /** @type {HTMLInputElement} */ (document.getElementById('card-cvc')),
  cardholderName: /** @type {HTMLInputElement} */ (document.getElementById('card-name')),
};
/** @type {Record<FieldName, HTMLElement>} */
const errorLines = {
  cardNumber: /** @type {HTMLElement} */ (document.getElementById('card-number-error')),
  expiry: /** @type {HTMLElement} */ (document.getElementById('card-expiry-error')),
  cvc: /** @type {HTMLElement} */ (document.getElementById('card-cvc-error')),
  cardholderName: /** @type {HTMLElement} */ (document.getElementById('card-name-error')),
};

/** @type {Record<FieldName, Record<string, string>>} */
const MESSAGES = {
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
const BRAND_LABELS = { VISA: 'Visa', MASTERCARD: 'Mastercard', AMEX: 'Amex' };
const SERVER_CODES = ['validation_error', 'card_declined', 'token_expired', 'token_used', 'invalid_session_token'];

/** @type {MessagePort | null} */
let port = null;
let sessionToken = '';
/** After a successful tokenization the card is final: the fields stay read-only. */
let locked = false;
/** The digits the number held after the previous edit, to recognize a backspace over a space. */
let previousNumberDigits = '';

/** @param {string | null} value */
function originOf(value) {
  try {
    const url = new URL(value ?? '');
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
const isRecord = (value) => typeof value === 'object' && value !== null;

/** @param {any} message */
const post = (message) => port?.postMessage(message);

function readCard() {
  return {
    number: inputs.cardNumber.value,
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    name: inputs.cardholderName.value,
  };
}

function formState() {
  const { brand, ...state } = checkCard(readCard());
  return brand ? { ...state, cardType: brand } : state;
}

/**
 * @param {FieldName} name
 * @param {string | undefined} error a code from card-rules.js, or nothing to clear
 */
function showFieldError(name, error) {
  errorLines[name].textContent = error ? MESSAGES[name][error] ?? MESSAGES[name].invalid : '';
  inputs[name].setAttribute('aria-invalid', String(Boolean(error)));
}

/** @param {FieldName} name */
function onBlur(name) {
  const field = checkCard(readCard()).fields[name];
  // An untouched empty field is not an error yet: only a submit says so.
  showFieldError(name, field.isValid || field.isEmpty ? undefined : field.error);
  post({ type: 'state', state: formState() });
}

/** @param {FieldName} name */
function onInput(name) {
  formError.textContent = '';
  const field = checkCard(readCard()).fields[name];
  // Typing clears an error once the field is right again, and never shows a new one mid-word.
  if (errorLines[name].textContent) showFieldError(name, field.isValid ? undefined : field.error);
  post({ type: 'state', state: formState() });
}

/** @param {InputEvent} event */
function formatNumberInput(event) {
  const input = inputs.cardNumber;
  const caret = input.selectionStart ?? input.value.length;
  let digits = digitsOf(input.value);
  let digitsBeforeCaret = digitsOf(input.value.slice(0, caret)).length;
  if (event.inputType === 'deleteContentBackward' && digits === previousNumberDigits && digitsBeforeCaret > 0) {
    // Backspace right after a space removed only the space: remove the digit before it instead.
    digits = digits.slice(0, digitsBeforeCaret - 1) + digits.slice(digitsBeforeCaret);
    digitsBeforeCaret--;
  }
  digits = digits.slice(0, 19);
  const formatted = formatCardNumber(digits);
  previousNumberDigits = digits;
  if (formatted !== input.value) {
    input.value = formatted;
    let position = 0;
    for (let seen = 0; position < formatted.length && seen < digitsBeforeCaret; position++) {
      if (formatted[position] !== ' ') seen++;
    }
    if (document.activeElement === input) input.setSelectionRange(position, position);
  }
  const brand = detectBrand(digits);
  brandBadge.textContent = brand ? BRAND_LABELS[brand] : '';
}

/** @param {InputEvent} event */
function formatExpiryInput(event) {
  // While deleting, a trailing `MM/` must not grow its slash back.
  inputs.expiry.value = formatExpiry(inputs.expiry.value, !(event.inputType?.startsWith('delete') ?? false));
}

function formatCvcInput() {
  const cleaned = digitsOf(inputs.cvc.value).slice(0, 4);
  if (cleaned !== inputs.cvc.value) inputs.cvc.value = cleaned;
}

/** @param {boolean} readOnly */
function setReadOnly(readOnly) {
  for (const input of Object.values(inputs)) input.readOnly = readOnly;
  form.setAttribute('aria-busy', String(readOnly && !locked));
}

/** @param {string} text */
function showStatus(text) {
  statusLine.textContent = text;
  statusLine.hidden = !text;
}

/**
 * @param {string} code
 * @param {string} message
 */
function loadError(code, message) {
  showStatus('The card form could not be loaded.');
  post({ type: 'load_error', code, message });
}

/** @param {string} token */
async function checkSession(token) {
  sessionToken = token;
  form.hidden = true;
  showStatus('Loading secure card form…');
  let response;
  let body;
  try {
    response = await callApi(`${API}/sessions/${encodeURIComponent(token)}`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(SESSION_TIMEOUT_MS),
    });
    body = await response.json();
  } catch {
    return loadError('frame_load_failed', 'The card form could not verify its session.');
  }
  if (response.ok && body?.state === 'issued') {
    showStatus('');
    form.hidden = false;
    post({ type: 'loaded' });
    post({ type: 'state', state: formState() });
  } else if (response.ok) {
    loadError('token_used', 'The session token has already been used.');
  } else if (body?.code === 'invalid_session_token' || body?.code === 'token_expired') {
    loadError(body.code, String(body.message ?? body.code));
  } else {
    loadError('frame_load_failed', `The card form could not verify its session (HTTP ${response.status}).`);
  }
}

/** @param {{ id: number, sessionToken?: unknown }} request */
async function tokenize({ id, sessionToken: token }) {
  /** @param {Record<string, unknown>} result */
  const reply = (result) => post({ type: 'tokenize_result', id, ...result });
  if (typeof token === 'string' && token) sessionToken = token;

  const checked = checkCard(readCard());
  if (!checked.isValid) {
    for (const name of FIELDS) showFieldError(name, checked.fields[name].isValid ? undefined : checked.fields[name].error);
    inputs[FIELDS.find((name) => !checked.fields[name].isValid) ?? 'cardNumber'].focus();
    post({ type: 'state', state: formState() });
    return reply({ ok: false, code: 'validation_error', message: 'Some card details are missing or not valid.' });
  }

  formError.textContent = '';
  setReadOnly(true);
  try {
    const query = tokenizeQuery.size ? `?${tokenizeQuery}` : '';
    const card = readCard();
    const response = await callApi(`${API}/tokenize${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionToken, card: { ...card, number: digitsOf(card.number) } }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TOKENIZE_TIMEOUT_MS),
    });
    const body = await response.json().catch(() => null);
    const cardData = body?.cardData;
    if (response.ok && typeof body?.sessionToken === 'string' && typeof cardData?.last4Digits === 'string' && typeof cardData?.cardType === 'string') {
      locked = true;
      return reply({
        ok: true,
        sessionToken: body.sessionToken,
        cardData: { last4Digits: cardData.last4Digits, cardType: cardData.cardType },
      });
    }
    if (!response.ok && SERVER_CODES.includes(body?.code)) {
      if (body.code === 'validation_error' && Array.isArray(body.fields)) {
        for (const { field, error } of body.fields) if (FIELDS.includes(field)) showFieldError(field, error);
      }
      if (body.code === 'card_declined') formError.textContent = 'Your card was declined. Try another card.';
      return reply({ ok: false, code: body.code, message: String(body.message ?? body.code) });
    }
    reply({ ok: false, code: 'network_error', message: `The card could not be tokenized (HTTP ${response.status}).` });
  } catch {
    reply({ ok: false, code: 'network_error', message: 'The payment service could not be reached.' });
  } finally {
    setReadOnly(locked);
  }
}

/** @param {any} message */
function onPortMessage(message) {
  if (!isRecord(message)) return;
  if (message.type === 'session' && typeof message.sessionToken === 'string') checkSession(message.sessionToken);
  else if (message.type === 'tokenize' && typeof message.id === 'number') tokenize({ id: message.id, sessionToken: message.sessionToken });
}

/** @param {MessageEvent} event */
function onInit(event) {
  if (port || event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data;
  if (!isRecord(data) || data.type !== 'peko:init' || typeof data.sessionToken !== 'string' || !event.ports[0]) return;
  window.removeEventListener('message', onInit);
  port = event.ports[0];
  port.onmessage = (portEvent) => onPortMessage(portEvent.data);
  if (data.environment !== 'sandbox') {
    loadError('invalid_environment', 'The sandbox card form only runs in the "sandbox" environment.');
    return;
  }
  checkSession(data.sessionToken);
}

inputs.cardNumber.addEventListener('input', (event) => formatNumberInput(/** @type {InputEvent} */ (event)));
inputs.expiry.addEventListener('input', (event) => formatExpiryInput(/** @type {InputEvent} */ (event)));
inputs.cvc.addEventListener('input', formatCvcInput);
for (const name of FIELDS) {
  inputs[name].addEventListener('input', () => onInput(name));
  inputs[name].addEventListener('blur', () => onBlur(name));
}
form.addEventListener('submit', (event) => {
  // Enter in a field: the SDK runs its submit flow, exactly as for the host's own button.
  event.preventDefault();
  post({ type: 'submit_request' });
});

function sayReady() {
  window.addEventListener('message', onInit);
  window.parent.postMessage({ type: 'peko:ready' }, /** @type {string} */ (parentOrigin));
}

if (!parentOrigin || window.parent === window) {
  showStatus('This card form only works inside the PekoPay checkout.');
} else if (offline) {
  // No server applied the page's fault switches (frame_fault / frame_delay): the frame plays them itself.
  import('./offline-api.js').then(({ pageFault }) => pageFault(location.search)).then(sayReady);
} else {
  sayReady();
}
