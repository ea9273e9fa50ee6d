// The Reepay demo page: a <pay-checkout provider="reepay"> in the mode of the page's `?mode=` (modal,
// iframe, redirect) for a charge with order lines or, with `?kind=recurring`, a "save card" session; the
// shop's backend creates the session, verifies the result and later charges the saved card.
// @ts-check
import { byId, callBackend } from './demo-kit.js';
import { hostedPage, loadHostedCheckout, showHostedElement, showResult } from './hosted-demo.js';
import { showTestCards } from './test-cards.js';

showTestCards(/** @type {HTMLElement} */ (document.getElementById('test-cards')), {
  visa: 'Accepted',
  mastercard: 'Accepted',
  declined: 'Declined (try another card)',
  slow: 'Accepted after 3 s',
  chargeDeclined: 'Saved, but later charges fail',
});

const kind = new URLSearchParams(location.search).get('kind') === 'recurring' ? 'recurring' : 'charge';

/** @param {any} detail the `pay-complete` detail: a hint the shop's backend checks with Reepay */
async function onComplete(detail) {
  if (detail.paymentMethod) {
    showResult('Card saved', [
      ['Customer', detail.customer],
      ['Saved card', detail.paymentMethod],
    ]);
    const charge = /** @type {HTMLButtonElement} */ (byId('charge-saved'));
    charge.hidden = false;
    charge.onclick = async () => {
      charge.disabled = true;
      const { ok, body } = await callBackend('POST', '/api/reepay/charge-saved', { paymentMethod: detail.paymentMethod });
      byId('charge-result').textContent = ok
        ? `Charge ${body.handle}: ${body.state}${body.error ? ` (${body.error})` : ''}, ${(body.amount / 100).toFixed(2)} ${body.currency}.`
        : `The charge failed: ${body?.message ?? 'no answer'}.`;
      charge.disabled = false;
    };
    return;
  }
  showResult('Payment accepted — checking with Reepay…', [
    ['Session', detail.sessionId],
    ['Order', detail.invoice],
  ]);
  const { ok, body } = await callBackend('POST', '/api/reepay/verify', { invoice: detail.invoice });
  showResult(ok ? `Payment ${body.state}, verified by the shop's server` : 'The payment could not be verified', [
    ['Session', detail.sessionId],
    ['Order', detail.invoice],
    ['Customer', detail.customer],
    ...(ok ? /** @type {[string, string][]} */ ([['Amount', `${(body.amount / 100).toFixed(2)} ${body.currency}`]]) : []),
  ]);
}

async function main() {
  const mode = hostedPage({ kind }, { kind: 'charge' });
  byId('order-charge').hidden = kind !== 'charge';
  byId('order-recurring').hidden = kind === 'charge';
  if (!(await loadHostedCheckout())) return;

  const checkout = /** @type {HTMLElement & { payload?: unknown }} */ (document.createElement('pay-checkout'));
  checkout.setAttribute('provider', 'reepay');
  checkout.setAttribute('environment', 'sandbox');
  checkout.setAttribute('mode', mode);
  checkout.setAttribute('session-endpoint', '/api/reepay/session');
  if (kind === 'charge') {
    checkout.setAttribute('amount', '105575');
    checkout.setAttribute('currency', 'DKK');
  } else {
    checkout.append(Object.assign(document.createElement('span'), { slot: 'button-label', textContent: 'Save card' }));
  }
  // The backend prices the order itself; the page says only what kind of session and where to come back: this
  // page, one URL for a payment and another for a payer who left, by which the element knows the return.
  const page = `${location.pathname}?mode=${mode}&kind=${kind}`;
  checkout.payload = { kind, acceptUrl: `${page}&reepay=accept`, cancelUrl: `${page}&reepay=cancel` };
  checkout.addEventListener('pay-complete', (event) => onComplete(/** @type {CustomEvent} */ (event).detail));
  showHostedElement(checkout);
}

main();
