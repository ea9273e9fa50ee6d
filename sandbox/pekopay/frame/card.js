// The hosted card fields of the PekoPay sandbox: runs inside the SDK's iframe on the sandbox origin, does the
// handshake with the parent page, validates and formats the card (the sandbox's card form, ../../shared/), and
// tokenizes it with the sandbox API. Card data never leaves this frame except to that API; the parent only ever
// sees field states and last4. In offline mode (`#offline` in its URL, set by the SDK) that API is a stand-in
// inside the frame.
// @ts-check
import { createCardForm } from '../../shared/card-form.js';
import { byId, callJson, pageApi, postJson, switchesFrom, withQuery } from '../../shared/page.js';

const SESSION_TIMEOUT_MS = 10_000;
const TOKENIZE_TIMEOUT_MS = 15_000;
const API = '/sandbox/pekopay/checkout';

const hashParams = new URLSearchParams(location.hash.slice(1));
const parentOrigin = originOf(hashParams.get('parent'));
/** The checkout API: the sandbox server's, or offline (no sandbox server) its stand-in in this frame. */
const api = pageApi(() => import('./offline-api.js'), { offline: hashParams.has('offline') });
/** Sandbox-only: fault switches for the tokenize call, handed down by the SDK. */
const tokenizeQuery = switchesFrom(hashParams, { tokenize_fault: 'sandbox_fault', tokenize_delay: 'sandbox_delay' });
const SERVER_CODES = ['validation_error', 'card_declined', 'token_expired', 'token_used', 'invalid_session_token'];

const form = /** @type {HTMLFormElement} */ (byId('card-form'));
const statusLine = byId('status');
const formError = byId('form-error');
const cardForm = createCardForm(byId('card-fields'), { formError, onChange: () => post({ type: 'state', state: cardForm.state() }) });

/** @type {MessagePort | null} */
let port = null;
let sessionToken = '';
/** After a successful tokenization the card is final: the fields stay read-only. */
let locked = false;

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

/** @param {boolean} readOnly */
function setReadOnly(readOnly) {
  cardForm.setReadOnly(readOnly);
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
  let answer;
  try {
    answer = await callJson(api.call, `${API}/sessions/${encodeURIComponent(token)}`, { timeoutMs: SESSION_TIMEOUT_MS });
  } catch {
    return loadError('frame_load_failed', 'The card form could not verify its session.');
  }
  const { ok, status, body } = answer;
  if (ok && body?.state === 'issued') {
    showStatus('');
    form.hidden = false;
    post({ type: 'loaded' });
    post({ type: 'state', state: cardForm.state() });
  } else if (ok && body) {
    loadError('token_used', 'The session token has already been used.');
  } else if (body?.code === 'invalid_session_token' || body?.code === 'token_expired') {
    loadError(body.code, String(body.message ?? body.code));
  } else {
    loadError('frame_load_failed', `The card form could not verify its session (HTTP ${status}).`);
  }
}

/** @param {{ id: number, sessionToken?: unknown }} request */
async function tokenize({ id, sessionToken: token }) {
  /** @param {Record<string, unknown>} result */
  const reply = (result) => post({ type: 'tokenize_result', id, ...result });
  if (typeof token === 'string' && token) sessionToken = token;

  if (!cardForm.showErrors().isValid) {
    post({ type: 'state', state: cardForm.state() });
    return reply({ ok: false, code: 'validation_error', message: 'Some card details are missing or not valid.' });
  }
  formError.textContent = '';
  setReadOnly(true);
  try {
    const { ok, status, body } = await callJson(
      api.call,
      withQuery(`${API}/tokenize`, tokenizeQuery),
      postJson({ sessionToken, card: cardForm.read() }, TOKENIZE_TIMEOUT_MS),
    );
    const cardData = body?.cardData;
    if (
      ok &&
      typeof body?.sessionToken === 'string' &&
      typeof cardData?.last4Digits === 'string' &&
      typeof cardData?.cardType === 'string'
    ) {
      locked = true;
      return reply({
        ok: true,
        sessionToken: body.sessionToken,
        cardData: { last4Digits: cardData.last4Digits, cardType: cardData.cardType },
      });
    }
    if (!ok && SERVER_CODES.includes(body?.code)) {
      if (body.code === 'validation_error') cardForm.showServerErrors(body.fields);
      if (body.code === 'card_declined') formError.textContent = 'Your card was declined. Try another card.';
      return reply({ ok: false, code: body.code, message: String(body.message ?? body.code) });
    }
    reply({ ok: false, code: 'network_error', message: `The card could not be tokenized (HTTP ${status}).` });
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

form.addEventListener('submit', (event) => {
  // Enter in a field: the SDK runs its submit flow, exactly as for the host's own button.
  event.preventDefault();
  post({ type: 'submit_request' });
});

if (!parentOrigin || window.parent === window) {
  showStatus('This card form only works inside the PekoPay checkout.');
} else {
  // Offline, no server applied the page's fault switches (frame_fault / frame_delay): the frame plays them itself.
  api.started.then(() => {
    window.addEventListener('message', onInit);
    window.parent.postMessage({ type: 'peko:ready' }, /** @type {string} */ (parentOrigin));
  });
}
