// The Reepay sandbox's hosted checkout page. Opened at a session URL (`#/cs_…`) it is a full page (window
// checkout) that returns to accept_url or cancel_url; framed at `#/checkout/preload` (embedded),
// `#/preload` (modal) or `#/subscription/preload` it waits for the parent's init message and reports to
// the parent window with Reepay's frame protocol. Card data only ever goes to the sandbox's own API.
// @ts-check
import { checkCard, digitsOf, formatCardNumber, formatExpiry } from '../../pekopay/frame/card-rules.js';

const API = '/sandbox/reepay/checkout/api/sessions';
const SESSION_ID = /^(cs|pa)_[0-9a-f]{32}$/;
const REQUEST_TIMEOUT_MS = 15_000;
/** The frame protocol's event numbers. */
const EVENT = { accept: 0, error: 1, cancel: 2, close: 3, open: 4 };

const FIELDS = /** @type {const} */ (['cardNumber', 'expiry', 'cvc', 'cardholderName']);
/** @typedef {typeof FIELDS[number]} FieldName */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (byId('card-form'));
const statusLine = byId('status');
const formError = byId('form-error');
const payButton = /** @type {HTMLButtonElement} */ (byId('pay'));
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
/** @type {Record<string, string>} */
const MESSAGES = {
  required: 'This field is required.',
  incomplete: 'This is incomplete.',
  invalid: 'This is not valid.',
  unsupported: 'This card brand is not accepted.',
  expired: 'This card has expired.',
};

/** Sandbox-only: `?api_fault=…&api_delay=…` on the page URL become the fault switches of its API calls. */
const pageQuery = new URLSearchParams(location.search);
const apiQuery = new URLSearchParams();
for (const [from, to] of [['api_fault', 'sandbox_fault'], ['api_delay', 'sandbox_delay']]) {
  const value = pageQuery.get(from);
  if (value !== null) apiQuery.set(to, value);
}
const apiUrl = (/** @type {string} */ path) => `${API}/${path}${apiQuery.size ? `?${apiQuery}` : ''}`;

/** Offline mode: no sandbox server; offline-api.js answers the page's API for offline session ids. */
const offline = pageQuery.has('offline');
const offlineApi = offline ? import('./offline-api.js') : undefined;
/** Calls the page's API: the sandbox server's over HTTP, or its offline stand-in. */
const request = offlineApi
  ? async (/** @type {string} */ url, /** @type {RequestInit} */ init) => (await offlineApi).offlineFetch(url, init, pageQuery)
  : (/** @type {string} */ url, /** @type {RequestInit} */ init) => fetch(url, init);
/**
 * Settles when the page may start: at once, or offline when the page's own fault switches say (a static
 * host ignores them, so the page plays them itself: `sandbox_fault` never starts, `sandbox_delay` starts late).
 */
const started = offline ? import('../../pekopay/frame/offline-api.js').then(({ pageFault }) => pageFault(location.search)) : Promise.resolve();

/**
 * The framed checkout's link to the parent window, set by the init message.
 * @type {{ token: string, origin: string, type: 'embedded' | 'modal' } | null}
 */
let parentLink = null;
/** @type {any} */
let session = null;
let done = false;

/**
 * @param {number} event
 * @param {Record<string, unknown>} [data]
 */
function notify(event, data = {}) {
  if (parentLink) window.parent.postMessage({ origin: `rp-${parentLink.token}`, event, data }, parentLink.origin);
}

/** @param {string} text */
function showStatus(text) {
  statusLine.textContent = text;
}

/**
 * Ends the checkout with a session error: shown here and, when framed, reported to the parent.
 * @param {string} error `error.session.…`
 * @param {string} message
 */
function sessionError(error, message) {
  done = true;
  form.hidden = true;
  showStatus(message);
  notify(EVENT.error, { error });
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function call(path, init = {}) {
  const response = await request(apiUrl(path), { cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...init });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

/** @param {number} minor @param {string} currency */
function money(minor, currency) {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function showSession() {
  const title = byId('title');
  const lines = byId('lines');
  if (session.type === 'charge') {
    title.textContent = `Pay ${money(session.amount, session.currency)}`;
    payButton.textContent = `Pay ${money(session.amount, session.currency)}`;
    for (const line of session.order_lines) {
      const item = document.createElement('li');
      const text = document.createElement('span');
      text.textContent = `${line.quantity} × ${line.ordertext}`;
      const amount = document.createElement('span');
      amount.textContent = money(line.amount, session.currency);
      item.append(text, amount);
      lines.append(item);
    }
  } else if (session.type === 'subscription') {
    title.textContent = `Subscribe to ${session.plan}`;
    payButton.textContent = 'Subscribe';
  } else {
    title.textContent = 'Save your card';
    payButton.textContent = 'Save card';
  }
  byId('summary').hidden = false;
  form.hidden = false;
  showStatus('');
}

/** @param {string} id */
async function loadSession(id) {
  await started;
  let result;
  try {
    result = await call(id);
  } catch {
    return sessionError('error.session.unavailable', 'The payment service could not be reached.');
  }
  if (result.status !== 200) {
    const error = typeof result.body?.error === 'string' ? result.body.error : 'error.session.unavailable';
    return sessionError(error, String(result.body?.message ?? 'This payment session cannot be used.'));
  }
  session = result.body;
  showSession();
  // The page is ready: a modal shows its overlay now.
  notify(EVENT.open);
  if (!parentLink || parentLink.type === 'modal') inputs.cardNumber.focus();
}

function readCard() {
  return {
    number: inputs.cardNumber.value,
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    name: inputs.cardholderName.value,
  };
}

/**
 * @param {FieldName} name
 * @param {string | undefined} error
 */
function showFieldError(name, error) {
  errorLines[name].textContent = error ? MESSAGES[error] ?? MESSAGES.invalid : '';
  inputs[name].setAttribute('aria-invalid', String(Boolean(error)));
}

/** @param {Record<string, string>} result */
function accepted(result) {
  done = true;
  const { accept_url: acceptUrl, ...data } = result;
  form.hidden = true;
  showStatus(session.type === 'charge' ? 'Payment accepted.' : 'Your card is saved.');
  if (parentLink) return notify(EVENT.accept, data);
  if (acceptUrl) location.assign(acceptUrl);
  else showStatus(`${statusLine.textContent} You can close this window.`);
}

async function pay() {
  if (done || payButton.disabled) return;
  formError.textContent = '';
  const checked = checkCard(readCard());
  for (const name of FIELDS) showFieldError(name, checked.fields[name].isValid ? undefined : checked.fields[name].error);
  if (!checked.isValid) {
    inputs[FIELDS.find((name) => !checked.fields[name].isValid) ?? 'cardNumber'].focus();
    return;
  }
  payButton.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const card = readCard();
    const { status, body } = await call(`${session.id}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ card: { ...card, number: digitsOf(card.number) } }),
    });
    if (status === 200) return accepted(body);
    if (status === 402) formError.textContent = 'Your card was declined. Try another card.';
    else if (status === 422 && Array.isArray(body?.fields)) {
      for (const { field, error } of body.fields) if (FIELDS.includes(field)) showFieldError(field, error);
    } else if (typeof body?.error === 'string' && body.error.startsWith('error.session.')) {
      return sessionError(body.error, String(body.message));
    } else formError.textContent = 'The payment could not be completed. Please try again.';
  } catch {
    formError.textContent = 'The payment service could not be reached. Please try again.';
  } finally {
    payButton.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

function cancel() {
  if (done) return;
  if (parentLink) return notify(EVENT.cancel, { id: session?.id });
  done = true;
  form.hidden = true;
  if (session?.cancel_url) location.assign(session.cancel_url);
  else showStatus('Payment cancelled. You can close this window.');
}

/** @param {MessageEvent} event */
function onInit(event) {
  if (parentLink || event.source !== window.parent) return;
  const message = event.data;
  const data = message?.data;
  if (message?.for !== 'rp_app' || typeof data !== 'object' || data === null) return;
  const { id, token, type, content_type: contentType } = data;
  if (typeof id !== 'string' || !SESSION_ID.test(id)) return;
  if (typeof token !== 'string' || !token || token.length > 200) return;
  if (type !== 'embedded' && type !== 'modal') return;
  if (contentType !== 'rp_checkout' && contentType !== 'rp_subscription') return;
  window.removeEventListener('message', onInit);
  parentLink = { token, origin: event.origin, type };
  // In a modal the element's dialog has the close control; an embedded checkout has its own.
  byId('close').hidden = type === 'modal';
  loadSession(id);
}

inputs.cardNumber.addEventListener('input', () => {
  const formatted = formatCardNumber(digitsOf(inputs.cardNumber.value).slice(0, 19));
  if (formatted !== inputs.cardNumber.value) inputs.cardNumber.value = formatted;
});
inputs.expiry.addEventListener('input', (event) => {
  inputs.expiry.value = formatExpiry(inputs.expiry.value, !(/** @type {InputEvent} */ (event).inputType?.startsWith('delete') ?? false));
});
inputs.cvc.addEventListener('input', () => {
  inputs.cvc.value = digitsOf(inputs.cvc.value).slice(0, 4);
});
for (const name of FIELDS) inputs[name].addEventListener('input', () => errorLines[name].textContent && showFieldError(name, undefined));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  pay();
});
byId('cancel').addEventListener('click', cancel);
byId('close').addEventListener('click', () => notify(EVENT.close));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && parentLink?.type === 'modal') cancel();
});

const route = /^#\/(?:(checkout|subscription)\/)?([^/]+)$/.exec(location.hash);
const echo = pageQuery.get('sandbox_echo');
if (echo !== null) {
  // Sandbox-only: play a compromised (or scripted) checkout page that posts any message (JSON) to its parent,
  // so tests can check that the element ignores what it must ignore, and takes what it must take.
  window.parent.postMessage(JSON.parse(echo), '*');
  showStatus('Sandbox: a message was posted to the parent window.');
} else if (route && route[2] === 'preload') {
  if (window.parent === window) showStatus('This checkout page only works inside a Reepay checkout frame.');
  else window.addEventListener('message', onInit);
} else if (route && SESSION_ID.test(route[2])) {
  loadSession(route[2]);
} else {
  showStatus('No payment session was given.');
}
