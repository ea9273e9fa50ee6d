// The demo shop's SaaS signup with PekoPay, as the seeds' subscription example says: subscribe (trial first, as
// the plan says) under the browser's Idempotency-Key, see PekoPay's view and the transactions, switch plan,
// cancel; and, against the sandbox only, move its billing clock so that a trial ends or a renewal is due.
// @ts-check
import { randomUUID } from 'node:crypto';
import { PekoPayError } from 'pay-checkout/server';
import { HttpError, readJsonObject, sendJson } from '../../sandbox/shared/http.mjs';
import { CATALOG } from './catalog.mjs';
import { chargeWithRetry, customerOf, forBrowser, idempotencyKeyOf, requireString, toBrowser } from './shop.mjs';

/**
 * @typedef {import('./shop.mjs').Shop} Shop
 * @typedef {import('../pekopay-backend.mjs').Route} Route
 */

/**
 * A plan key of the shop, from `body.plan`.
 * @param {Record<string, any>} body
 */
function planKeyOf(body) {
  const planKey = requireString(body, 'plan');
  if (!CATALOG.plans.some((plan) => plan.key === planKey)) {
    throw new HttpError(400, 'validation_error', 'plan is not a plan of this shop.', { field: 'plan' });
  }
  return planKey;
}

/**
 * Subscribes the customer (created or reused by email) at PekoPay, and opens the shop's account for it.
 * @param {Shop} shop
 * @param {{ paymentToken: string, planKey: string, customer: import('./shop.mjs').ShopCustomer, providerKey: string }} signup
 */
async function signUp(shop, { paymentToken, planKey, customer, providerKey }) {
  const { id: customerId } = await shop.client.findOrCreateCustomer(customer);
  const subscription = await shop.withCatalog((ids) =>
    chargeWithRetry(() =>
      shop.client.createSubscription(
        {
          paymentToken,
          subscription: {
            planId: /** @type {string} */ (ids.plans.get(planKey)),
            customerId,
            quantity: 1,
            applicableTaxes: CATALOG.taxes.map((tax) => tax.code),
          },
        },
        { idempotencyKey: providerKey },
      ),
    ),
  );
  const account = {
    subscriptionId: subscription.id,
    customerId,
    email: customer.email,
    plan: planKey,
    status: subscription.status,
    events: [],
  };
  shop.accounts.set(subscription.id, account);
  return { subscription, account };
}

/**
 * `POST /subscriptions` `{ paymentToken, plan, customer }` with `pay-token`'s Idempotency-Key.
 * @param {Shop} shop
 * @returns {Route}
 */
const subscribe =
  (shop) =>
  async ({ req, res }) => {
    const body = await readJsonObject(req);
    const paymentToken = requireString(body, 'paymentToken');
    const planKey = planKeyOf(body);
    const customer = customerOf(body);
    const key = idempotencyKeyOf(req);
    const earlier = key ? shop.signupsByKey.get(key) : undefined;
    if (earlier) {
      if (earlier.email !== customer.email || earlier.plan !== planKey) {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another signup.', {
          field: 'Idempotency-Key',
        });
      }
      // The first caller's failure, told as the first caller is told it (a 410 for a token that cannot be charged).
      return sendJson(res, 200, { ...(await toBrowser(() => earlier.signing)), replayed: true });
    }
    // One key for PekoPay per signup, so that a retried call cannot subscribe twice.
    const signing = signUp(shop, { paymentToken, planKey, customer, providerKey: `signup:${key ?? randomUUID()}` });
    if (key) {
      shop.signupsByKey.set(key, { email: customer.email, plan: planKey, signing });
    }
    try {
      sendJson(res, 201, await signing);
    } catch (error) {
      if (key) shop.signupsByKey.delete(key);
      throw forBrowser(error);
    }
  };

/**
 * `POST /sandbox/advance-clock` `{ days }`: moves the sandbox's billing clock. Only against the sandbox.
 * @param {Shop} shop
 * @returns {Route}
 */
const advanceClock =
  (shop) =>
  async ({ req, res }) => {
    if (!shop.isSandbox) throw new HttpError(404, 'not_found', 'Only the sandbox has a test clock.');
    const { days } = await readJsonObject(req);
    if (!Number.isInteger(days) || days < 1 || days > 400)
      throw new HttpError(400, 'validation_error', 'days must be 1 to 400.', { field: 'days' });
    try {
      sendJson(res, 200, await shop.client.request('POST', '/test-clock/advance', { body: { days } }));
    } catch (error) {
      if (!(error instanceof PekoPayError)) throw error;
      throw new HttpError(502, 'provider_unavailable', `The sandbox answered ${error.status}.`);
    }
  };

/**
 * The shop's subscription routes.
 * @param {Shop} shop
 * @returns {Record<string, Route>}
 */
export function subscriptionRoutes(shop) {
  /**
   * The account of a subscription this shop created (a real shop would check the signed-in user too).
   * @param {string} subscriptionId
   */
  const accountOf = (subscriptionId) => {
    const account = shop.accounts.get(subscriptionId);
    if (!account) throw new HttpError(404, 'subscription_not_found', 'No such subscription in this shop.');
    return account;
  };
  return {
    'POST /subscriptions': subscribe(shop),
    /** PekoPay's view, its transactions and the shop's account. */
    'GET /subscriptions/:id': async ({ res, params }) => {
      const account = accountOf(params.id);
      const { subscriptionId } = account;
      const [subscription, transactions] = await toBrowser(() =>
        Promise.all([shop.client.getSubscription(subscriptionId), shop.client.listTransactions({ subscriptionId })]),
      );
      sendJson(res, 200, { subscription, transactions, account });
    },
    /** `{ plan }`: upgrade or downgrade. */
    'POST /subscriptions/:id/switch': async ({ req, res, params }) => {
      const account = accountOf(params.id);
      const planKey = planKeyOf(await readJsonObject(req));
      const subscription = await toBrowser(() =>
        shop.withCatalog((ids) => shop.client.switchPlan(account.subscriptionId, /** @type {string} */ (ids.plans.get(planKey)))),
      );
      Object.assign(account, { plan: planKey, status: subscription.status });
      sendJson(res, 200, { subscription, account });
    },
    'POST /subscriptions/:id/cancel': async ({ res, params }) => {
      const account = accountOf(params.id);
      const subscription = await toBrowser(() => shop.client.cancelSubscription(account.subscriptionId));
      account.status = subscription.status;
      sendJson(res, 200, { subscription, account });
    },
    'POST /sandbox/advance-clock': advanceClock(shop),
  };
}
