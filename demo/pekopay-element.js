// The element-alone demo: mounts a PekoPay checkout against the sandbox and shows every event it dispatches
// and the `pay-token` payload a backend would charge (no order is placed here).
// @ts-check
import { byId, createLog, createPekoPayElement, loadPayCheckout, logElementEvents } from './demo-kit.js';

/** Sandbox switches on this page's URL are passed to the merchant's token endpoint (see sandbox/README.md). */
const SANDBOX_PARAMS = ['ttl', 'sandbox_fault', 'sandbox_delay'];

const tokenResult = /** @type {HTMLElement} */ (byId('token-result'));
const log = createLog(byId('event-log'), byId('clear-log'));

/** @param {string} base */
function tokenUrl(base) {
  const url = new URL(base, location.origin);
  const pageParams = new URLSearchParams(location.search);
  for (const key of SANDBOX_PARAMS) {
    const value = pageParams.get(key);
    if (value !== null) url.searchParams.set(key, value);
  }
  return url.pathname + url.search;
}

/** @param {any} detail the `pay-token` detail */
function showToken(detail) {
  byId('token-value').textContent = String(detail?.paymentToken ?? '');
  const card = detail?.card;
  byId('token-card').textContent = card ? `${card.cardType ?? ''} ending in ${card.last4 ?? '????'}` : '—';
  byId('token-idempotency').textContent = String(detail?.idempotencyKey ?? '—');
  tokenResult.hidden = false;
  byId('token-title').focus();
}

const config = await loadPayCheckout(byId('load-status'));
if (config) {
  const checkout = createPekoPayElement(config, { 'token-url': tokenUrl(config.tokenUrl), amount: '9900', currency: 'CAD' });
  logElementEvents(checkout, log);
  checkout.addEventListener('pay-token', (event) => showToken(/** @type {CustomEvent} */ (event).detail));
  byId('load-status').remove();
  byId('checkout-slot').append(checkout);
  byId('pay-again').addEventListener('click', () => {
    tokenResult.hidden = true;
    checkout.reset();
    checkout.focus();
  });
}
