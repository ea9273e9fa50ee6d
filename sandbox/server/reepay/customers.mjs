// What a Reepay checkout leaves behind, as Reepay's API reads it: customers, their saved cards (payment methods)
// and subscriptions.
// @ts-check
import { sendJson } from '../../shared/http.mjs';
import { api, ReepayError } from './api.mjs';
import { existingCustomer } from './invoices.mjs';

/**
 * A saved card as the API shows it: no sandbox-only field.
 * @param {import('./store.mjs').PaymentMethod} card
 */
const visible = ({ emptyAccount, ...card }) => card;

/**
 * Registers the customer, payment method and subscription reads under `apiBase`.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ apiBase: string, store: import('./store.mjs').ReepayStore }} options
 */
export function registerCustomerRoutes(router, { apiBase, store }) {
  router.on(
    'GET',
    `${apiBase}/v1/customer/:handle`,
    api(({ res }, { handle }) => sendJson(res, 200, existingCustomer(store, handle))),
  );

  router.on(
    'GET',
    `${apiBase}/v1/customer/:handle/payment_method`,
    api(({ res }, { handle }) => {
      const customer = existingCustomer(store, handle);
      const cards = [...store.paymentMethods.values()].filter((card) => card.customer === customer.handle).map(visible);
      sendJson(res, 200, { cards });
    }),
  );

  router.on(
    'GET',
    `${apiBase}/v1/payment_method/:id`,
    api(({ res }, { id }) => {
      const card = store.paymentMethods.get(id);
      if (!card) throw new ReepayError(404, 40, 'Payment method not found', `No payment method "${id}".`);
      sendJson(res, 200, { ...visible(card), type: 'card' });
    }),
  );

  router.on(
    'GET',
    `${apiBase}/v1/subscription/:handle`,
    api(({ res }, { handle }) => {
      const subscription = store.subscriptions.get(handle);
      if (!subscription) throw new ReepayError(404, 10, 'Subscription not found', `No subscription "${handle}".`);
      sendJson(res, 200, subscription);
    }),
  );
}
