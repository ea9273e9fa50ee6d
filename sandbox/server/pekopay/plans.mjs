// PekoPay plans, what subscriptions bill: create, list, read.
// @ts-check
import { cents, FREQUENCIES, newId } from './model.mjs';
import { resourceRoutes } from './routes.mjs';
import { planView } from './views.mjs';

/**
 * @param {import('./routes.mjs').TenantRoutes} routes
 * @param {import('./service.mjs').PekoPayService} service
 */
export function registerPlanRoutes(routes, service) {
  resourceRoutes(routes, service, {
    path: '/plans',
    what: 'plan',
    map: () => service.state.plans,
    view: planView,
    read: (check, createdAt) => ({
      id: newId('plan'),
      name: /** @type {string} */ (check.string('name', { required: true })),
      description: check.string('description', { max: 1000 }) ?? null,
      amountCents: cents(check.money('recurringChargeAmount') ?? 0),
      chargeFrequency: /** @type {string} */ (check.string('chargeFrequency', { required: true, oneOf: Object.keys(FREQUENCIES) })),
      currency: /** @type {string} */ (check.currency('currency')),
      trialPeriodDays: /** @type {number} */ (check.integer('trialPeriodDays', { max: 730, fallback: 0 })),
      gracePeriodDays: /** @type {number} */ (check.integer('gracePeriodDays', { max: 365, fallback: 0 })),
      active: check.boolean('active', true),
      createdAt,
    }),
  });
}
