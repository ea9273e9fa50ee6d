// The Reepay stand-in's memory: customers, invoices (charges), saved cards, subscriptions, checkout sessions and
// idempotent charge results, with the clock they are dated by.
// @ts-check
import { randomBytes } from 'node:crypto';
import { BoundedMap, SANDBOX_MAX_ENTRIES } from '../../shared/bounded.mjs';

/** How long a session is kept after it expired, answering `error.session.expired`; then it is forgotten (not found). */
export const EXPIRED_SESSION_KEPT_MS = 3_600_000;

/**
 * @typedef {object} Customer
 * @property {string} handle
 * @property {string | null} email
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {string | null} phone
 * @property {string} created
 *
 * @typedef {object} OrderLine
 * @property {string} id
 * @property {string} ordertext
 * @property {number} amount total of the line, VAT included
 * @property {number} vat
 * @property {number} quantity
 * @property {number} unit_amount VAT included
 * @property {number} amount_vat
 * @property {number} amount_ex_vat
 * @property {boolean} amount_defined_incl_vat
 *
 * @typedef {object} Invoice a charge: one per handle
 * @property {string} handle
 * @property {'created' | 'authorized' | 'settled' | 'failed' | 'cancelled'} state
 * @property {string} customer
 * @property {number} amount
 * @property {string} currency
 * @property {string | null} ordertext
 * @property {OrderLine[]} order_lines
 * @property {string} created
 * @property {string} [authorized]
 * @property {string} [settled]
 * @property {string} [transaction]
 * @property {string} [error]
 * @property {string} [error_state]
 * @property {Record<string, unknown>} [source]
 * @property {string} [recurring_payment_method]
 * @property {string} [cancelled]
 * @property {number} [settled_amount] less than `amount` after a partial settle
 * @property {number} [refunded_amount]
 *
 * @typedef {object} PaymentMethod
 * @property {string} id `ca_…`
 * @property {'active'} state
 * @property {string} customer
 * @property {string} card_type
 * @property {string} masked_card
 * @property {string} exp_date `MM-YY`
 * @property {string} fingerprint
 * @property {string} created
 * @property {boolean} emptyAccount charges with it fail (test card 4000 0000 0000 0341)
 *
 * @typedef {object} Subscription
 * @property {string} handle
 * @property {'pending' | 'active'} state
 * @property {string} plan
 * @property {string} customer
 * @property {string | null} payment_method
 * @property {string} created
 *
 * @typedef {object} Session
 * @property {string} id
 * @property {'charge' | 'recurring' | 'subscription'} type
 * @property {'created' | 'completed' | 'deleted'} state
 * @property {number} expiresAt epoch ms
 * @property {string} customer
 * @property {string} [invoice]
 * @property {string} [subscription]
 * @property {boolean} recurring a charge session that also saves the card
 * @property {boolean} settle
 * @property {string | null} accept_url
 * @property {string | null} cancel_url
 * @property {Record<string, string>} [result] the accept parameters once completed
 */

/**
 * @param {{ now?: () => number, maxEntries?: number }} [options] `maxEntries`: how many of each it keeps, the oldest
 *   forgotten first (expired sessions before them)
 */
export function createReepayStore({ now = Date.now, maxEntries: max = SANDBOX_MAX_ENTRIES } = {}) {
  const store = {
    now,
    /** @type {BoundedMap<string, Customer>} */
    customers: new BoundedMap({ max }),
    /** @type {BoundedMap<string, Invoice>} */
    invoices: new BoundedMap({ max }),
    /** @type {BoundedMap<string, PaymentMethod>} */
    paymentMethods: new BoundedMap({ max }),
    /** @type {BoundedMap<string, Subscription>} */
    subscriptions: new BoundedMap({ max }),
    /** @type {BoundedMap<string, Session>} */
    sessions: new BoundedMap({ max, isStale: (session) => now() >= session.expiresAt + EXPIRED_SESSION_KEPT_MS }),
    /** Charge results by `handle` + idempotency `key`. @type {BoundedMap<string, Record<string, unknown>>} */
    idempotent: new BoundedMap({ max }),
    customerSequence: 0,
    clear() {
      for (const map of [store.customers, store.invoices, store.paymentMethods, store.subscriptions, store.sessions, store.idempotent]) {
        map.clear();
      }
      store.customerSequence = 0;
    },
  };
  return store;
}

/** @typedef {ReturnType<typeof createReepayStore>} ReepayStore */

export const hex = (bytes = 16) => randomBytes(bytes).toString('hex');
/** @param {ReepayStore} store */
export const iso = (store) => new Date(store.now()).toISOString();
