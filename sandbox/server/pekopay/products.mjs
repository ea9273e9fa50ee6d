// PekoPay products: create, list, read.
// @ts-check
import { cents, newId } from './model.mjs';
import { resourceRoutes } from './routes.mjs';
import { productView } from './views.mjs';

/**
 * @param {import('./routes.mjs').TenantRoutes} routes
 * @param {import('./service.mjs').PekoPayService} service
 */
export function registerProductRoutes(routes, service) {
  resourceRoutes(routes, service, {
    path: '/products',
    what: 'product',
    map: () => service.state.products,
    view: productView,
    read: (check, createdAt) => ({
      id: newId('prod'),
      name: /** @type {string} */ (check.string('name', { required: true })),
      description: check.string('description', { max: 1000 }) ?? null,
      priceCents: cents(check.money('price') ?? 0),
      currency: /** @type {string} */ (check.currency('currency')),
      active: check.boolean('active', true),
      createdAt,
    }),
  });
}
