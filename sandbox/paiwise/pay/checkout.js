// The Paiwise sandbox's hosted checkout page: shows the checkout, takes the card, pays (or reserves) through the
// sandbox's public per-checkout endpoints, then navigates its own window — the top-level page, or the frame it
// is in — to the shop's returnUrl, or to returnUrlCancel through the cancel link. With `?offline` on its URL
// the page answers those endpoints itself (offline-api.js) for fake-shaped checkout ids: no server needed.
// @ts-check
import { createCardForm } from '../../shared/card-form.js';
import { byId, callJson, formatMoney, pageApi, postJson, switchesFrom, withQuery } from '../../shared/page.js';

const API = '/sandbox/paiwise/pay/checkouts';
const LOAD_TIMEOUT_MS = 10_000;
const PAY_TIMEOUT_MS = 15_000;
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
/**
 * Sandbox-only: `return_params=none` on the page URL goes to every call (they answer where the payer goes:
 * the return URLs without the sandbox's `checkout_id` and `status`); `pay_fault` / `pay_delay` become the pay
 * call's fault switches.
 */
const loadQuery = switchesFrom(pageParams, { return_params: 'return_params' });
const payQuery = switchesFrom(pageParams, { pay_fault: 'sandbox_fault', pay_delay: 'sandbox_delay', return_params: 'return_params' });
/** The page's endpoints: the sandbox server's, or offline (no sandbox server) their stand-in for offline checkout ids. */
const api = pageApi(() => import('./offline-api.js'), { page: pageParams });

const form = /** @type {HTMLFormElement} */ (byId('pay-form'));
const statusLine = byId('status');
const formError = byId('form-error');
const payButton = /** @type {HTMLButtonElement} */ (byId('pay-button'));
const saveCard = /** @type {HTMLInputElement} */ (byId('save-card'));
const returnLink = /** @type {HTMLAnchorElement} */ (byId('return-link'));
const cancelLink = /** @type {HTMLAnchorElement} */ (byId('cancel-link'));
const cardForm = createCardForm(byId('card-fields'), { formError });

/** Only http(s) navigations: the URL comes from the sandbox, but a page never follows anything else. */
function navigate(/** @type {string} */ url) {
  const target = new URL(url, location.href);
  if (target.protocol === 'http:' || target.protocol === 'https:') location.assign(target.href);
}

/** @param {boolean} busy */
function setBusy(busy) {
  cardForm.setReadOnly(busy);
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
  const amount = formatMoney(view.amount, view.currency, document.documentElement.lang || 'en');
  byId('amount').textContent = amount;
  payButton.textContent = `Pay ${amount}`;
  const open = view.status === 'created' || view.status === 'failed';
  form.hidden = !open;
  byId('save-card-row').hidden = !view.offerSaveCard;
  cancelLink.hidden = !open;
  cancelLink.href = view.cancelUrl;
  returnLink.hidden = !view.returnTo;
  if (view.returnTo) returnLink.href = view.returnTo;
  statusLine.textContent = open ? '' : (CLOSED_TEXT[/** @type {keyof typeof CLOSED_TEXT} */ (view.status)] ?? '');
}

async function load() {
  try {
    const url = withQuery(`${API}/${encodeURIComponent(checkoutId)}`, loadQuery);
    const { ok, status, body } = await callJson(api.call, url, { timeoutMs: LOAD_TIMEOUT_MS });
    if (status === 404) return void (statusLine.textContent = 'This checkout does not exist.');
    if (!ok || !body) throw new Error(`HTTP ${status}`);
    render(body);
  } catch {
    statusLine.textContent = 'The checkout could not be loaded. Reload the page to try again.';
  }
}

async function pay() {
  if (!cardForm.showErrors().isValid) return;
  formError.textContent = '';
  setBusy(true);
  statusLine.textContent = 'Processing the payment…';
  let settled = false;
  try {
    const url = withQuery(`${API}/${encodeURIComponent(checkoutId)}/pay`, payQuery);
    const { ok, body } = await callJson(api.call, url, postJson({ card: cardForm.read(), saveCard: saveCard.checked }, PAY_TIMEOUT_MS));
    if (ok && typeof body?.returnTo === 'string') {
      settled = true;
      statusLine.textContent = 'Payment approved. Returning to the shop…';
      return navigate(body.returnTo);
    }
    statusLine.textContent = '';
    if (body?.code === 'validation_error') {
      cardForm.showServerErrors(body.fields);
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

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!payButton.disabled) pay();
});

api.started.then(load);
