// The demo shop's PekoPay side, shared by its route modules: the PekoPay client, the shop's own "database"
// (carts, orders with PekoPay's transaction id, subscribed accounts, idempotency keys, webhooks seen), what it
// reads from the browser, and what the browser may learn when PekoPay says no.
// @ts-check
import { PekoPayClient, PekoPayError } from 'pay-checkout/server';
import { BoundedMap } from '../../sandbox/shared/bounded.mjs';
import { HttpError } from '../../sandbox/shared/http.mjs';
import { catalogAt } from './catalog.mjs';

const KEY = /^[\x21-\x7e]{1,200}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** How many of each thing (carts, orders, accounts, idempotency keys, webhook ids) the shop keeps in memory. */
const MAX_KEPT = 1000;
/** How many webhook events an account keeps. */
export const MAX_ACCOUNT_EVENTS = 100;
const TOKEN_CODES = ['invalid_session_token', 'token_expired', 'token_used', 'token_not_tokenized'];

/**
 * @typedef {{ email: string, firstname: string, lastname: string, type: 'INDIVIDUAL' }} ShopCustomer
 * @typedef {{ cartId: string, customer: ShopCustomer, items: { sku: string, quantity: number }[], price: ReturnType<typeof import('./catalog.mjs').priceCart>, orderKey?: string, orderId?: string }} Cart
 * @typedef {{ cardLastFourDigits: string, cardType: any }} PekoPayCardRef
 */

/**
 * @param {{ baseUrl: string, config: import('../pekopay-backend.mjs').PekoPayConfig, activity: import('../activity.mjs').ActivityLog, upstreamTimeoutMs: number }} options
 */
export function createShop({ baseUrl, config, activity, upstreamTimeoutMs }) {
  const client = new PekoPayClient({ ...config, baseUrl, fetch: activity.loggingFetch('pekopay', baseUrl), timeout: upstreamTimeoutMs });
  return {
    client,
    baseUrl,
    isSandbox: baseUrl.includes('/sandbox/'),
    activity,
    withCatalog: catalogAt(client),
    // The demo's "database" is memory: each map keeps the last MAX_KEPT, the oldest forgotten first.
    /** @type {BoundedMap<string, Cart>} */
    carts: new BoundedMap({ max: MAX_KEPT }),
    /** @type {BoundedMap<string, Record<string, any>>} */
    orders: new BoundedMap({ max: MAX_KEPT }),
    /** Idempotency: the client's key → the order being or already placed under it. */
    /** @type {BoundedMap<string, { cartId: string, placing: Promise<{ order: Record<string, any>, transaction: unknown }> }>} */
    ordersByKey: new BoundedMap({ max: MAX_KEPT }),
    /** @type {BoundedMap<string, Record<string, any>>} */
    accounts: new BoundedMap({ max: MAX_KEPT }),
    /** @type {BoundedMap<string, { email: string, plan: string, signing: Promise<{ subscription: any, account: Record<string, any> }> }>} */
    signupsByKey: new BoundedMap({ max: MAX_KEPT }),
    /** The `X-Webhook-Id`s received, to acknowledge a redelivery once. @type {BoundedMap<string, true>} */
    seenWebhooks: new BoundedMap({ max: MAX_KEPT }),
  };
}

/** @typedef {ReturnType<typeof createShop>} Shop */

/**
 * @param {Record<string, any>} source
 * @param {string} field
 * @param {{ max?: number, pattern?: RegExp }} [rules]
 */
export function requireString(source, field, { max = 200, pattern } = {}) {
  const value = source?.[field];
  if (typeof value !== 'string' || !value.trim() || value.length > max || (pattern && !pattern.test(value.trim()))) {
    throw new HttpError(400, 'validation_error', `${field} is missing or not valid.`, { field });
  }
  return value.trim();
}

/**
 * @param {Record<string, any>} body
 * @returns {ShopCustomer}
 */
export function customerOf(body) {
  const customer = body.customer ?? {};
  return {
    email: requireString(customer, 'email', { max: 254, pattern: EMAIL }).toLowerCase(),
    firstname: requireString(customer, 'firstname', { max: 100 }),
    lastname: requireString(customer, 'lastname', { max: 100 }),
    type: 'INDIVIDUAL',
  };
}

/**
 * The saved card a `pay-token` named (`{ last4, cardType }`), as PekoPay names cards.
 * @param {any} card
 * @returns {PekoPayCardRef}
 */
export function savedCardOf(card) {
  const last4 = requireString(card ?? {}, 'last4', { max: 4, pattern: /^\d{4}$/ });
  const cardType = requireString(card ?? {}, 'cardType', { max: 20, pattern: /^[A-Z_]+$/ });
  return { cardLastFourDigits: last4, cardType };
}

/**
 * The idempotency key the browser sent (`pay-token`'s `idempotencyKey`), if any.
 * @param {import('node:http').IncomingMessage} req
 */
export function idempotencyKeyOf(req) {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new HttpError(400, 'validation_error', 'Idempotency-Key must be 1 to 200 visible characters.', { field: 'Idempotency-Key' });
  }
  return key;
}

/**
 * What the browser may learn from a failed PekoPay call: never credentials, never our configuration.
 * @param {unknown} error
 */
export function forBrowser(error) {
  if (!(error instanceof PekoPayError)) return error;
  if (error.status === 402) {
    const transaction = /** @type {any} */ (error.body)?.transaction;
    return new HttpError(402, 'payment_declined', 'The card was declined. Try another card.', { transactionId: transaction?.id });
  }
  // 410, not 409: the element takes it as final, lets the token go and starts over (a 409 it would post again).
  if (TOKEN_CODES.includes(error.code)) {
    return new HttpError(410, error.code, 'This payment can no longer be charged. Enter your card again.', { field: 'paymentToken' });
  }
  if (error.status === 404) return new HttpError(404, error.code, error.message);
  if (error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403) {
    return new HttpError(422, error.code, error.message, { field: error.field });
  }
  return new HttpError(502, 'provider_unavailable', 'PekoPay could not be reached. Try again in a moment.');
}

/**
 * Runs a PekoPay call, its failure told to the browser as `forBrowser` says.
 * @template T
 * @param {() => Promise<T>} call
 * @returns {Promise<T>}
 */
export async function toBrowser(call) {
  try {
    return await call();
  } catch (error) {
    throw forBrowser(error);
  }
}

/**
 * A charge, retried once with the same idempotency key when PekoPay did not answer or failed on its side:
 * the key makes the retry safe (no second charge).
 * @template T
 * @param {() => Promise<T>} charge
 */
export async function chargeWithRetry(charge) {
  try {
    return await charge();
  } catch (error) {
    if (error instanceof PekoPayError && error.retryable) return charge();
    throw error;
  }
}
