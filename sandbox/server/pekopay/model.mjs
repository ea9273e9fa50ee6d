// The PekoPay stand-in's data: what it keeps (customers and their cards, products, plans, transactions,
// subscriptions, idempotency keys, the test clock's advance) and the pure rules over it (prices and taxes,
// billing periods, ids, dates).
// @ts-check
import { randomBytes } from 'node:crypto';
import { BoundedMap } from '../../shared/bounded.mjs';

/** Tax rates `taxRatesOptions` / `applicableTaxes` may name, in percent (Canada's, as in the seeds). */
export const TAX_RATES = Object.freeze({
  gst: { name: 'GST', rate: 5 },
  pst: { name: 'PST', rate: 7 },
  hst: { name: 'HST', rate: 13 },
  qst: { name: 'QST', rate: 9.975 },
});
export const TAX_CODES = /** @type {(keyof typeof TAX_RATES)[]} */ (Object.keys(TAX_RATES));
/** @type {Record<string, { days?: number, months?: number }>} */
export const FREQUENCIES = {
  DAILY: { days: 1 },
  WEEKLY: { days: 7 },
  MONTHLY: { months: 1 },
  QUARTERLY: { months: 3 },
  YEARLY: { months: 12 },
};
export const DAY_MS = 86_400_000;
export const MAX_QUANTITY = 1000;

/**
 * @typedef {object} Card
 * @property {string} cardLastFourDigits
 * @property {string} cardType
 * @property {boolean} default
 * @property {boolean} declinesCharges sandbox-only, never shown
 *
 * @typedef {object} Customer
 * @property {string} id
 * @property {string} firstname
 * @property {string} lastname
 * @property {string} email
 * @property {string | null} phone
 * @property {string} type
 * @property {Card[]} cards
 * @property {number} createdAt
 * @property {number} updatedAt
 *
 * @typedef {{ id: string, name: string, description: string | null, priceCents: number, currency: string, active: boolean, createdAt: number }} Product
 * @typedef {{ id: string, name: string, description: string | null, amountCents: number, chargeFrequency: string, currency: string, trialPeriodDays: number, gracePeriodDays: number, active: boolean, createdAt: number }} Plan
 * @typedef {{ productId?: string, planId?: string, name: string, quantity: number, unitPriceCents: number }} Line
 *
 * @typedef {object} Transaction
 * @property {string} id
 * @property {string} tenantId
 * @property {'ONE_TIME' | 'SUBSCRIPTION'} type
 * @property {'SUCCEEDED' | 'DECLINED'} status
 * @property {string} customerId
 * @property {string | null} subscriptionId
 * @property {string} currency
 * @property {Line[]} lines
 * @property {string[]} taxCodes
 * @property {Card} card
 * @property {number} createdAt
 *
 * @typedef {object} Subscription
 * @property {string} id
 * @property {string} tenantId
 * @property {string} customerId
 * @property {string} planId
 * @property {number} quantity
 * @property {string[]} applicableTaxes
 * @property {'TRIALING' | 'ACTIVE' | 'PAST_DUE' | 'CANCELED'} status
 * @property {number | null} trialEndsAt
 * @property {number} currentPeriodStart
 * @property {number} currentPeriodEnd
 * @property {number} nextBillingAt
 * @property {number | null} graceEndsAt
 * @property {Card} card
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {number | null} canceledAt
 * @property {string | null} cancelReason
 */

/**
 * Everything the PekoPay stand-in keeps, each map at most `max` entries (the oldest forgotten first). A plan
 * forgotten takes its subscriptions with it, which could not be shown or billed without it.
 * @param {number} max
 */
export function emptyState(max) {
  /** @type {BoundedMap<string, Subscription>} */
  const subscriptions = new BoundedMap({ max });
  return {
    /** @type {BoundedMap<string, Customer>} */ customers: new BoundedMap({ max }),
    /** @type {BoundedMap<string, Product>} */ products: new BoundedMap({ max }),
    /** @type {BoundedMap<string, Plan>} */ plans: new BoundedMap({
      max,
      onForget: (/** @type {Plan} */ plan) => {
        for (const [id, sub] of subscriptions) if (sub.planId === plan.id) subscriptions.delete(id);
      },
    }),
    /** @type {BoundedMap<string, Transaction>} */ transactions: new BoundedMap({ max }),
    subscriptions,
    /** @type {BoundedMap<string, { fingerprint: string, result: { status: number, body: unknown } | null }>} */ idempotency:
      new BoundedMap({
        max,
      }),
    clockOffsetMs: 0,
  };
}

/** @typedef {ReturnType<typeof emptyState>} State */

/** @param {string} prefix */
export const newId = (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`;
/** @param {number} cents */
export const money = (cents) => cents / 100;
/** @param {number} amount in major units */
export const cents = (amount) => Math.round(amount * 100);
/** @param {number} ms */
export const iso = (ms) => new Date(ms).toISOString();
/** @param {number | null} ms */
export const isoOrNull = (ms) => (ms === null ? null : iso(ms));

/**
 * Prices lines and taxes in cents: each tax is rounded on the subtotal, half up.
 * @param {Line[]} lines
 * @param {string[]} taxCodes
 */
export function priceOf(lines, taxCodes) {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const taxes = taxCodes.map((code) => {
    const { name, rate } = TAX_RATES[/** @type {keyof typeof TAX_RATES} */ (code)];
    return { code, name, rate, amount: Math.round((subtotal * rate) / 100) };
  });
  const taxTotal = taxes.reduce((sum, tax) => sum + tax.amount, 0);
  return { subtotal, taxes, taxTotal, total: subtotal + taxTotal };
}

/**
 * @param {Plan} plan
 * @param {number} quantity
 * @returns {Line}
 */
export const planLine = (plan, quantity) => ({ planId: plan.id, name: plan.name, quantity, unitPriceCents: plan.amountCents });

/**
 * @param {number} ms
 * @param {string} frequency
 */
export function addPeriod(ms, frequency) {
  const { days, months } = FREQUENCIES[frequency];
  if (days) return ms + days * DAY_MS;
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + (months ?? 1));
  return date.getTime();
}

/**
 * JSON with sorted keys, so that a retry whose client serialized the same body differently still matches.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
