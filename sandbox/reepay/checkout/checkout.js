// The Reepay sandbox's hosted checkout page. Opened at a session URL (`#/cs_…`) it is a full page (window
// checkout) that returns to accept_url or cancel_url; framed at `#/checkout/preload` (embedded),
// `#/preload` (modal) or `#/subscription/preload` it waits for the parent's init message and reports to
// the parent window with Reepay's frame protocol. Card data only ever goes to the sandbox's own API.
// @ts-check
import { createCardForm } from '../../shared/card-form.js';
import { byId, callJson, formatMoney, pageApi, postJson, switchesFrom, withQuery } from '../../shared/page.js';
import { readInit } from './init.js';

const API = '/sandbox/reepay/checkout/api/sessions';
const SESSION_ID = /^(cs|pa)_[0-9a-f]{32}$/;
const REQUEST_TIMEOUT_MS = 15_000;
/** The frame protocol's event numbers. */
const EVENT = { accept: 0, error: 1, cancel: 2, close: 3, open: 4 };

const form = /** @type {HTMLFormElement} */ (byId('card-form'));
const statusLine = byId('status');
const formError = byId('form-error');
const payButton = /** @type {HTMLButtonElement} */ (byId('pay'));
const cardForm = createCardForm(byId('card-fields'), { formError });

/** Sandbox-only: `?api_fault=…&api_delay=…` on the page URL become the fault switches of its API calls. */
const pageQuery = new URLSearchParams(location.search);
const apiQuery = switchesFrom(pageQuery, { api_fault: 'sandbox_fault', api_delay: 'sandbox_delay' });
/** The page's API: the sandbox server's, or offline (no sandbox server) its stand-in for offline session ids. */
const api = pageApi(() => import('./offline-api.js'), { page: pageQuery });

/**
 * The framed checkout's link to the parent window, set by the init message: `origin` is the parent's, `token`
 * goes back in every message as `rp-<token>`.
 * @type {{ token: string | number, origin: string, type: 'embedded' | 'modal' } | null}
 */
let parentLink = null;
/** @type {any} */
let session = null;
let done = false;
/** The page is being left (a return URL, a link): a request that fails now failed because of that, and is no error. */
let leaving = false;
addEventListener('pagehide', () => {
  leaving = true;
});

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
const call = (path, init = {}) => callJson(api.call, withQuery(`${API}/${path}`, apiQuery), { timeoutMs: REQUEST_TIMEOUT_MS, ...init });

function showSession() {
  const title = byId('title');
  if (session.type === 'charge') {
    const total = formatMoney(session.amount, session.currency);
    title.textContent = payButton.textContent = `Pay ${total}`;
    byId('lines').append(...session.order_lines.map(orderLine));
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

/** @param {{ quantity: number, ordertext: string, amount: number }} line */
function orderLine(line) {
  const item = document.createElement('li');
  const text = document.createElement('span');
  text.textContent = `${line.quantity} × ${line.ordertext}`;
  const amount = document.createElement('span');
  amount.textContent = formatMoney(line.amount, session.currency);
  item.append(text, amount);
  return item;
}

/** @param {string} id */
async function loadSession(id) {
  await api.started;
  let result;
  try {
    result = await call(id);
  } catch {
    if (leaving) return;
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
  if (!parentLink || parentLink.type === 'modal') cardForm.inputs.cardNumber.focus();
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
  if (!cardForm.showErrors().isValid) return;
  payButton.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const { status, body } = await call(`${session.id}/pay`, postJson({ card: cardForm.read() }, REQUEST_TIMEOUT_MS));
    if (status === 200) return accepted(body);
    if (status === 402) formError.textContent = 'Your card was declined. Try another card.';
    else if (status === 422) cardForm.showServerErrors(body?.fields);
    else if (typeof body?.error === 'string' && body.error.startsWith('error.session.')) {
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
  const init = readInit(event.data);
  if (!init) return;
  if ('problem' in init) return showStatus(`The checkout cannot start: ${init.problem}`);
  window.removeEventListener('message', onInit);
  parentLink = { token: init.token, origin: event.origin, type: init.type };
  // In a modal the element's dialog has the close control; an embedded checkout has its own.
  byId('close').hidden = init.type === 'modal';
  // Not checked against the session's kind, nor is the route's `subscription/`: the session is shown as what it
  // was created as, as Reepay's document gives nothing to refuse it by (docs/sandbox.md, Reepay).
  if (SESSION_ID.test(init.id)) loadSession(init.id);
  else sessionError('error.session.not_found', 'This payment session does not exist.');
}

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
