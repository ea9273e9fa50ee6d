// PekoPay subscriptions and their lifecycle: subscribe (a trial first, or the first period paid at once),
// idempotent under `Idempotency-Key`; list, read; switch plan, change quantity, replace the payment source
// (which pays a missed period at once); cancel.
// @ts-check
import { HttpError, sendJson } from '../../shared/http.mjs';
import { fieldError, validator } from '../../shared/validate.mjs';
import { addPeriod, DAY_MS, MAX_QUANTITY, newId, TAX_CODES } from './model.mjs';
import { body } from './routes.mjs';
import { declined } from './service.mjs';
import { cardView, transactionView } from './views.mjs';

/**
 * @typedef {import('./model.mjs').Plan} Plan
 * @typedef {import('./model.mjs').Subscription} Subscription
 * @typedef {import('./service.mjs').PekoPayService} PekoPayService
 */

/**
 * A plan a subscription may move to.
 * @param {PekoPayService} service
 * @param {string} planId
 * @param {string} field
 */
function usablePlan(service, planId, field) {
  const plan = service.find(service.state.plans, planId, 'plan', field, 422);
  if (!plan.active) throw fieldError('plan_inactive', field, `Plan ${planId} is not active.`);
  return plan;
}

/**
 * `POST /subscriptions`: the new subscription (its first period paid now when the plan has no trial).
 * @param {PekoPayService} service
 * @param {Record<string, any>} input
 * @param {string} tenantId
 */
function subscribe(service, input, tenantId) {
  const check = validator(input);
  const paymentToken = check.string('paymentToken', { max: 200 });
  const fields = check.object('subscription', (nested) => ({
    planId: /** @type {string} */ (nested.string('planId', { required: true })),
    customerId: /** @type {string} */ (nested.string('customerId', { required: true })),
    quantity: /** @type {number} */ (nested.integer('quantity', { min: 1, max: MAX_QUANTITY, fallback: 1 })),
    applicableTaxes: nested.codes('applicableTaxes', TAX_CODES),
  }));
  check.done();
  const { planId, customerId, quantity, applicableTaxes } = /** @type {NonNullable<typeof fields>} */ (fields);
  const plan = usablePlan(service, planId, 'subscription.planId');
  const customer = service.find(service.state.customers, customerId, 'customer', 'subscription.customerId', 422);
  const card = service.takeCard(customer, paymentToken, tenantId, 'paymentToken');
  const at = service.now();
  const trialEndsAt = plan.trialPeriodDays > 0 ? at + plan.trialPeriodDays * DAY_MS : null;
  /** @type {Subscription} */
  const sub = {
    id: newId('sub'),
    tenantId,
    customerId: customer.id,
    planId: plan.id,
    quantity,
    applicableTaxes,
    status: 'TRIALING',
    trialEndsAt,
    currentPeriodStart: at,
    currentPeriodEnd: trialEndsAt ?? at,
    nextBillingAt: trialEndsAt ?? at,
    graceEndsAt: null,
    card,
    createdAt: at,
    updatedAt: at,
    canceledAt: null,
    cancelReason: null,
  };
  // No trial: the first period is paid now, or there is no subscription.
  const firstCharge = trialEndsAt === null ? service.chargePeriod(sub, at) : undefined;
  if (firstCharge) {
    if (firstCharge.status !== 'SUCCEEDED') throw declined(firstCharge);
    sub.status = 'ACTIVE';
    sub.currentPeriodEnd = sub.nextBillingAt = addPeriod(at, plan.chargeFrequency);
  }
  sub.card = service.saveCard(customer, card);
  service.state.subscriptions.set(sub.id, sub);
  const view = service.subscriptionView(sub);
  service.emit('subscription.created', tenantId, { subscription: view, ...(firstCharge && { transaction: transactionView(firstCharge) }) });
  return { status: 201, body: view };
}

/**
 * The changes `PATCH /subscriptions/:id/<path>` makes; each returns what it replaced.
 * @type {Record<string, { change: string, apply: (service: PekoPayService, sub: Subscription, check: import('../../shared/validate.mjs').Validator, tenantId: string) => Record<string, unknown> }>}
 */
const CHANGES = {
  // The new plan applies from the next billing date: no proration.
  '/switch': {
    change: 'plan',
    apply(service, sub, check) {
      const planId = check.string('planId', { required: true });
      check.done();
      const plan = usablePlan(service, /** @type {string} */ (planId), 'planId');
      const current = /** @type {Plan} */ (service.state.plans.get(sub.planId));
      if (plan.currency !== current.currency) {
        throw fieldError(
          'currency_mismatch',
          'planId',
          `Plan ${plan.id} is priced in ${plan.currency}, the subscription in ${current.currency}.`,
        );
      }
      sub.planId = plan.id;
      return { planId: current.id };
    },
  },
  '/quantity': {
    change: 'quantity',
    apply(_service, sub, check) {
      const quantity = check.integer('quantity', { required: true, min: 1, max: MAX_QUANTITY });
      check.done();
      const previous = { quantity: sub.quantity };
      sub.quantity = /** @type {number} */ (quantity);
      return previous;
    },
  },
  // A new card for a PAST_DUE subscription pays the missed period at once.
  '/payment-source': {
    change: 'payment_source',
    apply(service, sub, check, tenantId) {
      const pfToken = check.string('pfToken', { required: true, max: 200 });
      check.done();
      const customer = service.state.customers.get(sub.customerId);
      const previous = { paymentSource: cardView(sub.card) };
      const card = service.takeCard(customer ?? { cards: [] }, pfToken, tenantId, 'pfToken');
      sub.card = customer ? service.saveCard(customer, card) : card;
      if (sub.status === 'PAST_DUE') service.billPeriod(sub, sub.nextBillingAt);
      return previous;
    },
  },
};

/**
 * @param {import('./routes.mjs').TenantRoutes} routes
 * @param {PekoPayService} service
 */
export function registerSubscriptionRoutes(routes, service) {
  /** @param {{ params: Record<string, string> }} ctx */
  const subscriptionOf = ({ params }) =>
    service.find(service.state.subscriptions, params.subscriptionId, 'subscription', 'subscriptionId', 404);

  routes.on('POST', '/subscriptions', async (ctx) => {
    const input = await body(ctx);
    service.idempotent(ctx, `${ctx.tenantId} subscriptions`, input, () => subscribe(service, input, ctx.tenantId));
  });

  routes.on('GET', '/subscriptions', ({ res, url }) => {
    const customerId = url.searchParams.get('customerId');
    const status = url.searchParams.get('status');
    const subs = [...service.state.subscriptions.values()].filter(
      (sub) => (!customerId || sub.customerId === customerId) && (!status || sub.status === status),
    );
    sendJson(
      res,
      200,
      subs.map((sub) => service.subscriptionView(sub)),
    );
  });

  routes.on('GET', '/subscriptions/:subscriptionId', (ctx) => sendJson(ctx.res, 200, service.subscriptionView(subscriptionOf(ctx))));

  for (const [path, { change, apply }] of Object.entries(CHANGES)) {
    // Each change is said in `subscription.updated`, with what it replaced.
    routes.on('PATCH', `/subscriptions/:subscriptionId${path}`, async (ctx) => {
      const input = await body(ctx);
      const sub = subscriptionOf(ctx);
      if (sub.status === 'CANCELED') {
        throw new HttpError(409, 'subscription_canceled', `Subscription ${sub.id} is canceled.`, { field: 'subscriptionId' });
      }
      const previous = apply(service, sub, validator(input), ctx.tenantId);
      sub.updatedAt = service.now();
      service.emit('subscription.updated', ctx.tenantId, { subscription: service.subscriptionView(sub), change, previous });
      sendJson(ctx.res, 200, service.subscriptionView(sub));
    });
  }

  routes.on('DELETE', '/subscriptions/:subscriptionId', (ctx) => {
    const sub = subscriptionOf(ctx);
    if (sub.status !== 'CANCELED') service.cancel(sub, 'requested');
    sendJson(ctx.res, 200, service.subscriptionView(sub));
  });
}
