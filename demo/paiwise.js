// The Paiwise demo page: a <pay-checkout provider="paiwise"> in the mode of the page's `?mode=` (modal, iframe,
// redirect) for a backpack paid at once or, with `?product=bike-rental`, a deposit only reserved, which the
// shop's backend captures or releases later. The element's pay-complete is a hint: every result shown here is
// what the backend's `retrieve` says.
// @ts-check
import { byId, callBackend } from './demo-kit.js';
import { hostedPage, loadHostedCheckout, showHostedElement, showResult } from './hosted-demo.js';
import { showTestCards } from './test-cards.js';

showTestCards(/** @type {HTMLElement} */ (document.getElementById('test-cards')), {
  visa: 'Paid (reserved for the deposit)',
  mastercard: 'Paid (reserved for the deposit)',
  declined: 'Declined (try another card)',
  slow: 'Paid after 3 s',
});

/** The element's amounts (the backend charges its own prices for the same products). */
const PRODUCTS = { backpack: '89900', 'bike-rental': '50000' };
const asked = new URLSearchParams(location.search).get('product') ?? '';
const product = /** @type {keyof typeof PRODUCTS} */ (Object.hasOwn(PRODUCTS, asked) ? asked : 'backpack');
/** What the payer reads for each status Paiwise reports. */
const STATUS_TITLES = {
  paid: 'Payment received',
  reserved: 'Deposit reserved on your card',
  refunded: 'Payment refunded',
  partialRefund: 'Payment partly refunded',
  'reserve released': 'Deposit released',
};

/** @param {{ id: string, status: string, amount: number, currency: string, amountRefunded: number }} checkout */
const rows = (checkout) =>
  /** @type {[string, string][]} */ ([
    ['Checkout', checkout.id],
    ['Status (from Paiwise)', checkout.status],
    ['Amount', `${(checkout.amount / 100).toFixed(2)} ${checkout.currency}`],
    ...(checkout.amountRefunded ? [['Refunded', `${(checkout.amountRefunded / 100).toFixed(2)} ${checkout.currency}`]] : []),
  ]);

/**
 * Shows the checkout as Paiwise has it, and offers what the backend can do next: capture a reservation,
 * refund a payment or release a reservation.
 * @param {{ id: string, status: string, amount: number, currency: string, amountRefunded: number }} checkout
 */
function showCheckout(checkout) {
  const title = STATUS_TITLES[/** @type {keyof typeof STATUS_TITLES} */ (checkout.status)];
  showResult(title ? `${title}, verified by the shop's server` : `Not paid: Paiwise says "${checkout.status}"`, rows(checkout));
  const capture = /** @type {HTMLButtonElement} */ (byId('capture'));
  const refund = /** @type {HTMLButtonElement} */ (byId('refund'));
  capture.hidden = checkout.status !== 'reserved';
  refund.hidden = !['paid', 'partialRefund', 'reserved'].includes(checkout.status);
  refund.textContent = checkout.status === 'reserved' ? 'Release the deposit' : 'Refund';
  /** @param {'capture' | 'refund'} action */
  const act = async (action) => {
    capture.disabled = refund.disabled = true;
    const { ok, body } = await callBackend('POST', `/api/paiwise/${action}`, { id: checkout.id });
    capture.disabled = refund.disabled = false;
    byId('backend-result').textContent = ok
      ? `The shop's server called ${action}: Paiwise says "${body.status}".`
      : `The ${action} failed: ${body?.message ?? 'no answer'}.`;
    if (ok) showCheckout(body);
  };
  capture.onclick = () => act('capture');
  refund.onclick = () => act('refund');
}

/** @param {any} detail the `pay-complete` detail: a hint the shop's backend checks with Paiwise */
async function onComplete(detail) {
  showResult('Checking the payment with Paiwise…', [['Checkout', detail.checkoutId]]);
  const { ok, body } = await callBackend('POST', '/api/paiwise/verify', { id: detail.checkoutId });
  if (ok) showCheckout(body);
  else
    showResult('The payment could not be verified', [
      ['Checkout', detail.checkoutId],
      ['Error', body?.message ?? 'no answer'],
    ]);
}

async function main() {
  const mode = hostedPage({ product }, { product: 'backpack' });
  byId('order-backpack').hidden = product !== 'backpack';
  byId('order-bike-rental').hidden = product === 'backpack';
  if (!(await loadHostedCheckout())) return;

  const checkout = /** @type {HTMLElement & { payload?: unknown }} */ (document.createElement('pay-checkout'));
  checkout.setAttribute('provider', 'paiwise');
  checkout.setAttribute('environment', 'sandbox');
  checkout.setAttribute('mode', mode);
  checkout.setAttribute('session-endpoint', '/api/paiwise/session');
  checkout.setAttribute('amount', PRODUCTS[product]);
  checkout.setAttribute('currency', 'SEK');
  if (product !== 'backpack') {
    checkout.append(Object.assign(document.createElement('span'), { slot: 'button-label', textContent: 'Reserve 500.00 SEK' }));
  }
  // The backend prices the product itself. The element adds where Paiwise sends the payer back: in redirect mode
  // this page with ?paiwise=return or ?paiwise=cancel, where it re-emits the result; framed, a light page of the
  // shop's (the element reads the frame's location there), so the whole shop does not load inside the frame.
  const light = new URL('/demo/paiwise-return.html', location.href).href;
  checkout.payload =
    mode == 'redirect' ? { product } : { product, returnUrl: `${light}?paiwise=return`, returnUrlCancel: `${light}?paiwise=cancel` };
  checkout.addEventListener('pay-complete', (event) => onComplete(/** @type {CustomEvent} */ (event).detail));
  showHostedElement(checkout);
}

main();
