// The e-commerce checkout demo (seed: "E-commerce one-time checkout"): the shop's server prices the cart,
// <pay-checkout> turns the card into a payment token, and the page hands `{ paymentToken, cartId }` to the
// shop's backend, which creates the PekoPay transaction once per idempotency key.
// @ts-check
import { byId, callBackend, createPekoPayElement, livePanels, loadPayCheckout, logElementEvents, money } from './demo-kit.js';
import { showTestCards } from './test-cards.js';

showTestCards(/** @type {HTMLElement} */ (document.getElementById('test-cards')), {
  visa: 'Success',
  mastercard: 'Success',
  declined: 'Declined in the card form',
  chargeDeclined: 'Declined when charged',
});

/** @type {Record<string, number>} */
const START_QUANTITIES = { backpack: 2, bottle: 0, headlamp: 1 };
const WEBHOOK_CHECKS = 20;

const { events } = livePanels(/** @type {HTMLElement} */ (document.querySelector('main')));
const form = /** @type {HTMLFormElement} */ (byId('cart-form'));
const payment = /** @type {HTMLElement} */ (byId('payment'));
const slot = /** @type {HTMLElement} */ (byId('checkout-slot'));
const cartError = /** @type {HTMLElement} */ (byId('cart-error'));
const payError = /** @type {HTMLElement} */ (byId('pay-error'));

/** @type {Promise<import('./demo-kit.js').PekoPayPublicConfig | null>} */
const loading = loadPayCheckout(byId('load-status'));
/** @type {{ cartId: string, currency: string, lines: any[], subtotal: number, taxes: any[], total: number, amountMinor: number, savedCards?: { last4: string, cardType: string, default?: boolean }[] } | undefined} */
let cart;
/** @type {import('./demo-kit.js').PayCheckoutElement | undefined} */
let checkout;

/** @param {{ sku: string, name: string, description: string, price: number, currency: string }[]} products */
function renderCart(products) {
  const rows = products.map((product) => {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    const title = Object.assign(document.createElement('span'), { className: 'product-name', textContent: product.name });
    const meta = Object.assign(document.createElement('span'), { className: 'product-meta', textContent: product.description });
    name.append(title, meta);
    const price = document.createElement('td');
    price.textContent = money(product.price, product.currency);
    const quantity = document.createElement('td');
    const input = Object.assign(document.createElement('input'), {
      type: 'number',
      min: '0',
      max: '99',
      value: String(START_QUANTITIES[product.sku] ?? 0),
      name: product.sku,
      className: 'quantity',
    });
    input.setAttribute('aria-label', `Quantity of ${product.name}`);
    quantity.append(input);
    row.append(name, price, quantity);
    return row;
  });
  byId('cart-lines').replaceChildren(...rows);
}

/** @param {NonNullable<typeof cart>} priced */
function renderTotals(priced) {
  const rows = [
    ...priced.lines.map((line) => [`${line.name} × ${line.quantity}`, line.amount]),
    ['Subtotal', priced.subtotal],
    ...priced.taxes.map((tax) => [`${tax.name} ${tax.rate} %`, tax.amount]),
    ['Total', priced.total],
  ];
  byId('totals').replaceChildren(
    ...rows.flatMap(([label, amount]) => {
      const term = document.createElement('dt');
      term.textContent = String(label);
      const value = document.createElement('dd');
      value.textContent = money(Number(amount), priced.currency);
      return [term, value];
    }),
  );
}

/** @param {SubmitEvent} event */
async function continueToPayment(event) {
  event.preventDefault();
  cartError.textContent = '';
  const data = new FormData(form);
  const items = [...form.querySelectorAll('input.quantity')]
    .map((input) => ({
      sku: /** @type {HTMLInputElement} */ (input).name,
      quantity: Number(/** @type {HTMLInputElement} */ (input).value),
    }))
    .filter((item) => item.quantity > 0);
  if (!items.length) {
    cartError.textContent = 'Add at least one product.';
    return;
  }
  const customer = { email: data.get('email'), firstname: data.get('firstname'), lastname: data.get('lastname') };
  const answer = await callBackend('POST', '/api/pekopay/cart', { items, customer });
  if (!answer.ok) {
    cartError.textContent = answer.body?.message ?? 'The cart could not be priced.';
    return;
  }
  cart = answer.body;
  renderTotals(/** @type {NonNullable<typeof cart>} */ (cart));
  form.hidden = true;
  payment.hidden = false;
  byId('payment-title').focus();
  await mountCheckout();
}

async function mountCheckout() {
  const config = await loading;
  if (!config || !cart) return;
  checkout?.remove();
  checkout = createPekoPayElement(config, {
    amount: String(cart.amountMinor),
    currency: cart.currency,
    // A returning customer chooses a saved card (the default preselected) or "Use a new card".
    ...(cart.savedCards?.length ? { cards: JSON.stringify(cart.savedCards) } : {}),
  });
  logElementEvents(checkout, events);
  checkout.addEventListener('pay-token', (event) => placeOrder(/** @type {CustomEvent} */ (event).detail));
  byId('load-status')?.remove();
  slot.append(checkout);
}

/** @param {{ paymentToken: string, card: { last4: string, cardType: string } | null, savedCard: boolean, idempotencyKey: string }} detail */
async function placeOrder({ paymentToken, card, savedCard, idempotencyKey }) {
  if (!cart) return;
  payError.textContent = 'Placing your order…';
  // The seed's payload; the element's key makes a retried request one order, not two charges.
  const answer = await callBackend(
    'POST',
    '/api/pekopay/checkout/complete',
    // A saved card has no token: the backend makes it the default card and charges it.
    savedCard ? { savedCard: card, cartId: cart.cartId } : { paymentToken, cartId: cart.cartId },
    { 'Idempotency-Key': idempotencyKey },
  );
  if (!answer.ok) {
    payError.textContent = `${answer.body?.message ?? 'The order failed.'} (${answer.body?.error ?? answer.status})`;
    checkout?.reset(); // a fresh token for the next attempt: this one is spent
    return;
  }
  payError.textContent = '';
  showConfirmation(answer.body.order, answer.body.transaction);
}

/**
 * @param {any} order
 * @param {any} transaction
 */
async function showConfirmation(order, transaction) {
  payment.hidden = true;
  checkout?.remove();
  byId('order-id').textContent = order.orderId;
  byId('transaction-id').textContent = order.transactionId;
  byId('transaction-status').textContent = transaction.status;
  byId('order-total').textContent = money(order.total, order.currency);
  byId('order-card').textContent = `${order.card.cardType} ending in ${order.card.cardLastFourDigits}`;
  const confirmation = byId('confirmation');
  confirmation.hidden = false;
  byId('confirmation-title').focus();
  // PekoPay's webhook reaches the backend on its own schedule: show when it has.
  for (let check = 0; check < WEBHOOK_CHECKS; check++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const latest = await callBackend('GET', `/api/pekopay/orders/${encodeURIComponent(order.orderId)}`);
    if (latest.ok && latest.body.order.confirmedByWebhook) {
      byId('order-webhook').textContent = 'yes — transaction.succeeded, signature verified';
      return;
    }
  }
}

form.addEventListener('submit', continueToPayment);
byId('edit-cart').addEventListener('click', () => {
  checkout?.remove();
  checkout = undefined;
  payment.hidden = true;
  form.hidden = false;
  /** @type {HTMLElement} */ (form.querySelector('input'))?.focus();
});

const catalog = await callBackend('GET', '/api/pekopay/catalog');
if (catalog.ok) renderCart(catalog.body.products);
else cartError.textContent = 'The shop backend did not answer. Is `npm start` running?';
