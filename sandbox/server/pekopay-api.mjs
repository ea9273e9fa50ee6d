// The PekoPay REST stand-in, call by call from the seeds: customers (and their cards), products, one-time
// transactions, plans, subscriptions and their lifecycle. Basic auth, field-level validation, payment tokens
// consumed once, idempotent charges, a test clock that drives trials, renewals and grace periods, and a
// signed webhook for every subscription and transaction event. Everything is in memory.
// @ts-check
import { randomBytes } from 'node:crypto';
import { errorBody, HttpError, readJson, sendJson } from './http.mjs';
import { authorize } from './pekopay.mjs';
import { fieldError, objectBody, validator } from './validate.mjs';

/** Tax rates `taxRatesOptions` / `applicableTaxes` may name, in percent (Canada's, as in the seeds). */
export const TAX_RATES = Object.freeze({
  gst: { name: 'GST', rate: 5 },
  pst: { name: 'PST', rate: 7 },
  hst: { name: 'HST', rate: 13 },
  qst: { name: 'QST', rate: 9.975 },
});
const TAX_CODES = /** @type {(keyof typeof TAX_RATES)[]} */ (Object.keys(TAX_RATES));
const CUSTOMER_TYPES = ['INDIVIDUAL', 'BUSINESS'];
const CARD_TYPES = ['VISA', 'MASTERCARD', 'AMEX'];
/** @type {Record<string, { days?: number, months?: number }>} */
const FREQUENCIES = { DAILY: { days: 1 }, WEEKLY: { days: 7 }, MONTHLY: { months: 1 }, QUARTERLY: { months: 3 }, YEARLY: { months: 12 } };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{4,30}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const DAY_MS = 86_400_000;
const MAX_QUANTITY = 1000;
const MAX_ITEMS = 100;
const MAX_CLOCK_DAYS = 3660;

/** How `tokens.consume` failures read when a REST body carries the token. */
const TOKEN_PROBLEMS = /** @type {Record<string, [number, string]>} */ ({
  invalid_session_token: [422, 'is not a payment token issued to this tenant.'],
  token_expired: [422, 'has expired: payment tokens live 60 minutes.'],
  token_used: [409, 'has already been used: payment tokens are single-use.'],
  token_not_tokenized: [422, 'has no card yet: submit the checkout form with it first.'],
});

/** @param {string} prefix */
const newId = (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`;
/** @param {number} cents */
const money = (cents) => cents / 100;
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();
/** @param {number | null} ms */
const isoOrNull = (ms) => (ms === null ? null : iso(ms));

/**
 * @typedef {object} Card
 * @property {string} cardLastFourDigits
 * @property {string} cardType
 * @property {boolean} default
 * @property {boolean} declinesCharges sandbox-only, never shown
 *
 * @typedef {object} Customer
 * @property {string} id
 * @property {string} firstname
 * @property {string} lastname
 * @property {string} email
 * @property {string | null} phone
 * @property {string} type
 * @property {Card[]} cards
 * @property {number} createdAt
 * @property {number} updatedAt
 *
 * @typedef {{ id: string, name: string, description: string | null, priceCents: number, currency: string, active: boolean, createdAt: number }} Product
 * @typedef {{ id: string, name: string, description: string | null, amountCents: number, chargeFrequency: string, currency: string, trialPeriodDays: number, gracePeriodDays: number, active: boolean, createdAt: number }} Plan
 * @typedef {{ productId?: string, planId?: string, name: string, quantity: number, unitPriceCents: number }} Line
 *
 * @typedef {object} Transaction
 * @property {string} id
 * @property {string} tenantId
 * @property {'ONE_TIME' | 'SUBSCRIPTION'} type
 * @property {'SUCCEEDED' | 'DECLINED'} status
 * @property {string} customerId
 * @property {string | null} subscriptionId
 * @property {string} currency
 * @property {Line[]} lines
 * @property {string[]} taxCodes
 * @property {Card} card
 * @property {number} createdAt
 *
 * @typedef {object} Subscription
 * @property {string} id
 * @property {string} tenantId
 * @property {string} customerId
 * @property {string} planId
 * @property {number} quantity
 * @property {string[]} applicableTaxes
 * @property {'TRIALING' | 'ACTIVE' | 'PAST_DUE' | 'CANCELED'} status
 * @property {number | null} trialEndsAt
 * @property {number} currentPeriodStart
 * @property {number} currentPeriodEnd
 * @property {number} nextBillingAt
 * @property {number | null} graceEndsAt
 * @property {Card} card
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {number | null} canceledAt
 * @property {string | null} cancelReason
 */

const emptyState = () => ({
  /** @type {Map<string, Customer>} */ customers: new Map(),
  /** @type {Map<string, Product>} */ products: new Map(),
  /** @type {Map<string, Plan>} */ plans: new Map(),
  /** @type {Map<string, Transaction>} */ transactions: new Map(),
  /** @type {Map<string, Subscription>} */ subscriptions: new Map(),
  /** @type {Map<string, { fingerprint: string, result: { status: number, body: unknown } | null }>} */ idempotency: new Map(),
  clockOffsetMs: 0,
});

/**
 * Prices lines and taxes in cents: each tax is rounded on the subtotal, half up.
 * @param {Line[]} lines
 * @param {string[]} taxCodes
 */
function priceOf(lines, taxCodes) {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const taxes = taxCodes.map((code) => {
    const { name, rate } = TAX_RATES[/** @type {keyof typeof TAX_RATES} */ (code)];
    return { code, name, rate, amount: Math.round((subtotal * rate) / 100) };
  });
  const taxTotal = taxes.reduce((sum, tax) => sum + tax.amount, 0);
  return { subtotal, taxes, taxTotal, total: subtotal + taxTotal };
}

/**
 * The amounts of a price in major units, as PekoPay's API writes money.
 * @param {ReturnType<typeof priceOf>} price
 */
const priceView = ({ subtotal, taxes, taxTotal, total }) => ({
  subtotal: money(subtotal),
  taxes: taxes.map((tax) => ({ ...tax, amount: money(tax.amount) })),
  taxTotal: money(taxTotal),
  total: money(total),
});

/** @param {Card} card */
const cardView = ({ cardLastFourDigits, cardType }) => ({ cardLastFourDigits, cardType });

/**
 * @param {number} ms
 * @param {string} frequency
 */
function addPeriod(ms, frequency) {
  const { days, months } = FREQUENCIES[frequency];
  if (days) return ms + days * DAY_MS;
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + (months ?? 1));
  return date.getTime();
}

/**
 * JSON with sorted keys, so that a retry whose client serialized the same body differently still matches.
 * @param {unknown} value
 * @returns {string}
 */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * @param {{ tokens: import('./pekopay.mjs').TokenStore, webhooks: import('./webhooks.mjs').WebhookSender }} options
 */
export function createPekoPayApi({ tokens, webhooks }) {
  let state = emptyState();
  /** The billing clock: real time plus whatever the test clock was advanced by. */
  const now = () => Date.now() + state.clockOffsetMs;

  /**
   * @param {string} type
   * @param {string} tenantId
   * @param {Record<string, unknown>} payload
   */
  const emit = (type, tenantId, payload) => webhooks.send(type, { businessId: tenantId, payload });

  // ── views: what the API answers ────────────────────────────────────────────────────────────────────
  /** @param {Customer} customer */
  const customerView = (customer) => ({
    id: customer.id,
    firstname: customer.firstname,
    lastname: customer.lastname,
    email: customer.email,
    phone: customer.phone,
    type: customer.type,
    creditCards: customer.cards.map(creditCardView),
    createdAt: iso(customer.createdAt),
    updatedAt: iso(customer.updatedAt),
  });
  /** @param {Card} card */
  const creditCardView = (card) => ({ ...cardView(card), default: card.default });
  /** @param {Product} product */
  const productView = ({ priceCents, createdAt, ...rest }) => ({ ...rest, price: money(priceCents), createdAt: iso(createdAt) });
  /** @param {Plan} plan */
  const planView = ({ amountCents, createdAt, ...rest }) => ({
    ...rest,
    recurringChargeAmount: money(amountCents),
    createdAt: iso(createdAt),
  });
  /** @param {Transaction} txn */
  const transactionView = (txn) => ({
    id: txn.id,
    type: txn.type,
    status: txn.status,
    customerId: txn.customerId,
    subscriptionId: txn.subscriptionId,
    currency: txn.currency,
    items: txn.lines.map(({ unitPriceCents, ...line }) => ({
      ...line,
      unitPrice: money(unitPriceCents),
      amount: money(unitPriceCents * line.quantity),
    })),
    ...priceView(priceOf(txn.lines, txn.taxCodes)),
    card: cardView(txn.card),
    failureReason: txn.status === 'DECLINED' ? 'card_declined' : null,
    createdAt: iso(txn.createdAt),
  });
  /** @param {Subscription} sub */
  const subscriptionView = (sub) => {
    const plan = /** @type {Plan} */ (state.plans.get(sub.planId));
    return {
      id: sub.id,
      status: sub.status,
      customerId: sub.customerId,
      planId: sub.planId,
      planName: plan.name,
      quantity: sub.quantity,
      applicableTaxes: sub.applicableTaxes,
      currency: plan.currency,
      chargeFrequency: plan.chargeFrequency,
      // What each period costs under the current plan and quantity.
      amount: money(plan.amountCents * sub.quantity),
      ...priceView(priceOf([planLine(plan, sub.quantity)], sub.applicableTaxes)),
      trialEndsAt: isoOrNull(sub.trialEndsAt),
      currentPeriodStart: iso(sub.currentPeriodStart),
      currentPeriodEnd: iso(sub.currentPeriodEnd),
      nextBillingDate: sub.status === 'CANCELED' ? null : iso(sub.nextBillingAt),
      gracePeriodDays: plan.gracePeriodDays,
      graceEndsAt: isoOrNull(sub.graceEndsAt),
      paymentSource: cardView(sub.card),
      createdAt: iso(sub.createdAt),
      updatedAt: iso(sub.updatedAt),
      canceledAt: isoOrNull(sub.canceledAt),
      cancelReason: sub.cancelReason,
    };
  };

  // ── lookups ────────────────────────────────────────────────────────────────────────────────────────
  /**
   * @template T
   * @param {Map<string, T>} map
   * @param {string} id
   * @param {string} what e.g. `customer`
   * @param {string} field where the id came from
   * @param {number} status 404 for an id in the path, 422 for one in the body
   * @returns {T}
   */
  function find(map, id, what, field, status) {
    const found = map.get(id);
    if (!found) throw fieldError(`${what}_not_found`, field, `No ${what} "${id}".`, status);
    return found;
  }

  /**
   * The card a charge or subscription uses: the payment token's (consumed now), or, without a token, the
   * customer's default card.
   * @param {Customer} customer
   * @param {string | undefined} paymentToken
   * @param {string} tenantId
   * @param {string} field
   * @returns {Card}
   */
  function takeCard(customer, paymentToken, tenantId, field) {
    if (paymentToken === undefined) {
      const card = customer.cards.find((candidate) => candidate.default);
      if (!card) {
        throw fieldError('validation_error', field, `${field} is required: the customer has no default card.`, 400);
      }
      return card;
    }
    const found = tokens.consume(paymentToken, tenantId);
    if (found.error) {
      const [status, problem] = TOKEN_PROBLEMS[found.error] ?? TOKEN_PROBLEMS.invalid_session_token;
      throw fieldError(found.error, field, `${field} ${problem}`, status);
    }
    const { card, declinesCharges = false } = /** @type {import('./pekopay.mjs').TokenRecord} */ (found.record);
    return {
      cardLastFourDigits: /** @type {NonNullable<typeof card>} */ (card).last4Digits,
      cardType: /** @type {NonNullable<typeof card>} */ (card).cardType,
      default: false,
      declinesCharges,
    };
  }

  /**
   * Keeps a card on the customer (the same card replaces its old record), as the default card if there
   * was none.
   * @param {Customer} customer
   * @param {Card} card
   * @returns {Card} the customer's record of the card
   */
  function saveCard(customer, card) {
    let saved = customer.cards.find(
      (candidate) => candidate.cardLastFourDigits === card.cardLastFourDigits && candidate.cardType === card.cardType,
    );
    if (saved) saved.declinesCharges = card.declinesCharges;
    else customer.cards.push((saved = { ...card, default: false }));
    if (!customer.cards.some((candidate) => candidate.default)) saved.default = true;
    customer.updatedAt = now();
    return saved;
  }

  /**
   * @param {Plan} plan
   * @param {number} quantity
   * @returns {Line}
   */
  const planLine = (plan, quantity) => ({ planId: plan.id, name: plan.name, quantity, unitPriceCents: plan.amountCents });

  /**
   * Charges a card and records the transaction, declined or not.
   * @param {Omit<Transaction, 'id' | 'status' | 'createdAt'>} charge
   * @param {number} [at]
   */
  function recordCharge(charge, at = now()) {
    /** @type {Transaction} */
    const txn = { ...charge, id: newId('txn'), status: charge.card.declinesCharges ? 'DECLINED' : 'SUCCEEDED', createdAt: at };
    state.transactions.set(txn.id, txn);
    emit(txn.status === 'SUCCEEDED' ? 'transaction.succeeded' : 'transaction.failed', txn.tenantId, {
      transaction: transactionView(txn),
    });
    return txn;
  }

  /** @param {Transaction} txn */
  const declined = (txn) =>
    new HttpError(402, 'payment_declined', 'The card was declined.', { transaction: transactionView(txn) });

  /**
   * Bills one period of a subscription starting at `at`: ACTIVE on success, PAST_DUE (grace period) if declined.
   * @param {Subscription} sub
   * @param {number} at
   */
  function billPeriod(sub, at) {
    const plan = /** @type {Plan} */ (state.plans.get(sub.planId));
    const txn = recordCharge(
      {
        tenantId: sub.tenantId,
        type: 'SUBSCRIPTION',
        customerId: sub.customerId,
        subscriptionId: sub.id,
        currency: plan.currency,
        lines: [planLine(plan, sub.quantity)],
        taxCodes: sub.applicableTaxes,
        card: sub.card,
      },
      at,
    );
    sub.updatedAt = at;
    if (txn.status === 'SUCCEEDED') {
      sub.status = 'ACTIVE';
      sub.currentPeriodStart = at;
      sub.currentPeriodEnd = sub.nextBillingAt = addPeriod(at, plan.chargeFrequency);
      sub.graceEndsAt = null;
      emit('subscription.renewed', sub.tenantId, { subscription: subscriptionView(sub), transaction: transactionView(txn) });
    } else {
      sub.status = 'PAST_DUE';
      sub.graceEndsAt = at + plan.gracePeriodDays * DAY_MS;
      emit('subscription.payment_failed', sub.tenantId, { subscription: subscriptionView(sub), transaction: transactionView(txn) });
    }
    return txn;
  }

  /**
   * @param {Subscription} sub
   * @param {string} reason
   * @param {number} [at]
   */
  function cancel(sub, reason, at = now()) {
    sub.status = 'CANCELED';
    sub.canceledAt = sub.updatedAt = at;
    sub.cancelReason = reason;
    emit('subscription.canceled', sub.tenantId, { subscription: subscriptionView(sub) });
  }

  /** Runs whatever is due by the billing clock: trial ends, renewals, grace periods running out. */
  function runBilling() {
    /** @type {Transaction[]} */
    const charged = [];
    for (const sub of state.subscriptions.values()) {
      while (sub.status !== 'CANCELED') {
        if (sub.status === 'PAST_DUE') {
          if (sub.graceEndsAt !== null && sub.graceEndsAt <= now()) cancel(sub, 'grace_period_expired', sub.graceEndsAt);
          break;
        }
        if (sub.nextBillingAt > now()) break;
        charged.push(billPeriod(sub, sub.nextBillingAt));
      }
    }
    return charged;
  }

  /**
   * Answers a charge once per `Idempotency-Key`: a retry with the same key and body gets the first answer
   * (`Idempotent-Replayed: true`) and charges nothing. Answers that charged or declined are kept; errors
   * before any charge (bad input, bad token) are not, so a corrected retry may reuse the key.
   * @param {import('./index.mjs').RequestContext} ctx
   * @param {string} scope
   * @param {unknown} body
   * @param {() => { status: number, body: unknown }} run
   */
  function idempotent({ req, res }, scope, body, run) {
    const key = req.headers['idempotency-key'];
    if (key === undefined) {
      const result = runKeepingDeclines(run);
      return sendJson(res, result.status, result.body);
    }
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw fieldError('validation_error', 'Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', 400);
    }
    const id = `${scope} ${key}`;
    const fingerprint = canonicalJson(body);
    const saved = state.idempotency.get(id);
    if (saved) {
      if (saved.fingerprint !== fingerprint) {
        throw fieldError('idempotency_key_reused', 'Idempotency-Key', 'This Idempotency-Key was used with a different request.');
      }
      if (!saved.result) throw new HttpError(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is in progress.');
      return sendJson(res, saved.result.status, saved.result.body, { 'Idempotent-Replayed': 'true' });
    }
    const entry = { fingerprint, result: /** @type {{ status: number, body: unknown } | null} */ (null) };
    state.idempotency.set(id, entry);
    try {
      entry.result = runKeepingDeclines(run);
    } catch (error) {
      state.idempotency.delete(id);
      throw error;
    }
    sendJson(res, entry.result.status, entry.result.body);
  }

  /** @param {() => { status: number, body: unknown }} run */
  function runKeepingDeclines(run) {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 402) throw error;
      return { status: 402, body: errorBody(error.code, error.message, error.extra) };
    }
  }

  // ── validation of bodies ───────────────────────────────────────────────────────────────────────────
  /**
   * @param {Record<string, any>} body
   * @param {boolean} partial PUT: every field optional, at least one
   */
  function customerFields(body, partial) {
    const check = validator(body);
    const fields = {
      firstname: check.string('firstname', { required: !partial, max: 100 }),
      lastname: check.string('lastname', { required: !partial, max: 100 }),
      email: check.string('email', { required: !partial, max: 254, pattern: EMAIL, patternMessage: 'must be an email address.' })?.toLowerCase(),
      phone: check.string('phone', { max: 30, pattern: PHONE, patternMessage: 'must be a phone number, e.g. +1-604-555-1111.' }),
      type: check.string('type', { oneOf: CUSTOMER_TYPES, fallback: partial ? undefined : 'INDIVIDUAL' }),
    };
    if (partial && !check.errors.length && Object.values(fields).every((value) => value === undefined)) {
      check.fail('body', 'must set at least one of firstname, lastname, email, phone, type.');
    }
    check.done();
    return fields;
  }

  /**
   * @param {string | undefined} email
   * @param {string} [except] the customer being updated
   */
  function assertEmailFree(email, except) {
    if (email === undefined) return;
    const owner = [...state.customers.values()].find((customer) => customer.email === email && customer.id !== except);
    if (owner) {
      throw new HttpError(409, 'customer_exists', `A customer with email ${email} exists.`, {
        field: 'email',
        fields: [{ field: 'email', message: `email ${email} belongs to customer ${owner.id}.` }],
        customerId: owner.id,
      });
    }
  }

  /**
   * @param {import('./validate.mjs').Validator} check
   * @param {string} key
   */
  function taxCodes(check, key) {
    return check.codes(key, TAX_CODES) ?? [];
  }

  /**
   * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
   * @param {string} base
   */
  function register(router, base) {
    /**
     * A route under `/tenants/:tenantId`, with Basic auth and the tenant checked first.
     * @param {string} method
     * @param {string} path
     * @param {(ctx: import('./index.mjs').RequestContext & { tenantId: string, params: Record<string, string> }) => unknown} handler
     */
    const tenantRoute = (method, path, handler) =>
      router.on(method, `${base}/tenants/:tenantId${path}`, async (ctx, params) => {
        authorize(ctx.req, params.tenantId);
        await handler({ ...ctx, tenantId: params.tenantId, params });
      });
    /** @param {import('./index.mjs').RequestContext} ctx */
    const body = async ({ req }) => objectBody(await readJson(req));

    // Customers ─────────────────────────────────────────────────────────────────────────────────────
    tenantRoute('POST', '/customers', async (ctx) => {
      const fields = customerFields(await body(ctx), false);
      assertEmailFree(fields.email);
      const at = now();
      /** @type {Customer} */
      const customer = {
        id: newId('cus'),
        firstname: /** @type {string} */ (fields.firstname),
        lastname: /** @type {string} */ (fields.lastname),
        email: /** @type {string} */ (fields.email),
        phone: fields.phone ?? null,
        type: /** @type {string} */ (fields.type),
        cards: [],
        createdAt: at,
        updatedAt: at,
      };
      state.customers.set(customer.id, customer);
      sendJson(ctx.res, 201, customerView(customer));
    });

    tenantRoute('GET', '/customers', ({ res, url }) => {
      const email = url.searchParams.get('email')?.trim().toLowerCase();
      const customers = [...state.customers.values()].filter((customer) => !email || customer.email === email);
      sendJson(res, 200, customers.map(customerView));
    });

    tenantRoute('GET', '/customers/:customerId', ({ res, params }) => {
      sendJson(res, 200, customerView(find(state.customers, params.customerId, 'customer', 'customerId', 404)));
    });

    tenantRoute('PUT', '/customers/:customerId', async (ctx) => {
      const customer = find(state.customers, ctx.params.customerId, 'customer', 'customerId', 404);
      const fields = customerFields(await body(ctx), true);
      assertEmailFree(fields.email, customer.id);
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) Object.assign(customer, { [key]: value });
      }
      customer.updatedAt = now();
      sendJson(ctx.res, 200, customerView(customer));
    });

    tenantRoute('DELETE', '/customers/:customerId', ({ res, params }) => {
      const customer = find(state.customers, params.customerId, 'customer', 'customerId', 404);
      state.customers.delete(customer.id);
      sendJson(res, 200, { id: customer.id, deleted: true });
    });

    tenantRoute('PUT', '/customers/:customerId/payment-methods', async (ctx) => {
      const customer = find(state.customers, ctx.params.customerId, 'customer', 'customerId', 404);
      const check = validator(await body(ctx));
      const paymentToken = check.string('paymentToken', { required: true, max: 200 });
      check.done();
      saveCard(customer, takeCard(customer, paymentToken, ctx.tenantId, 'paymentToken'));
      sendJson(ctx.res, 200, customerView(customer));
    });

    tenantRoute('GET', '/customers/:customerId/credit-cards', ({ res, params }) => {
      const customer = find(state.customers, params.customerId, 'customer', 'customerId', 404);
      sendJson(res, 200, customer.cards.map(creditCardView));
    });

    tenantRoute('PUT', '/customers/:customerId/credit-card/choose', async (ctx) => {
      const customer = find(state.customers, ctx.params.customerId, 'customer', 'customerId', 404);
      const check = validator(await body(ctx));
      const last4 = check.string('cardLastFourDigits', { required: true, max: 4, pattern: /^\d{4}$/, patternMessage: 'must be 4 digits.' });
      const cardType = check.string('cardType', { required: true, oneOf: CARD_TYPES });
      check.done();
      const card = customer.cards.find((saved) => saved.cardLastFourDigits === last4 && saved.cardType === cardType);
      if (!card) {
        throw fieldError('card_not_found', 'cardLastFourDigits', `The customer has no ${cardType} card ending in ${last4}.`);
      }
      for (const saved of customer.cards) saved.default = saved === card;
      customer.updatedAt = now();
      sendJson(ctx.res, 200, customerView(customer));
    });

    // Products ──────────────────────────────────────────────────────────────────────────────────────
    tenantRoute('POST', '/products', async (ctx) => {
      const check = validator(await body(ctx));
      const name = check.string('name', { required: true });
      const description = check.string('description', { max: 1000 });
      const price = check.money('price');
      const currency = check.currency('currency');
      const active = check.boolean('active', true);
      check.done();
      /** @type {Product} */
      const product = {
        id: newId('prod'),
        name: /** @type {string} */ (name),
        description: description ?? null,
        priceCents: Math.round(/** @type {number} */ (price) * 100),
        currency: /** @type {string} */ (currency),
        active: /** @type {boolean} */ (active),
        createdAt: now(),
      };
      state.products.set(product.id, product);
      sendJson(ctx.res, 201, productView(product));
    });

    tenantRoute('GET', '/products', ({ res }) => sendJson(res, 200, [...state.products.values()].map(productView)));

    tenantRoute('GET', '/products/:productId', ({ res, params }) => {
      sendJson(res, 200, productView(find(state.products, params.productId, 'product', 'productId', 404)));
    });

    // One-time transactions ─────────────────────────────────────────────────────────────────────────
    tenantRoute('POST', '/transactions', async (ctx) => {
      const input = await body(ctx);
      idempotent(ctx, `${ctx.tenantId} transactions`, input, () => {
        const check = validator(input);
        const paymentToken = check.string('paymentToken', { max: 200 });
        const customerId = check.string('customerId', { required: true });
        const taxes = taxCodes(check, 'taxRatesOptions');
        /** @type {{ productId: string, quantity: number }[]} */
        const items = [];
        if (!Array.isArray(input.items) || input.items.length === 0 || input.items.length > MAX_ITEMS) {
          check.fail('items', `must be an array of 1 to ${MAX_ITEMS} { productId, quantity }.`);
        } else {
          input.items.forEach((/** @type {unknown} */ item, /** @type {number} */ index) => {
            if (typeof item !== 'object' || item === null || Array.isArray(item)) {
              check.fail(`items[${index}]`, 'must be an object { productId, quantity }.');
              return;
            }
            const line = validator(/** @type {Record<string, any>} */ (item), `items[${index}].`, check.errors);
            const productId = line.string('productId', { required: true });
            const quantity = line.integer('quantity', { required: true, min: 1, max: MAX_QUANTITY });
            if (productId !== undefined && quantity !== undefined) items.push({ productId, quantity });
          });
        }
        check.done();

        const customer = find(state.customers, /** @type {string} */ (customerId), 'customer', 'customerId', 422);
        const lines = items.map(({ productId, quantity }, index) => {
          const product = find(state.products, productId, 'product', `items[${index}].productId`, 422);
          if (!product.active) throw fieldError('product_inactive', `items[${index}].productId`, `Product ${productId} is not active.`);
          return { product, line: { productId, name: product.name, quantity, unitPriceCents: product.priceCents } };
        });
        const currency = lines[0].product.currency;
        const other = lines.findIndex(({ product }) => product.currency !== currency);
        if (other >= 0) {
          throw fieldError('currency_mismatch', `items[${other}].productId`, `Every item must be priced in ${currency}.`);
        }
        const card = takeCard(customer, paymentToken, ctx.tenantId, 'paymentToken');
        const txn = recordCharge({
          tenantId: ctx.tenantId,
          type: 'ONE_TIME',
          customerId: customer.id,
          subscriptionId: null,
          currency,
          lines: lines.map(({ line }) => line),
          taxCodes: taxes,
          card,
        });
        if (txn.status !== 'SUCCEEDED') throw declined(txn);
        saveCard(customer, card);
        return { status: 201, body: transactionView(txn) };
      });
    });

    tenantRoute('GET', '/transactions', ({ res, url }) => {
      const customerId = url.searchParams.get('customerId');
      const subscriptionId = url.searchParams.get('subscriptionId');
      const transactions = [...state.transactions.values()].filter(
        (txn) => (!customerId || txn.customerId === customerId) && (!subscriptionId || txn.subscriptionId === subscriptionId),
      );
      sendJson(res, 200, transactions.map(transactionView));
    });

    tenantRoute('GET', '/transactions/:transactionId', ({ res, params }) => {
      sendJson(res, 200, transactionView(find(state.transactions, params.transactionId, 'transaction', 'transactionId', 404)));
    });

    // Plans ─────────────────────────────────────────────────────────────────────────────────────────
    tenantRoute('POST', '/plans', async (ctx) => {
      const check = validator(await body(ctx));
      const name = check.string('name', { required: true });
      const description = check.string('description', { max: 1000 });
      const amount = check.money('recurringChargeAmount');
      const chargeFrequency = check.string('chargeFrequency', { required: true, oneOf: Object.keys(FREQUENCIES) });
      const currency = check.currency('currency');
      const trialPeriodDays = check.integer('trialPeriodDays', { max: 730, fallback: 0 });
      const gracePeriodDays = check.integer('gracePeriodDays', { max: 365, fallback: 0 });
      const active = check.boolean('active', true);
      check.done();
      /** @type {Plan} */
      const plan = {
        id: newId('plan'),
        name: /** @type {string} */ (name),
        description: description ?? null,
        amountCents: Math.round(/** @type {number} */ (amount) * 100),
        chargeFrequency: /** @type {string} */ (chargeFrequency),
        currency: /** @type {string} */ (currency),
        trialPeriodDays: /** @type {number} */ (trialPeriodDays),
        gracePeriodDays: /** @type {number} */ (gracePeriodDays),
        active: /** @type {boolean} */ (active),
        createdAt: now(),
      };
      state.plans.set(plan.id, plan);
      sendJson(ctx.res, 201, planView(plan));
    });

    tenantRoute('GET', '/plans', ({ res }) => sendJson(res, 200, [...state.plans.values()].map(planView)));

    tenantRoute('GET', '/plans/:planId', ({ res, params }) => {
      sendJson(res, 200, planView(find(state.plans, params.planId, 'plan', 'planId', 404)));
    });

    // Subscriptions ─────────────────────────────────────────────────────────────────────────────────
    /**
     * A plan a subscription may move to.
     * @param {string} planId
     * @param {string} field
     */
    const usablePlan = (planId, field) => {
      const plan = find(state.plans, planId, 'plan', field, 422);
      if (!plan.active) throw fieldError('plan_inactive', field, `Plan ${planId} is not active.`);
      return plan;
    };
    /** @param {{ params: Record<string, string> }} ctx */
    const liveSubscription = ({ params }) => {
      const sub = find(state.subscriptions, params.subscriptionId, 'subscription', 'subscriptionId', 404);
      if (sub.status === 'CANCELED') {
        throw new HttpError(409, 'subscription_canceled', `Subscription ${sub.id} is canceled.`, { field: 'subscriptionId' });
      }
      return sub;
    };

    tenantRoute('POST', '/subscriptions', async (ctx) => {
      const input = await body(ctx);
      idempotent(ctx, `${ctx.tenantId} subscriptions`, input, () => {
        const check = validator(input);
        const paymentToken = check.string('paymentToken', { max: 200 });
        const fields = check.object('subscription', (nested) => ({
          planId: nested.string('planId', { required: true }),
          customerId: nested.string('customerId', { required: true }),
          quantity: nested.integer('quantity', { min: 1, max: MAX_QUANTITY, fallback: 1 }),
          applicableTaxes: nested.codes('applicableTaxes', TAX_CODES) ?? [],
        }));
        check.done();
        const { planId, customerId, quantity, applicableTaxes } = /** @type {NonNullable<typeof fields>} */ (fields);
        const plan = usablePlan(/** @type {string} */ (planId), 'subscription.planId');
        const customer = find(state.customers, /** @type {string} */ (customerId), 'customer', 'subscription.customerId', 422);
        const card = takeCard(customer, paymentToken, ctx.tenantId, 'paymentToken');
        const at = now();
        const trialEndsAt = plan.trialPeriodDays > 0 ? at + plan.trialPeriodDays * DAY_MS : null;
        /** @type {Subscription} */
        const sub = {
          id: newId('sub'),
          tenantId: ctx.tenantId,
          customerId: customer.id,
          planId: plan.id,
          quantity: /** @type {number} */ (quantity),
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
        /** @type {Transaction | undefined} */
        let firstCharge;
        if (trialEndsAt === null) {
          // No trial: the first period is paid now, or there is no subscription.
          firstCharge = recordCharge(
            {
              tenantId: ctx.tenantId,
              type: 'SUBSCRIPTION',
              customerId: customer.id,
              subscriptionId: sub.id,
              currency: plan.currency,
              lines: [planLine(plan, sub.quantity)],
              taxCodes: applicableTaxes,
              card,
            },
            at,
          );
          if (firstCharge.status !== 'SUCCEEDED') throw declined(firstCharge);
          sub.status = 'ACTIVE';
          sub.currentPeriodEnd = sub.nextBillingAt = addPeriod(at, plan.chargeFrequency);
        }
        sub.card = saveCard(customer, card);
        state.subscriptions.set(sub.id, sub);
        const view = subscriptionView(sub);
        emit('subscription.created', ctx.tenantId, { subscription: view, ...(firstCharge && { transaction: transactionView(firstCharge) }) });
        return { status: 201, body: view };
      });
    });

    tenantRoute('GET', '/subscriptions', ({ res, url }) => {
      const customerId = url.searchParams.get('customerId');
      const status = url.searchParams.get('status');
      const subs = [...state.subscriptions.values()].filter(
        (sub) => (!customerId || sub.customerId === customerId) && (!status || sub.status === status),
      );
      sendJson(res, 200, subs.map(subscriptionView));
    });

    tenantRoute('GET', '/subscriptions/:subscriptionId', ({ res, params }) => {
      sendJson(res, 200, subscriptionView(find(state.subscriptions, params.subscriptionId, 'subscription', 'subscriptionId', 404)));
    });

    /**
     * A PATCH that changes one thing about a live subscription and says so in `subscription.updated`.
     * @param {string} path
     * @param {'plan' | 'quantity' | 'payment_source'} change
     * @param {(sub: Subscription, input: Record<string, any>, tenantId: string) => unknown} apply returns the previous value
     */
    const patch = (path, change, apply) =>
      tenantRoute('PATCH', `/subscriptions/:subscriptionId${path}`, async (ctx) => {
        const input = await body(ctx);
        const sub = liveSubscription(ctx);
        const previous = apply(sub, input, ctx.tenantId);
        sub.updatedAt = now();
        emit('subscription.updated', ctx.tenantId, { subscription: subscriptionView(sub), change, previous });
        sendJson(ctx.res, 200, subscriptionView(sub));
      });

    // The new plan applies from the next billing date: no proration.
    patch('/switch', 'plan', (sub, input) => {
      const check = validator(input);
      const planId = check.string('planId', { required: true });
      check.done();
      const plan = usablePlan(/** @type {string} */ (planId), 'planId');
      const current = /** @type {Plan} */ (state.plans.get(sub.planId));
      if (plan.currency !== current.currency) {
        throw fieldError('currency_mismatch', 'planId', `Plan ${plan.id} is priced in ${plan.currency}, the subscription in ${current.currency}.`);
      }
      sub.planId = plan.id;
      return { planId: current.id };
    });

    patch('/quantity', 'quantity', (sub, input) => {
      const check = validator(input);
      const quantity = check.integer('quantity', { required: true, min: 1, max: MAX_QUANTITY });
      check.done();
      const previous = { quantity: sub.quantity };
      sub.quantity = /** @type {number} */ (quantity);
      return previous;
    });

    // A new card for a PAST_DUE subscription pays the missed period at once.
    patch('/payment-source', 'payment_source', (sub, input, tenantId) => {
      const check = validator(input);
      const pfToken = check.string('pfToken', { required: true, max: 200 });
      check.done();
      const customer = state.customers.get(sub.customerId);
      const previous = { paymentSource: cardView(sub.card) };
      const card = takeCard(customer ?? { cards: [] }, pfToken, tenantId, 'pfToken');
      sub.card = customer ? saveCard(customer, card) : card;
      if (sub.status === 'PAST_DUE') billPeriod(sub, sub.nextBillingAt);
      return previous;
    });

    tenantRoute('DELETE', '/subscriptions/:subscriptionId', ({ res, params }) => {
      const sub = find(state.subscriptions, params.subscriptionId, 'subscription', 'subscriptionId', 404);
      if (sub.status !== 'CANCELED') cancel(sub, 'requested');
      sendJson(res, 200, subscriptionView(sub));
    });

    // Sandbox-only ──────────────────────────────────────────────────────────────────────────────────
    router.on('GET', `${base}/test-clock`, ({ req, res }) => {
      authorize(req);
      sendJson(res, 200, { now: iso(now()), offsetSeconds: Math.round(state.clockOffsetMs / 1000) });
    });

    router.on('POST', `${base}/test-clock/advance`, async (ctx) => {
      authorize(ctx.req);
      const input = await body(ctx);
      const check = validator(input);
      const days = check.integer('days', { max: MAX_CLOCK_DAYS, fallback: 0 });
      const hours = check.integer('hours', { max: MAX_CLOCK_DAYS * 24, fallback: 0 });
      const seconds = check.integer('seconds', { max: MAX_CLOCK_DAYS * DAY_MS / 1000, fallback: 0 });
      if (!check.errors.length && !days && !hours && !seconds) check.fail('days', 'or hours or seconds is required.');
      check.done();
      state.clockOffsetMs += (/** @type {number} */ (days) * 24 * 3600 + /** @type {number} */ (hours) * 3600 + /** @type {number} */ (seconds)) * 1000;
      const charged = runBilling();
      sendJson(ctx.res, 200, { now: iso(now()), transactions: charged.map(transactionView) });
    });

    router.on('GET', `${base}/webhook-deliveries`, ({ req, res }) => {
      authorize(req);
      sendJson(res, 200, webhooks.deliveries.map(({ body: raw, ...delivery }) => ({ ...delivery, event: JSON.parse(raw) })));
    });

    router.on(['GET', 'PUT'], `${base}/webhook-endpoint`, async (ctx) => {
      authorize(ctx.req);
      if (ctx.req.method === 'PUT') {
        const check = validator(await body(ctx));
        const url = check.string('url', { required: true, max: 2000, pattern: /^https?:\/\/\S+$/, patternMessage: 'must be an http(s) URL.' });
        const secret = check.string('secret', { max: 200 });
        check.done();
        webhooks.configure({ url, secret });
      }
      sendJson(ctx.res, 200, { url: webhooks.url || null });
    });
  }

  return {
    register,
    /** Forgets every resource, idempotency key and clock advance. */
    reset() {
      state = emptyState();
    },
    /** Runs what is due by the billing clock (also done by `POST /test-clock/advance`). */
    runBilling,
  };
}
