// Reepay's charge API: charge a saved card (`ca_…`) merchant-initiated, read a charge (a checkout's invoice too),
// settle, cancel and refund it. `key` makes a charge or a refund idempotent.
// @ts-check
import { sendJson } from '../../shared/http.mjs';
import { api, handleOf, integerOf, invalidParameter, optionalBoolean, optionalString, readReepayJson, ReepayError } from './api.mjs';
import { chargeOf, existingInvoice, invoiceFromOrder, pay, sourceOf } from './invoices.mjs';
import { hex, iso } from './store.mjs';

/** @typedef {import('./store.mjs').ReepayStore} ReepayStore */

/**
 * An optional amount from 1 to `max` (minor units); `max` when left out.
 * @param {unknown} value
 * @param {number} max
 * @param {ReepayError} tooHigh
 */
function amountUpTo(value, max, tooHigh) {
  if (value === undefined || value === null) return max;
  const amount = integerOf(value, 'amount', 1);
  if (amount > max) throw tooHigh;
  return amount;
}

/**
 * `POST /v1/charge` `{ handle, amount | order_lines, source: "ca_…", … }`: the charge, `failed` (with `error`)
 * when the card cannot pay.
 * @param {ReepayStore} store
 * @param {Record<string, any>} body
 */
function charge(store, body) {
  const handle = handleOf(body.handle, 'handle');
  const key = optionalString(body.key, 'key', 255);
  const replay = key && store.idempotent.get(`${handle}\n${key}`);
  if (replay) return replay;
  if (typeof body.source !== 'string' || !body.source) throw invalidParameter('source is required (a saved payment method ca_…).');
  if (!body.source.startsWith('ca_')) throw invalidParameter('The sandbox charges saved cards (ca_…) only.');
  const card = store.paymentMethods.get(body.source);
  if (!card) throw new ReepayError(404, 40, 'Payment method not found', `No payment method "${body.source}".`);
  const settle = optionalBoolean(body.settle, 'settle') ?? false;
  const invoice = invoiceFromOrder(store, body, store.customers.get(card.customer));
  if (card.emptyAccount) {
    Object.assign(invoice, {
      state: 'failed',
      error: 'insufficient_funds',
      error_state: 'soft_declined',
      transaction: hex(),
      source: sourceOf(card),
    });
  } else {
    pay(store, invoice, sourceOf(card), settle);
  }
  const result = chargeOf(invoice);
  if (key) store.idempotent.set(`${handle}\n${key}`, result);
  return result;
}

/**
 * `POST /v1/refund` `{ invoice, amount?, key? }`: all that is left by default.
 * @param {ReepayStore} store
 * @param {Record<string, any>} body
 */
function refund(store, body) {
  if (typeof body.invoice !== 'string') throw invalidParameter('invoice is required (the charge handle).');
  const invoice = existingInvoice(store, body.invoice);
  const key = optionalString(body.key, 'key', 255);
  const replay = key && store.idempotent.get(`refund\n${invoice.handle}\n${key}`);
  if (replay) return replay;
  if (invoice.state !== 'settled') throw new ReepayError(400, 64, 'Invoice not settled', `The charge is ${invoice.state}.`);
  const left = (invoice.settled_amount ?? invoice.amount) - (invoice.refunded_amount ?? 0);
  const amount = amountUpTo(body.amount, left, new ReepayError(400, 65, 'Refund amount too high', `At most ${left} can be refunded.`));
  if (amount < 1) throw new ReepayError(400, 65, 'Refund amount too high', 'Nothing is left to refund.');
  invoice.refunded_amount = (invoice.refunded_amount ?? 0) + amount;
  const result = {
    id: hex(),
    state: 'refunded',
    invoice: invoice.handle,
    amount,
    currency: invoice.currency,
    transaction: hex(),
    type: 'card',
    created: iso(store),
    credit_note_id: `cn-${hex(8)}`,
  };
  if (key) store.idempotent.set(`refund\n${invoice.handle}\n${key}`, result);
  return result;
}

/**
 * Registers the charge API under `apiBase`.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ apiBase: string, store: ReepayStore }} options
 */
export function registerChargeRoutes(router, { apiBase, store }) {
  router.on(
    'POST',
    `${apiBase}/v1/charge`,
    api(async ({ req, res }) => sendJson(res, 200, charge(store, await readReepayJson(req)))),
  );

  router.on(
    'GET',
    `${apiBase}/v1/charge/:handle`,
    api(({ res }, { handle }) => sendCharge(res, existingInvoice(store, handle))),
  );

  router.on(
    'POST',
    `${apiBase}/v1/charge/:handle/settle`,
    api(async ({ req, res }, { handle }) => {
      const body = await readReepayJson(req);
      const invoice = existingInvoice(store, handle);
      if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled');
      if (invoice.state !== 'authorized') throw new ReepayError(400, 106, 'Invoice must be authorized', `The charge is ${invoice.state}.`);
      const amount = amountUpTo(body.amount, invoice.amount, new ReepayError(400, 102, 'Amount higher than authorized amount'));
      Object.assign(invoice, { state: 'settled', settled: iso(store), settled_amount: amount });
      sendCharge(res, invoice);
    }),
  );

  router.on(
    'POST',
    `${apiBase}/v1/charge/:handle/cancel`,
    api(async ({ req, res }, { handle }) => {
      await readReepayJson(req);
      const invoice = existingInvoice(store, handle);
      if (invoice.state === 'cancelled') throw new ReepayError(400, 29, 'Invoice already cancelled');
      if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled', 'Refund a settled charge instead.');
      Object.assign(invoice, { state: 'cancelled', cancelled: iso(store) });
      sendCharge(res, invoice);
    }),
  );

  router.on(
    'POST',
    `${apiBase}/v1/refund`,
    api(async ({ req, res }) => sendJson(res, 200, refund(store, await readReepayJson(req)))),
  );
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {import('./store.mjs').Invoice} invoice
 */
const sendCharge = (res, invoice) => sendJson(res, 200, chargeOf(invoice));
