// The PekoPay REST stand-in, call by call from the seeds: customers (and their cards), products, one-time
// transactions, plans, subscriptions and their lifecycle, one route module each, over one service (service.mjs):
// Basic auth, field-level validation, payment tokens consumed once, idempotent charges, a test clock that drives
// trials, renewals and grace periods, and a signed webhook for every subscription and transaction event.
// Everything is in memory.
// @ts-check
import { registerCustomerRoutes } from './customers.mjs';
import { registerPlanRoutes } from './plans.mjs';
import { registerProductRoutes } from './products.mjs';
import { tenantRoutes } from './routes.mjs';
import { PekoPayService } from './service.mjs';
import { registerSubscriptionRoutes } from './subscriptions.mjs';
import { registerSandboxRoutes } from './test-clock.mjs';
import { registerTransactionRoutes } from './transactions.mjs';

export { createTokenStore, PEKOPAY_CREDENTIALS, registerTokenRoutes } from './tokens.mjs';

const RESOURCES = [
  registerCustomerRoutes,
  registerProductRoutes,
  registerTransactionRoutes,
  registerPlanRoutes,
  registerSubscriptionRoutes,
];

/**
 * @param {{ tokens: import('./tokens.mjs').TokenStore, webhooks: import('../webhooks.mjs').WebhookSender, maxEntries?: number }} options
 */
export function createPekoPayApi(options) {
  const service = new PekoPayService(options);
  return {
    /**
     * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
     * @param {string} base
     */
    register(router, base) {
      const routes = tenantRoutes(router, base);
      for (const register of RESOURCES) register(routes, service);
      registerSandboxRoutes(router, base, service);
    },
    /** Forgets every resource, idempotency key and clock advance. */
    reset: () => service.reset(),
    /** Runs what is due by the billing clock (also done by `POST /test-clock/advance`). */
    runBilling: () => service.runBilling(),
    /** For tests: what it keeps now (customers, transactions, idempotency keys …). */
    get state() {
      return service.state;
    },
  };
}
