// The Reepay stand-in's charge lifecycle after the checkout: settle and cancel a charge, refund it, and list a
// customer's saved payment methods, as Reepay's API answers them. Shares reepay.mjs's store and error shape.
// @ts-check
import { sendJson } from './http.mjs';
import {
  api,
  chargeOf,
  existingCustomer,
  existingInvoice,
  hex,
  integerOf,
  invalidParameter,
  iso,
  optionalString,
  readReepayJson,
  ReepayError,
} from './reepay.mjs';

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
 * Registers `POST /v1/charge/:handle/settle`, `POST /v1/charge/:handle/cancel`, `POST /v1/refund` and
 * `GET /v1/customer/:handle/payment_method` under `apiBase`.
 * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
 * @param {{ apiBase: string, store: import('./reepay.mjs').ReepayStore }} options
 */
export function registerReepayChargeRoutes(router, { apiBase, store }) {
  router.on('POST', `${apiBase}/v1/charge/:handle/settle`, api(async ({ req, res }, { handle }) => {
    const body = await readReepayJson(req);
    const invoice = existingInvoice(store, handle);
    if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled');
    if (invoice.state !== 'authorized') throw new ReepayError(400, 106, 'Invoice must be authorized', `The charge is ${invoice.state}.`);
    const amount = amountUpTo(body.amount, invoice.amount, new ReepayError(400, 102, 'Amount higher than authorized amount'));
    Object.assign(invoice, { state: 'settled', settled: iso(store), settled_amount: amount });
    sendCharge(res, invoice);
  }));

  router.on('POST', `${apiBase}/v1/charge/:handle/cancel`, api(async ({ req, res }, { handle }) => {
    await readReepayJson(req);
    const invoice = existingInvoice(store, handle);
    if (invoice.state === 'cancelled') throw new ReepayError(400, 29, 'Invoice already cancelled');
    if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled', 'Refund a settled charge instead.');
    Object.assign(invoice, { state: 'cancelled', cancelled: iso(store) });
    sendCharge(res, invoice);
  }));

  router.on('POST', `${apiBase}/v1/refund`, api(async ({ req, res }) => {
    const body = await readReepayJson(req);
    if (typeof body.invoice !== 'string') throw invalidParameter('invoice is required (the charge handle).');
    const invoice = existingInvoice(store, body.invoice);
    const key = optionalString(body.key, 'key', 255);
    const replay = key && store.idempotent.get(`refund\n${invoice.handle}\n${key}`);
    if (replay) return void sendJson(res, 200, replay);
    if (invoice.state !== 'settled') throw new ReepayError(400, 64, 'Invoice not settled', `The charge is ${invoice.state}.`);
    const left = (invoice.settled_amount ?? invoice.amount) - (invoice.refunded_amount ?? 0);
    const amount = amountUpTo(body.amount, left, new ReepayError(400, 65, 'Refund amount too high', `At most ${left} can be refunded.`));
    if (amount < 1) throw new ReepayError(400, 65, 'Refund amount too high', 'Nothing is left to refund.');
    invoice.refunded_amount = (invoice.refunded_amount ?? 0) + amount;
    const refund = {
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
    if (key) store.idempotent.set(`refund\n${invoice.handle}\n${key}`, refund);
    sendJson(res, 200, refund);
  }));

  router.on('GET', `${apiBase}/v1/customer/:handle/payment_method`, api(({ res }, { handle }) => {
    const customer = existingCustomer(store, handle);
    const cards = [...store.paymentMethods.values()]
      .filter((card) => card.customer === customer.handle)
      .map(({ emptyAccount, ...visible }) => visible);
    sendJson(res, 200, { cards });
  }));
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {import('./reepay.mjs').Invoice} invoice
 */
const sendCharge = (res, invoice) => sendJson(res, 200, chargeOf(invoice));
