// The Reepay stand-in's customers, invoices (charges) and saved cards: created from a request's create-customer
// objects and orders, found by handle, paid, and shown as Reepay's API shows them.
// @ts-check
import { ACCOUNT_CURRENCY, handleOf, integerOf, invalidParameter, optionalString, orderLinesOf, ReepayError } from './api.mjs';
import { hex, iso } from './store.mjs';

/**
 * @typedef {import('./store.mjs').ReepayStore} ReepayStore
 * @typedef {import('./store.mjs').Customer} Customer
 * @typedef {import('./store.mjs').Invoice} Invoice
 * @typedef {import('./store.mjs').PaymentMethod} PaymentMethod
 */

const CARD_TYPES = /** @type {Record<string, string>} */ ({ VISA: 'visa', MASTERCARD: 'mc', AMEX: 'amex' });

/**
 * A create-customer object: the existing customer when its handle is known, else a new one.
 * @param {ReepayStore} store
 * @param {unknown} value
 * @param {string} name
 */
export function customerFrom(store, value, name) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter(`${name} must be an object.`);
  const input = /** @type {Record<string, unknown>} */ (value);
  let handle;
  if (input.handle !== undefined) handle = handleOf(input.handle, `${name}.handle`);
  else if (input.generate_handle === true) handle = `cust-${String(++store.customerSequence).padStart(4, '0')}`;
  else throw invalidParameter(`${name}.handle is required unless generate_handle is true.`);
  const existing = store.customers.get(handle);
  if (existing) return existing;
  /** @type {Customer} */
  const customer = {
    handle,
    email: optionalString(input.email, `${name}.email`, 255) ?? null,
    first_name: optionalString(input.first_name, `${name}.first_name`, 255) ?? null,
    last_name: optionalString(input.last_name, `${name}.last_name`, 255) ?? null,
    phone: optionalString(input.phone, `${name}.phone`, 64) ?? null,
    created: iso(store),
  };
  store.customers.set(handle, customer);
  return customer;
}

/**
 * @param {ReepayStore} store
 * @param {unknown} handle
 */
export function existingCustomer(store, handle) {
  const customer = store.customers.get(handleOf(handle, 'customer'));
  if (!customer) throw new ReepayError(404, 9, 'Customer not found', `No customer "${handle}".`);
  return customer;
}

/** An invoice can be paid only in these states. @param {Invoice} invoice */
export function assertPayable(invoice) {
  if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled');
  if (invoice.state === 'authorized') throw new ReepayError(400, 105, 'Invoice already authorized');
  if (invoice.state === 'cancelled') throw new ReepayError(400, 29, 'Invoice already cancelled');
}

/**
 * @param {ReepayStore} store
 * @param {unknown} handle
 */
export function existingInvoice(store, handle) {
  const invoice = store.invoices.get(handleOf(handle, 'invoice'));
  if (!invoice) throw new ReepayError(404, 16, 'Invoice not found', `No invoice or charge "${handle}".`);
  return invoice;
}

/**
 * The invoice an `order` (or a charge request) describes: a new one, or the existing unpaid one with its
 * handle, its amount adjusted. Exactly one of `amount` and `order_lines` for a new invoice.
 * @param {ReepayStore} store
 * @param {Record<string, any>} order
 * @param {Customer | undefined} impliedCustomer the saved card's owner, for charges
 */
export function invoiceFromOrder(store, order, impliedCustomer) {
  const handle = handleOf(order.handle, 'handle');
  const existing = store.invoices.get(handle);
  if (existing) assertPayable(existing);
  const hasAmount = order.amount !== undefined;
  const hasLines = order.order_lines !== undefined;
  if (hasAmount && hasLines) throw invalidParameter('Either amount or order_lines must be provided, not both.');
  if (!hasAmount && !hasLines && !existing) throw invalidParameter('Either amount or order_lines must be provided.');
  const ordertext = optionalString(order.ordertext, 'ordertext') ?? null;
  const currency = optionalString(order.currency, 'currency', 3);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw invalidParameter('currency must be an ISO 4217 code such as DKK.');
  let customer = impliedCustomer;
  if (order.customer !== undefined) customer = customerFrom(store, order.customer, 'customer');
  else if (order.customer_handle !== undefined) customer = existingCustomer(store, order.customer_handle);
  if (impliedCustomer && customer !== impliedCustomer) {
    throw invalidParameter('The customer does not own the payment method given as source.');
  }
  customer ??= existing ? store.customers.get(existing.customer) : undefined;
  if (!customer)
    throw new ReepayError(400, 18, 'Customer could not be determined', 'Give customer, customer_handle or a saved payment method.');
  if (existing && existing.customer !== customer.handle) throw invalidParameter('The customer of an existing invoice cannot be changed.');
  if (existing && currency && currency !== existing.currency)
    throw invalidParameter('The currency of an existing invoice cannot be changed.');
  const lines = hasLines
    ? orderLinesOf(order.order_lines)
    : hasAmount
      ? orderLinesOf([{ ordertext: ordertext ?? 'Order', amount: integerOf(order.amount, 'amount', 1) }])
      : /** @type {Invoice} */ (existing).order_lines;
  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  if (amount < 1) throw invalidParameter('The order total must be positive.');
  /** @type {Invoice} */
  const invoice = existing ?? {
    handle,
    state: 'created',
    customer: customer.handle,
    amount,
    currency: currency ?? ACCOUNT_CURRENCY,
    ordertext,
    order_lines: lines,
    created: iso(store),
  };
  Object.assign(invoice, { amount, order_lines: lines, ordertext: ordertext ?? invoice.ordertext });
  store.invoices.set(handle, invoice);
  return invoice;
}

/**
 * The charge object Reepay's charge API answers.
 * @param {Invoice} invoice
 */
export function chargeOf(invoice) {
  const { handle, state, customer, amount, currency, created, order_lines, ordertext, ...rest } = invoice;
  return {
    handle,
    state,
    customer,
    amount,
    currency,
    created,
    ...(rest.authorized ? { authorized: rest.authorized } : {}),
    ...(rest.settled ? { settled: rest.settled } : {}),
    ...(rest.transaction ? { transaction: rest.transaction } : {}),
    ...(rest.error ? { error: rest.error, error_state: rest.error_state } : {}),
    ...(rest.source ? { source: rest.source } : {}),
    ...(rest.recurring_payment_method ? { recurring_payment_method: rest.recurring_payment_method } : {}),
    ...(rest.cancelled ? { cancelled: rest.cancelled } : {}),
    order_lines,
    refunded_amount: rest.refunded_amount ?? 0,
    authorized_amount: state === 'authorized' || state === 'settled' ? amount : 0,
    settled_amount: state === 'settled' ? (rest.settled_amount ?? amount) : 0,
  };
}

/**
 * @param {PaymentMethod} card
 */
export const sourceOf = (card) => ({
  type: 'card',
  card: card.id,
  fingerprint: card.fingerprint,
  provider: 'reepay',
  card_type: card.card_type,
  exp_date: card.exp_date,
  masked_card: card.masked_card,
});

/**
 * Marks `invoice` paid with `card`: authorized, or settled when `settle`.
 * @param {ReepayStore} store
 * @param {Invoice} invoice
 * @param {PaymentMethod | Record<string, unknown>} source
 * @param {boolean} settle
 */
export function pay(store, invoice, source, settle) {
  const now = iso(store);
  Object.assign(invoice, {
    state: settle ? 'settled' : 'authorized',
    authorized: now,
    ...(settle ? { settled: now } : {}),
    transaction: hex(),
    source,
  });
  delete invoice.error;
  delete invoice.error_state;
}

/**
 * How Reepay shows a card a payer typed: its brand and masked number.
 * @param {import('../../shared/test-cards.js').CardAccepted} card
 */
export const cardOf = ({ brand, digits }) => ({
  card_type: CARD_TYPES[brand] ?? 'unknown',
  masked_card: `${digits.slice(0, 6)}XXXXXX${digits.slice(-4)}`,
});

/**
 * Saves a card a payer typed for `customer`.
 * @param {ReepayStore} store
 * @param {string} customer
 * @param {import('../../shared/test-cards.js').CardAccepted} accepted
 */
export function saveCard(store, customer, accepted) {
  /** @type {PaymentMethod} */
  const card = {
    id: `ca_${hex()}`,
    state: 'active',
    customer,
    ...cardOf(accepted),
    exp_date: accepted.expiry.replace('/', '-'),
    fingerprint: `cst_${hex()}`,
    created: iso(store),
    emptyAccount: accepted.declinesCharges,
  };
  store.paymentMethods.set(card.id, card);
  return card;
}
