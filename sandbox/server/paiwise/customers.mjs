// Paiwise customers: create (with a client page where they manage their saved cards), retrieve, delete.
// @ts-check
import { check, findBy } from './api.mjs';
import { applyMetaData, customerJson, newId, nowIso, PAGES, pagesOrigin, readMetaData } from './model.mjs';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * @param {import('./api.mjs').ApiRoutes} routes
 * @param {import('./model.mjs').PaiwiseStore} store
 */
export function registerCustomerRoutes(routes, store) {
  /** @param {Record<string, unknown>} body */
  const customerOf = (body) => findBy(store.customers, body, 'customer');

  routes.on('create-customer', (body, req) => {
    const checked = check(body);
    const firstName = /** @type {string} */ (checked.string('first_name', { required: true, max: 100 }));
    const lastName = /** @type {string} */ (checked.string('last_name', { required: true, max: 100 }));
    const email = /** @type {string} */ (
      checked.string('email', { required: true, max: 254, pattern: EMAIL, patternMessage: 'is not an email address.' })
    );
    const metaData = readMetaData(checked, false);
    checked.done();
    const clientToken = newId();
    /** @type {import('./model.mjs').Customer} */
    const customer = {
      customer_id: newId(),
      first_name: firstName,
      last_name: lastName,
      email,
      metaData: applyMetaData({}, metaData),
      client_page: `${pagesOrigin(req)}${PAGES}/client.html?token=${clientToken}`,
      savedCards: [],
      created_at: nowIso(),
      clientToken,
    };
    store.customers.set(customer.customer_id, customer);
    return customerJson(customer);
  });

  routes.on('retrieve-customer', (body) => customerJson(customerOf(body)));

  routes.on('delete-customer', (body) => {
    const customer = customerOf(body);
    store.customers.delete(customer.customer_id);
    return customerJson(customer, { deleted: true });
  });
}
