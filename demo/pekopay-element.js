// The element-alone demo: mounts a PekoPay checkout against the sandbox and shows every event it dispatches
// and the `pay-token` payload a backend would charge (no order is placed here).
// @ts-check
import { byId, createPekoPayElement, eventLog, loadPayCheckout, logElementEvents } from './demo-kit.js';
import { showTestCards } from './test-cards.js';

showTestCards(/** @type {HTMLElement} */ (document.getElementById('test-cards')), {
  visa: 'Success',
  mastercard: 'Success',
  amex: 'Success',
  declined: 'Declined',
  slow: 'Success after 3 s',
  chargeDeclined: 'Tokenizes; declined when charged',
});

/** Sandbox switches on this page's URL are passed to the merchant's token endpoint (see sandbox/README.md). */
const SANDBOX_PARAMS = ['ttl', 'sandbox_fault', 'sandbox_delay'];
/** `?cards=1`: two saved cards to choose from (the checkout demo uses the customer's real stored cards). */
const DEMO_CARDS = [
  { last4: '4242', cardType: 'VISA', default: true },
  { last4: '4444', cardType: 'MASTERCARD' },
];

const tokenResult = /** @type {HTMLElement} */ (byId('token-result'));
const log = eventLog();

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
  byId('token-value').textContent = detail?.savedCard
    ? '— (a saved card: no token; the backend charges the card)'
    : String(detail?.paymentToken ?? '');
  const card = detail?.card;
  byId('token-card').textContent = card ? `${card.cardType ?? ''} ending in ${card.last4 ?? '????'}` : '—';
  byId('token-idempotency').textContent = String(detail?.idempotencyKey ?? '—');
  tokenResult.hidden = false;
  byId('token-title').focus();
}

const config = await loadPayCheckout(byId('load-status'));
if (config) {
  const pageParams = new URLSearchParams(location.search);
  const checkout = createPekoPayElement(config, {
    'token-url': tokenUrl(config.tokenUrl),
    amount: '9900',
    currency: 'CAD',
    ...(pageParams.has('cards') ? { cards: JSON.stringify(DEMO_CARDS), 'offer-save-card': '' } : {}),
    // `?action=1`: the element posts the result to the demo merchant's echoing charge endpoint itself.
    ...(pageParams.has('action') ? { action: '/api/actions/charge' } : {}),
  });
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
