// Paiwise checkouts, request by request from the Neuro-Pay Checkout API document: create (a saved card pays at
// once), retrieve, capture, refund, update, and delete (revoke) one that is still open.
// @ts-check
import { check, findBy } from './api.mjs';
import {
  applyMetaData,
  checkoutJson,
  invalidStatus,
  newId,
  nowIso,
  OPEN,
  PAGES,
  pagesOrigin,
  readMetaData,
  settle,
  touch,
} from './model.mjs';

/** As the document spells them ("fraudolent" included). */
export const REFUND_REASONS = ['duplicate', 'requested_by_customer', 'fraudolent'];
const MAX_AMOUNT = 99_999_999;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * @typedef {import('./model.mjs').PaiwiseStore} PaiwiseStore
 * @typedef {import('./model.mjs').Checkout} Checkout
 */

/**
 * The customer and saved card a checkout names, if any; problems reported into `checked`.
 * @param {PaiwiseStore} store
 * @param {import('../../shared/validate.mjs').Validator} checked
 */
function savedCardOf(store, checked) {
  const customerId = checked.string('customer_id', { max: 100 });
  const customer = customerId === undefined ? undefined : store.customers.get(customerId);
  if (customerId !== undefined && !customer) checked.fail('customer_id', `"${customerId}" is not a customer.`, 'unknown');
  const cardId = checked.string('card_id', { max: 100 });
  const savedCard = cardId === undefined ? undefined : customer?.savedCards.find((card) => card.card_id === cardId);
  if (cardId !== undefined && customerId === undefined) {
    checked.fail('card_id', 'needs customer_id: the card must be one of that customer’s saved cards.');
  } else if (cardId !== undefined && customer && !savedCard) {
    checked.fail('card_id', `"${cardId}" is not a saved card of customer "${customerId}".`, 'unknown');
  }
  return { customerId: customerId ?? null, cardId: cardId ?? null, savedCard };
}

/**
 * `create`: a new checkout, `created` (or paid at once with a saved card: the document's "automatic payment").
 * @param {PaiwiseStore} store
 * @param {Record<string, any>} body
 * @param {import('node:http').IncomingMessage} req
 */
function create(store, body, req) {
  const checked = check(body);
  const identifier = checked.string('identifier', { max: 100 });
  const amount = /** @type {number} */ (checked.integer('amount', { required: true, min: 1, max: MAX_AMOUNT, unit: ' in minor units' }));
  const currency = checked.string('currency', { required: true, max: 3 })?.toUpperCase();
  if (currency !== undefined && !CURRENCIES.has(currency)) checked.fail('currency', 'must be an ISO 4217 code such as SEK, EUR or USD.');
  const message = /** @type {string} */ (checked.string('message', { required: true, max: 500 }));
  const capture = checked.boolean('capture', true);
  const allowSaveCard = checked.boolean('allowSaveCard', true);
  const returnUrl = /** @type {string} */ (checked.url('returnUrl', { required: true }));
  const returnUrlCancel = /** @type {string} */ (checked.url('returnUrlCancel', { required: true }));
  const template = checked.string('template', { max: 20, oneOf: ['iframe'] }) === 'iframe' ? 'iframe' : null;
  const { customerId, cardId, savedCard } = savedCardOf(store, checked);
  const metaData = readMetaData(checked, false);
  checked.done();

  const checkoutId = newId();
  const created = nowIso();
  /** @type {Checkout} */
  const checkout = {
    checkout_id: checkoutId,
    identifier: identifier ?? checkoutId,
    status: 'created',
    amount,
    currency: /** @type {string} */ (currency),
    message,
    capture,
    allowSaveCard,
    returnUrl,
    returnUrlCancel,
    customer_id: customerId,
    card_id: cardId,
    template,
    metaData: applyMetaData({}, metaData),
    url: `${pagesOrigin(req)}${PAGES}/checkout.html?checkout_id=${checkoutId}`,
    card: null,
    amount_refunded: 0,
    refunds: [],
    created_at: created,
    updated_at: created,
  };
  // A saved card pays at once: the "automatic payment" of the document; the payer never sees the page.
  if (savedCard) settle(checkout, savedCard);
  store.checkouts.set(checkoutId, checkout);
  return checkoutJson(checkout);
}

/**
 * `refund`: all that is left by default; a reservation is released in full.
 * @param {Checkout} checkout
 * @param {Record<string, any>} body
 */
function refund(checkout, body) {
  if (!['paid', 'partialRefund', 'reserved'].includes(checkout.status)) {
    throw invalidStatus(checkout, 'refunded (only "paid", "partialRefund" and "reserved" can)');
  }
  const refundable = checkout.amount - checkout.amount_refunded;
  const checked = check(body);
  const amount = checked.integer('amount', { min: 1, max: refundable, fallback: refundable, unit: ' (what is left to refund)' }) ?? 0;
  if (amount && checkout.status === 'reserved' && amount !== refundable) {
    checked.fail('amount', `must be left out or ${refundable}: a reservation is released in full.`);
  }
  const reason = checked.string('reason', { max: 40, oneOf: REFUND_REASONS });
  const refundDetails = checked.string('refundDetails', { max: 1000 });
  checked.done();
  checkout.refunds.push({ amount, reason: reason ?? null, refundDetails: refundDetails ?? null, created_at: nowIso() });
  if (checkout.status === 'reserved') checkout.status = 'reserve released';
  else {
    checkout.amount_refunded += amount;
    checkout.status = checkout.amount_refunded === checkout.amount ? 'refunded' : 'partialRefund';
  }
  touch(checkout);
  return checkoutJson(checkout);
}

/**
 * @param {import('./api.mjs').ApiRoutes} routes
 * @param {PaiwiseStore} store
 */
export function registerCheckoutRoutes(routes, store) {
  /** @param {Record<string, unknown>} body */
  const checkoutOf = (body) => findBy(store.checkouts, body, 'checkout');

  routes.on('create', (body, req) => create(store, body, req));

  routes.on('retrieve', (body) => checkoutJson(checkoutOf(body)));

  routes.on('capture', (body) => {
    const checkout = checkoutOf(body);
    if (checkout.status !== 'reserved') throw invalidStatus(checkout, 'captured (only "reserved" can)');
    checkout.status = 'paid';
    touch(checkout);
    return checkoutJson(checkout);
  });

  routes.on('refund', (body) => refund(checkoutOf(body), body));

  routes.on('update', (body) => {
    const checkout = checkoutOf(body);
    const checked = check(body);
    const pairs = readMetaData(checked, true);
    checked.done();
    applyMetaData(checkout.metaData, pairs);
    touch(checkout);
    return checkoutJson(checkout);
  });

  routes.on('delete', (body) => {
    const checkout = checkoutOf(body);
    if (!OPEN.includes(checkout.status)) throw invalidStatus(checkout, 'deleted (only "created" and "failed" can)');
    checkout.status = 'revoked';
    touch(checkout);
    return checkoutJson(checkout);
  });
}
