// The Paiwise (Neuro-Pay) stand-in: the checkout API under /sandbox/paiwise/checkout/… (bearer API key), the
// public endpoints its hosted checkout page and customer client page call, one route module each, over one
// in-memory store. Every request of the Neuro-Pay Checkout API document runs unchanged here with only the host
// swapped.
// @ts-check
import { apiRoutes } from './api.mjs';
import { registerCheckoutRoutes } from './checkouts.mjs';
import { registerCustomerRoutes } from './customers.mjs';
import { registerCheckoutPageRoutes, registerClientPageRoutes } from './hosted.mjs';
import { createPaiwiseStore, PAGES, PAIWISE_BASE } from './model.mjs';

/** The browser files of the hosted pages, by URL path, for the sandbox's ASSETS map. */
export const PAIWISE_ASSETS = /** @type {[string, string][]} */ (
  ['checkout.html', 'checkout.js', 'checkout.css', 'offline-api.js', 'offline-return.html', 'client.html', 'client.js'].map((file) => [
    `${PAGES}/${file}`,
    `paiwise/pay/${file}`,
  ])
);

/**
 * Registers the Paiwise routes and returns the store behind them.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ base?: string, maxEntries?: number }} [options]
 */
export function registerPaiwiseRoutes(router, { base = PAIWISE_BASE, maxEntries } = {}) {
  const store = createPaiwiseStore({ maxEntries });
  const routes = apiRoutes(router, base);
  registerCheckoutRoutes(routes, store);
  registerCustomerRoutes(routes, store);
  registerCheckoutPageRoutes(router, store);
  registerClientPageRoutes(router, store);
  return store;
}
