// The demo shop's catalog, its source of truth for what things cost (the browser only ever sends SKUs and
// quantities), and its provisioning at PekoPay: the same products and plans, created there on first use, their
// ids kept in this "config layer".
// @ts-check
import { PekoPayError } from 'pay-checkout/server';

export const CATALOG = Object.freeze({
  currency: 'CAD',
  products: [
    { sku: 'backpack', name: 'Trailhead 30 L backpack', description: 'Waterproof, recycled nylon', price: 99.0 },
    { sku: 'bottle', name: 'Insulated bottle 750 ml', description: 'Keeps drinks cold for 24 hours', price: 34.5 },
    { sku: 'headlamp', name: 'Rechargeable headlamp', description: '400 lumens, USB-C', price: 49.99 },
  ],
  plans: [
    { key: 'starter', name: 'Starter Monthly', description: 'Starter package', price: 29.99, trialPeriodDays: 14, gracePeriodDays: 7 },
    { key: 'growth', name: 'Growth Monthly', description: 'Growth tier for teams', price: 99.0, trialPeriodDays: 14, gracePeriodDays: 7 },
  ],
  /** British Columbia: GST 5 % and PST 7 %, each rounded on the subtotal, as PekoPay computes them. */
  taxes: [
    { code: 'gst', name: 'GST', rate: 5 },
    { code: 'pst', name: 'PST', rate: 7 },
  ],
});

const cents = (/** @type {number} */ amount) => Math.round(amount * 100);
const major = (/** @type {number} */ amountCents) => amountCents / 100;

/**
 * What a cart costs, from the catalog: lines, each tax rounded on the subtotal, total.
 * @param {{ sku: string, quantity: number }[]} items
 */
export function priceCart(items) {
  const lines = items.map(({ sku, quantity }) => {
    const product = /** @type {typeof CATALOG.products[number]} */ (CATALOG.products.find((candidate) => candidate.sku === sku));
    return { sku, name: product.name, quantity, unitPrice: product.price, amount: major(cents(product.price) * quantity) };
  });
  const subtotal = lines.reduce((sum, line) => sum + cents(line.amount), 0);
  const taxes = CATALOG.taxes.map((tax) => ({ ...tax, amount: Math.round((subtotal * tax.rate) / 100) }));
  const total = subtotal + taxes.reduce((sum, tax) => sum + tax.amount, 0);
  return {
    currency: CATALOG.currency,
    lines,
    subtotal: major(subtotal),
    taxes: taxes.map((tax) => ({ ...tax, amount: major(tax.amount) })),
    total: major(total),
    /** For `<pay-checkout amount>`, which takes minor units. */
    amountMinor: total,
  };
}

/** @param {string} key */
export function priceOfPlan(key) {
  const plan = /** @type {typeof CATALOG.plans[number]} */ (CATALOG.plans.find((candidate) => candidate.key === key));
  const subtotal = cents(plan.price);
  const tax = CATALOG.taxes.reduce((sum, { rate }) => sum + Math.round((subtotal * rate) / 100), 0);
  return { totalPerPeriod: major(subtotal + tax) };
}

/** `GET /api/pekopay/catalog`: what the shop sells, with each plan's price per period, taxes included. */
export const publicCatalog = () => ({
  currency: CATALOG.currency,
  products: CATALOG.products.map((product) => ({ ...product, currency: CATALOG.currency })),
  plans: CATALOG.plans.map((plan) => ({ ...plan, currency: CATALOG.currency, chargeFrequency: 'MONTHLY', ...priceOfPlan(plan.key) })),
  taxes: CATALOG.taxes,
});

/** @typedef {{ products: Map<string, string>, plans: Map<string, string> }} ProviderIds PekoPay's ids, by SKU and plan key */

/**
 * Finds the catalog at PekoPay, creating what is missing.
 * @param {import('pay-checkout/server').PekoPayClient} client
 * @returns {Promise<ProviderIds>}
 */
async function provision(client) {
  const [products, plans] = await Promise.all([client.listProducts(), client.listPlans()]);
  const productIds = new Map();
  for (const { sku, name, description, price } of CATALOG.products) {
    const found = products.find((p) => p.name === name && p.price === price && p.currency === CATALOG.currency && p.active);
    productIds.set(sku, (found ?? (await client.createProduct({ name, description, price, currency: CATALOG.currency, active: true }))).id);
  }
  const planIds = new Map();
  for (const { key, name, description, price, trialPeriodDays, gracePeriodDays } of CATALOG.plans) {
    const found = plans.find((p) => p.name === name && p.recurringChargeAmount === price && p.currency === CATALOG.currency && p.active);
    const plan =
      found ??
      (await client.createPlan({
        name,
        description,
        recurringChargeAmount: price,
        chargeFrequency: 'MONTHLY',
        currency: CATALOG.currency,
        trialPeriodDays,
        gracePeriodDays,
        active: true,
      }));
    planIds.set(key, plan.id);
  }
  return { products: productIds, plans: planIds };
}

/**
 * `withCatalog(use)` runs `use` with PekoPay's ids of the catalog, provisioning it first if needed, and once more
 * if PekoPay no longer knows an id (the sandbox was reset).
 * @param {import('pay-checkout/server').PekoPayClient} client
 */
export function catalogAt(client) {
  /** @type {Promise<ProviderIds> | undefined} */
  let providerIds;
  /**
   * @template T
   * @param {(ids: ProviderIds) => Promise<T>} use
   * @returns {Promise<T>}
   */
  return async function withCatalog(use) {
    for (let attempt = 0; ; attempt++) {
      providerIds ??= provision(client).catch((error) => {
        providerIds = undefined;
        throw error;
      });
      try {
        return await use(await providerIds);
      } catch (error) {
        const stale = error instanceof PekoPayError && /^(product|plan)_not_found$/.test(error.code);
        if (!stale || attempt > 0) throw error;
        providerIds = undefined;
      }
    }
  };
}
