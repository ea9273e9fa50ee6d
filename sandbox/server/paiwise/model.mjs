// The Paiwise stand-in's data: checkouts and customers as the Neuro-Pay Checkout API document describes them,
// their statuses, metaData, where a payer returns to, and how the API shows them.
// @ts-check
import { randomBytes } from 'node:crypto';
import { OFFLINE_CHECKOUT } from '../../paiwise/pay/offline-api.js';
import { BoundedMap, SANDBOX_MAX_ENTRIES } from '../../shared/bounded.mjs';
import { HttpError } from '../../shared/http.mjs';
import { isObject } from '../../shared/validate.mjs';

export const PAIWISE_BASE = '/sandbox/paiwise';
/** Where the hosted pages and their public endpoints live (on the sandbox origin, 127.0.0.1). */
export const PAGES = `${PAIWISE_BASE}/pay`;

export const CHECKOUT_STATUSES = /** @type {const} */ ([
  'created',
  'reserved',
  'reserve released',
  'paid',
  'refunded',
  'partialRefund',
  'revoked',
  'failed',
  'canceled',
]);
/** @typedef {typeof CHECKOUT_STATUSES[number]} CheckoutStatus */

/** A payer may (re)try paying or cancel only while nothing has been paid. */
export const OPEN = ['created', 'failed'];
/** After these the payer is sent to `returnUrl`. */
const SETTLED = ['reserved', 'reserve released', 'paid', 'refunded', 'partialRefund'];
const MAX_METADATA_KEYS = 50;

/**
 * @typedef {Record<string, string | number | boolean>} MetaData
 * @typedef {[string, string | number | boolean | null][]} MetaDataPairs
 * @typedef {{ card_id: string, brand: string, last4: string, expiry: string, default: boolean }} SavedCard
 * @typedef {{ amount: number, reason: string | null, refundDetails: string | null, created_at: string }} Refund
 * @typedef {object} Checkout
 * @property {string} checkout_id
 * @property {string} identifier
 * @property {CheckoutStatus} status
 * @property {number} amount
 * @property {string} currency
 * @property {string} message
 * @property {boolean} capture
 * @property {boolean} allowSaveCard
 * @property {string} returnUrl
 * @property {string} returnUrlCancel
 * @property {string | null} customer_id
 * @property {string | null} card_id
 * @property {'iframe' | null} template
 * @property {MetaData} metaData
 * @property {string} url the hosted checkout page
 * @property {{ brand: string, last4: string } | null} card never the number or the CVC
 * @property {number} amount_refunded
 * @property {Refund[]} refunds
 * @property {string} created_at
 * @property {string} updated_at
 * @property {boolean} [paying] a payment is in flight (the slow test card)
 * @typedef {object} Customer
 * @property {string} customer_id
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} email
 * @property {MetaData} metaData
 * @property {string} client_page
 * @property {SavedCard[]} savedCards
 * @property {string} created_at
 * @property {string} clientToken the client page's credential, apart from the id merchants pass around
 */

/**
 * @param {{ maxEntries?: number }} [options] how many checkouts and customers it keeps, the oldest forgotten first
 */
export function createPaiwiseStore({ maxEntries = SANDBOX_MAX_ENTRIES } = {}) {
  const store = {
    /** @type {BoundedMap<string, Checkout>} */
    checkouts: new BoundedMap({ max: maxEntries }),
    /** @type {BoundedMap<string, Customer>} */
    customers: new BoundedMap({ max: maxEntries }),
    clear() {
      store.checkouts.clear();
      store.customers.clear();
    },
  };
  return store;
}

/** @typedef {ReturnType<typeof createPaiwiseStore>} PaiwiseStore */

/** A new id; never one of the hosted page's offline shape, so an offline id can never reach a real checkout. */
export function newId() {
  let id;
  do id = randomBytes(16).toString('hex');
  while (OFFLINE_CHECKOUT.test(id));
  return id;
}
export const nowIso = () => new Date().toISOString();

/** @param {Checkout} checkout */
export function touch(checkout) {
  checkout.updated_at = nowIso();
}

/**
 * Marks a checkout paid or reserved with `card`, as a successful payment does.
 * @param {Checkout} checkout
 * @param {{ brand: string, last4: string }} card
 */
export function settle(checkout, card) {
  checkout.status = checkout.capture ? 'paid' : 'reserved';
  checkout.card = { brand: card.brand, last4: card.last4 };
  touch(checkout);
}

/**
 * @param {Checkout} checkout
 * @param {string} action what was tried, for the message
 */
export const invalidStatus = (checkout, action) =>
  new HttpError(409, 'invalid_status', `A checkout with status "${checkout.status}" cannot be ${action}.`, { status: checkout.status });

/**
 * metaData as the document describes it: a key-value object, a "key value pair array" (`[{ key, value }]` or
 * `[[key, value]]`), or, for update, a string holding a JSON object. Values are strings, numbers or booleans;
 * an empty value ("" or null) means "delete this key".
 * @param {import('../../shared/validate.mjs').Validator} check
 * @param {boolean} required
 * @returns {MetaDataPairs}
 */
export function readMetaData(check, required) {
  if (check.missing('metaData')) return check.absent('metaData', required, []) ?? [];
  let source = check.source.metaData;
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source);
    } catch {
      source = undefined;
    }
  }
  /** @type {unknown[][] | undefined} */
  let pairs;
  if (isObject(source)) pairs = Object.entries(source);
  else if (Array.isArray(source))
    pairs = source.map((item) => (isObject(item) ? [item.key, item.value] : Array.isArray(item) ? item : [undefined]));
  const valid =
    pairs !== undefined &&
    pairs.length <= MAX_METADATA_KEYS &&
    pairs.every(
      ([key, entry]) =>
        typeof key === 'string' &&
        key.length > 0 &&
        key.length <= 40 &&
        (entry === null || ['string', 'number', 'boolean'].includes(typeof entry)) &&
        String(entry).length <= 500,
    );
  if (valid) return /** @type {MetaDataPairs} */ (pairs);
  check.fail(
    'metaData',
    `must be key-value pairs (an object, or an array of { key, value }): at most ${MAX_METADATA_KEYS} keys of up to 40 characters, values up to 500.`,
  );
  return [];
}

/**
 * @param {MetaData} target
 * @param {MetaDataPairs} pairs
 */
export function applyMetaData(target, pairs) {
  for (const [key, value] of pairs) {
    if (value === null || value === '') delete target[key];
    else target[key] = value;
  }
  return target;
}

/**
 * The sandbox origin that serves the hosted pages: 127.0.0.1 on the port the API was called on, so that the
 * pages are another origin than the shop's (localhost) even when the API was called through localhost.
 * @param {import('node:http').IncomingMessage} req
 */
export function pagesOrigin(req) {
  const host = /^[A-Za-z0-9.\-[\]:]+$/.test(req.headers.host ?? '') ? String(req.headers.host) : '127.0.0.1';
  const local = /^(?:localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.exec(host);
  return local ? `http://127.0.0.1${local[1] ?? ''}` : `http://${host}`;
}

/**
 * Where the payer goes once the checkout is settled or canceled: `returnUrl` / `returnUrlCancel` with
 * `checkout_id` and `status` added to its query, or, `bare`, as it was created (the document does not promise
 * the parameters: the `return_params=none` switch of the hosted page). Null while the checkout is still open (or
 * revoked).
 * @param {Checkout} checkout
 * @param {boolean} [bare]
 */
export function returnLocation(checkout, bare = false) {
  const canceled = checkout.status === 'canceled';
  if (!canceled && !SETTLED.includes(checkout.status)) return null;
  const url = new URL(canceled ? checkout.returnUrlCancel : checkout.returnUrl);
  if (bare) return url.href;
  url.searchParams.set('checkout_id', checkout.checkout_id);
  url.searchParams.set('status', checkout.status);
  return url.href;
}

/**
 * The checkout object as the API returns it, in its current state.
 * @param {Checkout} checkout
 */
export function checkoutJson(checkout) {
  const { paying, ...fields } = checkout;
  return structuredClone(fields);
}

/**
 * The customer object; the document calls its page "Client_page", the provider's current reference `client_page`:
 * both are returned.
 * @param {Customer} customer
 * @param {{ deleted?: boolean }} [extra]
 */
export function customerJson(customer, extra = {}) {
  const { clientToken, ...fields } = customer;
  return { ...structuredClone(fields), Client_page: customer.client_page, ...extra };
}
