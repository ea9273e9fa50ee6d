// The Reepay stand-in: the Checkout API (charge, recurring and subscription sessions), the API (charges of saved
// cards and their lifecycle, customers, payment methods, subscriptions), and the internal API of the hosted
// checkout page, one route module each, over one in-memory store. Basic auth with a `priv_` key, errors shaped
// like Reepay's.
// @ts-check
import { registerChargeRoutes } from './charges.mjs';
import { registerCheckoutPageRoutes } from './checkout-page.mjs';
import { registerCustomerRoutes } from './customers.mjs';
import { registerSessionRoutes } from './sessions.mjs';

export { parseLeadingJson, REEPAY_PRIVATE_KEY } from './api.mjs';
export { createReepayStore } from './store.mjs';

/**
 * Registers the Reepay routes.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ checkoutApiBase: string, apiBase: string, pageBase: string, store: import('./store.mjs').ReepayStore, sessionTtlSeconds: number }} options
 */
export function registerReepayRoutes(router, { checkoutApiBase, apiBase, pageBase, store, sessionTtlSeconds }) {
  registerSessionRoutes(router, { checkoutApiBase, pageBase, store, sessionTtlSeconds });
  registerChargeRoutes(router, { apiBase, store });
  registerCustomerRoutes(router, { apiBase, store });
  registerCheckoutPageRoutes(router, `${pageBase}/api`, store);
}
