// The demo merchant's PekoPay backend (/api/pekopay/…), written as the seeds' production tips say: it holds
// the credentials and never sends them to the browser; prices and totals come from its own catalog, never
// from the browser; order creation is idempotent under the client's key; each order keeps the PekoPay
// transaction id; webhooks are verified before they change anything. PekoPay calls go through
// `pay-checkout/server`, against the sandbox unless PEKOPAY_* environment variables point elsewhere.
// @ts-check
import { randomUUID } from 'node:crypto';
import { createPekoPayTokenHandler, parsePekoPayWebhook, PekoPayClient, PekoPayError } from 'pay-checkout/server';
import {
  BackendError,
  methodNotAllowed,
  readJsonBody,
  readRawBody,
  runFetchHandler,
  sandboxFaultsPassThrough,
  sandboxSwitches,
  sendFailure,
  sendJson,
} from './backend-http.mjs';

const UPSTREAM_TIMEOUT_MS = 10_000;
/** Sandbox-only query parameters the token endpoint passes on, so tests can drive faults and expiry. */
const SANDBOX_PASSTHROUGH = ['ttl', 'sandbox_fault', 'sandbox_delay'];
/** What the sandbox signs its webhooks with (sandbox/server/index.mjs); real ones: PEKOPAY_WEBHOOK_SECRET. */
const SANDBOX_WEBHOOK_SECRET = 'demo-webhook-secret';
const KEY = /^[\x21-\x7e]{1,200}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_KEPT = 1000;
const TOKEN_CODES = ['invalid_session_token', 'token_expired', 'token_used', 'token_not_tokenized'];

/**
 * The shop's catalog, its source of truth for what things cost (the browser only ever sends SKUs and
 * quantities). The same products and plans are provisioned at PekoPay on first use.
 */
export const CATALOG = Object.freeze({
  currency: 'CAD',
  products: [
    { sku: 'backpack', name: 'Trailhead 30 L backpack', description: 'Waterproof, recycled nylon', price: 99.0 },
    { sku: 'bottle', name: 'Insulated bottle 750 ml', description: 'Keeps drinks cold for 24 hours', price: 34.5 },
    { sku: 'headlamp', name: 'Rechargeable headlamp', description: '400 lumens, USB-C', price: 49.99 },
  ],
  plans: [
    { key: 'starter', name: 'Starter Monthly', description: 'Starter package', price: 29.99, trialPeriodDays: 14, gracePeriodDays: 7 },
    { key: 'growth', name: 'Growth Monthly', description: 'Growth tier for teams', price: 99.0, trialPeriodDays: 14, gracePeriodDays: 7 },
  ],
  /** British Columbia: GST 5 % and PST 7 %, each rounded on the subtotal, as PekoPay computes them. */
  taxes: [
    { code: 'gst', name: 'GST', rate: 5 },
    { code: 'pst', name: 'PST', rate: 7 },
  ],
});

/**
 * @typedef {object} PekoPayConfig
 * @property {string} baseUrl e.g. `https://sandbox-api.peko-pay.com` or `http://127.0.0.1:8000/sandbox/pekopay`
 * @property {string} tenantId
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string} [webhookSecret] checks `X-Webhook-Signature` (default: the sandbox's)
 */

/**
 * PekoPay settings from the environment, defaulting to the sandbox at `sandboxBaseUrl` and its demo credentials.
 * @param {string} sandboxBaseUrl
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PekoPayConfig}
 */
export function pekopayConfigFromEnv(sandboxBaseUrl, env = process.env) {
  return {
    baseUrl: env.PEKOPAY_BASE_URL || sandboxBaseUrl,
    tenantId: env.PEKOPAY_TENANT_ID || 'demo-tenant',
    clientId: env.PEKOPAY_CLIENT_ID || 'demo-client',
    clientSecret: env.PEKOPAY_CLIENT_SECRET || 'demo-secret',
    webhookSecret: env.PEKOPAY_WEBHOOK_SECRET || SANDBOX_WEBHOOK_SECRET,
  };
}

const cents = (/** @type {number} */ amount) => Math.round(amount * 100);
const major = (/** @type {number} */ amountCents) => amountCents / 100;

/**
 * What a cart costs, from the catalog: lines, each tax rounded on the subtotal, total.
 * @param {{ sku: string, quantity: number }[]} items
 */
export function priceCart(items) {
  const lines = items.map(({ sku, quantity }) => {
    const product = /** @type {typeof CATALOG.products[number]} */ (CATALOG.products.find((candidate) => candidate.sku === sku));
    return { sku, name: product.name, quantity, unitPrice: product.price, amount: major(cents(product.price) * quantity) };
  });
  const subtotal = lines.reduce((sum, line) => sum + cents(line.amount), 0);
  const taxes = CATALOG.taxes.map((tax) => ({ ...tax, amount: Math.round((subtotal * tax.rate) / 100) }));
  const total = subtotal + taxes.reduce((sum, tax) => sum + tax.amount, 0);
  return {
    currency: CATALOG.currency,
    lines,
    subtotal: major(subtotal),
    taxes: taxes.map((tax) => ({ ...tax, amount: major(tax.amount) })),
    total: major(total),
    /** For `<pay-checkout amount>`, which takes minor units. */
    amountMinor: total,
  };
}

/**
 * @param {Record<string, any>} source
 * @param {string} field
 * @param {{ max?: number, pattern?: RegExp }} [rules]
 */
function requireString(source, field, { max = 200, pattern } = {}) {
  const value = source?.[field];
  if (typeof value !== 'string' || !value.trim() || value.length > max || (pattern && !pattern.test(value.trim()))) {
    throw new BackendError(400, 'validation_error', `${field} is missing or not valid.`, { field });
  }
  return value.trim();
}

/** @param {Record<string, any>} body */
function customerOf(body) {
  const customer = body.customer ?? {};
  return {
    email: requireString(customer, 'email', { max: 254, pattern: EMAIL }).toLowerCase(),
    firstname: requireString(customer, 'firstname', { max: 100 }),
    lastname: requireString(customer, 'lastname', { max: 100 }),
    type: /** @type {'INDIVIDUAL'} */ ('INDIVIDUAL'),
  };
}

/** @typedef {{ cardLastFourDigits: string, cardType: any }} PekoPayCardRef */

/**
 * The saved card a `pay-token` named (`{ last4, cardType }`), as PekoPay names cards.
 * @param {any} card
 * @returns {PekoPayCardRef}
 */
function savedCardOf(card) {
  const last4 = requireString(card ?? {}, 'last4', { max: 4, pattern: /^\d{4}$/ });
  const cardType = requireString(card ?? {}, 'cardType', { max: 20, pattern: /^[A-Z_]+$/ });
  return { cardLastFourDigits: last4, cardType };
}

/**
 * The idempotency key the browser sent (`pay-token`'s `idempotencyKey`), if any.
 * @param {import('node:http').IncomingMessage} req
 */
function idempotencyKeyOf(req) {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new BackendError(400, 'validation_error', 'Idempotency-Key must be 1 to 200 visible characters.', { field: 'Idempotency-Key' });
  }
  return key;
}

/**
 * What the browser may learn from a failed PekoPay call: never credentials, never our configuration.
 * @param {unknown} error
 */
function forBrowser(error) {
  if (!(error instanceof PekoPayError)) return error;
  if (error.status === 402) {
    const transaction = /** @type {any} */ (error.body)?.transaction;
    return new BackendError(402, 'payment_declined', 'The card was declined. Try another card.', { transactionId: transaction?.id });
  }
  if (TOKEN_CODES.includes(error.code)) {
    return new BackendError(409, error.code, 'This payment can no longer be charged. Enter your card again.', { field: 'paymentToken' });
  }
  if (error.status === 404) return new BackendError(404, error.code, error.message);
  if (error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 403) {
    return new BackendError(422, error.code, error.message, { field: error.field });
  }
  return new BackendError(502, 'provider_unavailable', 'PekoPay could not be reached. Try again in a moment.');
}

/**
 * Keeps a map from growing without end (the demo's "database" is memory).
 * @template K, V
 * @param {Map<K, V>} map
 */
function trim(map) {
  while (map.size > MAX_KEPT) map.delete(/** @type {K} */ (map.keys().next().value));
}

/**
 * @param {{
 *   config: PekoPayConfig,
 *   activity: import('./activity.mjs').ActivityLog,
 *   upstreamTimeoutMs?: number,
 * }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createPekoPayBackend({ config, activity, upstreamTimeoutMs = UPSTREAM_TIMEOUT_MS }) {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const isSandbox = baseUrl.includes('/sandbox/');
  const webhookSecret = config.webhookSecret ?? SANDBOX_WEBHOOK_SECRET;
  const loggingFetch = activity.loggingFetch('pekopay', baseUrl);
  const client = new PekoPayClient({ ...config, baseUrl, fetch: loggingFetch, timeout: upstreamTimeoutMs });

  // The shop's "database": carts, orders (with PekoPay's transaction id), subscribed accounts.
  /** @type {Map<string, { cartId: string, customer: ReturnType<typeof customerOf>, items: { sku: string, quantity: number }[], price: ReturnType<typeof priceCart>, orderKey?: string, orderId?: string }>} */
  const carts = new Map();
  /** @type {Map<string, Record<string, any>>} */
  const orders = new Map();
  /** Idempotency: the client's key → the order being or already placed under it. */
  /** @type {Map<string, { cartId: string, placing: Promise<{ order: Record<string, any>, transaction: unknown }> }>} */
  const ordersByKey = new Map();
  /** @type {Map<string, Record<string, any>>} */
  const accounts = new Map();
  /** @type {Map<string, { email: string, plan: string, signing: Promise<{ subscription: any, account: Record<string, any> }> }>} */
  const signupsByKey = new Map();
  /** @type {Set<string>} */
  const seenWebhooks = new Set();

  // ── catalog: provisioned at PekoPay once, ids kept in this "config layer" ──────────────────────────
  /** @type {Promise<{ products: Map<string, string>, plans: Map<string, string> }> | undefined} */
  let providerIds;
  async function provision() {
    const [products, plans] = await Promise.all([client.listProducts(), client.listPlans()]);
    const productIds = new Map();
    for (const { sku, name, description, price } of CATALOG.products) {
      const found = products.find((p) => p.name === name && p.price === price && p.currency === CATALOG.currency && p.active);
      productIds.set(sku, (found ?? (await client.createProduct({ name, description, price, currency: CATALOG.currency, active: true }))).id);
    }
    const planIds = new Map();
    for (const { key, name, description, price, trialPeriodDays, gracePeriodDays } of CATALOG.plans) {
      const found = plans.find((p) => p.name === name && p.recurringChargeAmount === price && p.currency === CATALOG.currency && p.active);
      const plan =
        found ??
        (await client.createPlan({
          name,
          description,
          recurringChargeAmount: price,
          chargeFrequency: 'MONTHLY',
          currency: CATALOG.currency,
          trialPeriodDays,
          gracePeriodDays,
          active: true,
        }));
      planIds.set(key, plan.id);
    }
    return { products: productIds, plans: planIds };
  }
  /**
   * Runs `use` with PekoPay's ids of the catalog, provisioning it first if needed, and once more if PekoPay
   * no longer knows an id (the sandbox was reset).
   * @template T
   * @param {(ids: { products: Map<string, string>, plans: Map<string, string> }) => Promise<T>} use
   */
  async function withCatalog(use) {
    for (let attempt = 0; ; attempt++) {
      providerIds ??= provision().catch((error) => {
        providerIds = undefined;
        throw error;
      });
      try {
        return await use(await providerIds);
      } catch (error) {
        const stale = error instanceof PekoPayError && /^(product|plan)_not_found$/.test(error.code);
        if (!stale || attempt > 0) throw error;
        providerIds = undefined;
      }
    }
  }

  /**
   * A charge, retried once with the same idempotency key when PekoPay did not answer or failed on its side:
   * the key makes the retry safe (no second charge).
   * @template T
   * @param {() => Promise<T>} charge
   */
  async function chargeWithRetry(charge) {
    try {
      return await charge();
    } catch (error) {
      if (error instanceof PekoPayError && error.retryable) return charge();
      throw error;
    }
  }

  // ── handlers ────────────────────────────────────────────────────────────────────────────────────────
  /**
   * `GET|POST /api/pekopay/token` → `{ token }` for the element's `token-url`: pay-checkout/server's handler.
   * Sandbox faults pass through, so the element's handling of a broken token endpoint can be tested end to end.
   */
  const tokenHandler = createPekoPayTokenHandler({
    client,
    callOptions: sandboxSwitches(isSandbox, SANDBOX_PASSTHROUGH),
    onError: sandboxFaultsPassThrough(isSandbox),
  });
  /** @type {Handler} */
  const issueToken = ({ req, res }) => runFetchHandler(tokenHandler, req, res);

  /**
   * `GET /api/pekopay/config`: what a page needs to mount the element — nothing secret.
   * @type {Handler}
   */
  async function publicConfig({ res }) {
    const production = new URL(baseUrl).hostname === 'gateway.peko-pay.com';
    sendJson(res, 200, {
      environment: isSandbox || !production ? 'sandbox' : 'production',
      // The local sandbox serves its `@pekopay/web` stand-in; with the real PekoPay the element's default applies.
      sdkUrl: isSandbox ? `${baseUrl}/web/dist/index.js` : null,
      sandbox: isSandbox,
      tokenUrl: '/api/pekopay/token',
    });
  }

  /** @type {Handler} */
  async function catalog({ res }) {
    sendJson(res, 200, {
      currency: CATALOG.currency,
      products: CATALOG.products.map((product) => ({ ...product, currency: CATALOG.currency })),
      plans: CATALOG.plans.map((plan) => ({ ...plan, currency: CATALOG.currency, chargeFrequency: 'MONTHLY', ...priceOfPlan(plan.key) })),
      taxes: CATALOG.taxes,
    });
  }

  /** @param {string} key */
  function priceOfPlan(key) {
    const plan = /** @type {typeof CATALOG.plans[number]} */ (CATALOG.plans.find((candidate) => candidate.key === key));
    const subtotal = cents(plan.price);
    const tax = CATALOG.taxes.reduce((sum, { rate }) => sum + Math.round((subtotal * rate) / 100), 0);
    return { totalPerPeriod: major(subtotal + tax) };
  }

  /**
   * `POST /api/pekopay/cart` `{ items: [{ sku, quantity }], customer: { email, firstname, lastname } }` →
   * the cart priced by the server, with the `cartId` to pay it.
   * @type {Handler}
   */
  async function createCart({ req, res }) {
    const body = await readJsonBody(req);
    const customer = customerOf(body);
    const items = body.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > 20) {
      throw new BackendError(400, 'validation_error', 'items must list 1 to 20 products.', { field: 'items' });
    }
    /** @type {{ sku: string, quantity: number }[]} */
    const lines = items.map((item, index) => {
      const sku = item?.sku;
      if (!CATALOG.products.some((product) => product.sku === sku)) {
        throw new BackendError(400, 'validation_error', `items[${index}].sku is not a product of this shop.`, { field: `items[${index}].sku` });
      }
      if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 99) {
        throw new BackendError(400, 'validation_error', `items[${index}].quantity must be 1 to 99.`, { field: `items[${index}].quantity` });
      }
      return { sku, quantity: item.quantity };
    });
    if (new Set(lines.map((line) => line.sku)).size !== lines.length) {
      throw new BackendError(400, 'validation_error', 'items must list each product once.', { field: 'items' });
    }
    const cart = { cartId: `cart_${randomUUID()}`, customer, items: lines, price: priceCart(lines) };
    carts.set(cart.cartId, cart);
    trim(carts);
    sendJson(res, 201, { cartId: cart.cartId, customer, ...cart.price, savedCards: await savedCardsOf(customer.email) });
  }

  /**
   * A returning customer's saved cards, in the element's `cards` shape. Demo shortcut: the shop knows its
   * customer by the e-mail typed in; a real shop lists the cards of the signed-in account only.
   * @param {string} email
   */
  async function savedCardsOf(email) {
    try {
      const [known] = await client.listCustomers({ email });
      if (!known) return [];
      const cards = await client.listCreditCards(known.id);
      return cards.map((card) => ({ last4: card.cardLastFourDigits, cardType: card.cardType, default: card.default }));
    } catch {
      return []; // no saved cards to offer is not a reason to refuse the cart
    }
  }

  /**
   * `POST /api/pekopay/checkout/complete` `{ paymentToken, cartId }` (the seed's payload), or
   * `{ savedCard: { last4, cardType }, cartId }` for a card the customer saved earlier, with the
   * `Idempotency-Key` of `pay-token`: charges the cart once. A retry with the same key gets the same order;
   * without a key the cart itself is the key. A cart is paid at most once.
   * @type {Handler}
   */
  async function completeCheckout({ req, res }) {
    const body = await readJsonBody(req);
    const savedCard = body.savedCard == null ? undefined : savedCardOf(body.savedCard);
    const paymentToken = savedCard ? undefined : requireString(body, 'paymentToken');
    const cartId = requireString(body, 'cartId');
    const cart = carts.get(cartId);
    if (!cart) throw new BackendError(404, 'cart_not_found', 'This cart does not exist (any more). Reload the page.');
    const key = idempotencyKeyOf(req) ?? `cart:${cartId}`;

    const earlier = ordersByKey.get(key);
    if (earlier) {
      if (earlier.cartId !== cartId) {
        throw new BackendError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another cart.', { field: 'Idempotency-Key' });
      }
      return sendJson(res, 200, { ...(await earlier.placing), replayed: true });
    }
    if (cart.orderKey) {
      const order = cart.orderId ? orders.get(cart.orderId) : undefined;
      throw new BackendError(409, 'cart_already_paid', 'This cart is already paid or being paid.', { orderId: order?.orderId });
    }

    cart.orderKey = key;
    const placing = placeOrder(cart, paymentToken ? { paymentToken } : { savedCard: /** @type {PekoPayCardRef} */ (savedCard) });
    ordersByKey.set(key, { cartId, placing });
    trim(ordersByKey);
    try {
      sendJson(res, 201, await placing);
    } catch (error) {
      // Nothing was charged: the shopper may pay this cart again (with a new token and key).
      ordersByKey.delete(key);
      delete cart.orderKey;
      throw forBrowser(error);
    }
  }

  /**
   * @param {NonNullable<ReturnType<typeof carts.get>>} cart
   * @param {{ paymentToken: string } | { savedCard: PekoPayCardRef }} paidWith
   */
  async function placeOrder(cart, paidWith) {
    const orderId = `ord_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const customer = await client.findOrCreateCustomer(cart.customer);
    if ('savedCard' in paidWith) {
      // The seeds' "choose default card", then a transaction without a token charges that card.
      const { savedCard } = paidWith;
      const cards = await client.listCreditCards(customer.id);
      if (!cards.some((card) => card.cardLastFourDigits === savedCard.cardLastFourDigits && card.cardType === savedCard.cardType)) {
        throw new BackendError(422, 'card_not_found', 'This customer has no such saved card.', { field: 'savedCard' });
      }
      await client.chooseDefaultCard(customer.id, savedCard);
    }
    const paymentToken = 'paymentToken' in paidWith ? paidWith.paymentToken : undefined;
    const transaction = await withCatalog((ids) =>
      chargeWithRetry(() =>
        client.createTransaction(
          {
            ...(paymentToken ? { paymentToken } : {}),
            customerId: customer.id,
            items: cart.items.map(({ sku, quantity }) => ({ productId: /** @type {string} */ (ids.products.get(sku)), quantity })),
            taxRatesOptions: CATALOG.taxes.map((tax) => tax.code),
          },
          // Our order id, so that a retry of this very charge is never a second charge.
          { idempotencyKey: orderId },
        ),
      ),
    );
    const order = {
      orderId,
      cartId: cart.cartId,
      status: 'paid',
      transactionId: transaction.id,
      customerId: customer.id,
      currency: transaction.currency,
      lines: cart.price.lines,
      total: transaction.total,
      // The server's own total; a difference would be a pricing bug to reconcile, never the browser's say.
      expectedTotal: cart.price.total,
      totalsMatch: transaction.total === cart.price.total,
      card: transaction.card,
      confirmedByWebhook: false,
      createdAt: new Date().toISOString(),
    };
    orders.set(orderId, order);
    trim(orders);
    cart.orderId = orderId;
    return { order, transaction };
  }

  /** @type {Handler} */
  async function getOrder({ res, params }) {
    const order = orders.get(params[0]);
    if (!order) throw new BackendError(404, 'order_not_found', 'No such order.');
    sendJson(res, 200, { order });
  }

  /**
   * `POST /api/pekopay/subscriptions` `{ paymentToken, plan, customer }` with `pay-token`'s Idempotency-Key:
   * creates or reuses the customer by email and subscribes them (trial first, as the plan says).
   * @type {Handler}
   */
  async function subscribe({ req, res }) {
    const body = await readJsonBody(req);
    const paymentToken = requireString(body, 'paymentToken');
    const planKey = requireString(body, 'plan');
    if (!CATALOG.plans.some((plan) => plan.key === planKey)) {
      throw new BackendError(400, 'validation_error', 'plan is not a plan of this shop.', { field: 'plan' });
    }
    const customer = customerOf(body);
    const key = idempotencyKeyOf(req);
    const earlier = key ? signupsByKey.get(key) : undefined;
    if (earlier) {
      if (earlier.email !== customer.email || earlier.plan !== planKey) {
        throw new BackendError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another signup.', { field: 'Idempotency-Key' });
      }
      return sendJson(res, 200, { ...(await earlier.signing), replayed: true });
    }
    // One key for PekoPay per signup, so that a retried call cannot subscribe twice.
    const providerKey = `signup:${key ?? randomUUID()}`;
    const signing = (async () => {
      const { id: customerId } = await client.findOrCreateCustomer(customer);
      const subscription = await withCatalog((ids) =>
        chargeWithRetry(() =>
          client.createSubscription(
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
      const account = { subscriptionId: subscription.id, customerId, email: customer.email, plan: planKey, status: subscription.status, events: [] };
      accounts.set(subscription.id, account);
      trim(accounts);
      return { subscription, account };
    })();
    if (key) {
      signupsByKey.set(key, { email: customer.email, plan: planKey, signing });
      trim(signupsByKey);
    }
    try {
      sendJson(res, 201, await signing);
    } catch (error) {
      if (key) signupsByKey.delete(key);
      throw forBrowser(error);
    }
  }

  /**
   * The account of a subscription this shop created (a real shop would check the signed-in user too).
   * @param {string} subscriptionId
   */
  function accountOf(subscriptionId) {
    const account = accounts.get(subscriptionId);
    if (!account) throw new BackendError(404, 'subscription_not_found', 'No such subscription in this shop.');
    return account;
  }

  /** `GET /api/pekopay/subscriptions/:id`: PekoPay's view, its transactions and the shop's account. @type {Handler} */
  async function getSubscription({ res, params }) {
    const account = accountOf(params[0]);
    try {
      const [subscription, transactions] = await Promise.all([
        client.getSubscription(account.subscriptionId),
        client.listTransactions({ subscriptionId: account.subscriptionId }),
      ]);
      sendJson(res, 200, { subscription, transactions, account });
    } catch (error) {
      throw forBrowser(error);
    }
  }

  /** `POST /api/pekopay/subscriptions/:id/switch` `{ plan }`: upgrade or downgrade. @type {Handler} */
  async function switchPlan({ req, res, params }) {
    const account = accountOf(params[0]);
    const planKey = requireString(await readJsonBody(req), 'plan');
    if (!CATALOG.plans.some((plan) => plan.key === planKey)) {
      throw new BackendError(400, 'validation_error', 'plan is not a plan of this shop.', { field: 'plan' });
    }
    try {
      const subscription = await withCatalog((ids) => client.switchPlan(account.subscriptionId, /** @type {string} */ (ids.plans.get(planKey))));
      Object.assign(account, { plan: planKey, status: subscription.status });
      sendJson(res, 200, { subscription, account });
    } catch (error) {
      throw forBrowser(error);
    }
  }

  /** @type {Handler} */
  async function cancelSubscription({ res, params }) {
    const account = accountOf(params[0]);
    try {
      const subscription = await client.cancelSubscription(account.subscriptionId);
      account.status = subscription.status;
      sendJson(res, 200, { subscription, account });
    } catch (error) {
      throw forBrowser(error);
    }
  }

  /**
   * `GET /api/pekopay/customers/:customerId/cards` → `[{ last4, cardType, default }]`, the shape of the
   * element's `cards` property. (A real shop would take the customer from the signed-in session.)
   * @type {Handler}
   */
  async function customerCards({ res, params }) {
    try {
      const cards = await client.listCreditCards(params[0]);
      sendJson(res, 200, cards.map((card) => ({ last4: card.cardLastFourDigits, cardType: card.cardType, default: card.default })));
    } catch (error) {
      throw forBrowser(error);
    }
  }

  /**
   * `POST /api/pekopay/webhooks`: PekoPay's events, verified against the raw body before anything changes.
   * A redelivery (same `X-Webhook-Id`) is acknowledged and ignored.
   * @type {Handler}
   */
  async function receiveWebhook({ req, res }) {
    const raw = await readRawBody(req, 1024 * 1024);
    const signature = req.headers['x-webhook-signature'];
    let event;
    try {
      event = await parsePekoPayWebhook(raw, typeof signature === 'string' ? signature : undefined, webhookSecret);
    } catch (error) {
      const code = error instanceof PekoPayError ? error.code : 'invalid_webhook';
      activity.add({ kind: 'webhook', provider: 'pekopay', ok: false, summary: `rejected: ${code}` });
      throw new BackendError(400, code, 'The webhook could not be verified.');
    }
    const id = req.headers['x-webhook-id'];
    const eventId = typeof id === 'string' ? id : undefined;
    if (eventId && seenWebhooks.has(eventId)) return sendJson(res, 200, { received: true, duplicate: true });
    if (eventId) seenWebhooks.add(eventId);
    applyWebhook(event);
    activity.add({ kind: 'webhook', provider: 'pekopay', ok: true, summary: `${event.type} (signature verified)`, response: event });
    sendJson(res, 200, { received: true });
  }

  /**
   * Updates the shop's own state from a verified event: entitlements follow PekoPay's lifecycle.
   * @param {import('pay-checkout/server').PekoPayWebhookEvent} event
   */
  function applyWebhook({ type, payload }) {
    const { subscription, transaction } = payload;
    if (transaction) {
      for (const order of orders.values()) {
        if (order.transactionId === transaction.id) order.confirmedByWebhook = transaction.status === 'SUCCEEDED';
      }
    }
    const account = subscription && accounts.get(subscription.id);
    if (account && subscription) {
      const plan = CATALOG.plans.find((candidate) => candidate.name === subscription.planName);
      Object.assign(account, { status: subscription.status, ...(plan && { plan: plan.key }) });
      account.events.push({ type, status: subscription.status, transactionId: transaction?.id ?? null, total: transaction?.total ?? null });
    }
  }

  /**
   * `POST /api/pekopay/sandbox/advance-clock` `{ days }`: moves the sandbox's billing clock, so that a trial
   * ends or a renewal is due now. Only against the sandbox.
   * @type {Handler}
   */
  async function advanceClock({ req, res }) {
    if (!isSandbox) throw new BackendError(404, 'not_found', 'Only the sandbox has a test clock.');
    const days = (await readJsonBody(req)).days;
    if (!Number.isInteger(days) || days < 1 || days > 400) {
      throw new BackendError(400, 'validation_error', 'days must be 1 to 400.', { field: 'days' });
    }
    try {
      sendJson(res, 200, await client.request('POST', '/test-clock/advance', { body: { days } }));
    } catch (error) {
      if (!(error instanceof PekoPayError)) throw error;
      throw new BackendError(502, 'provider_unavailable', `The sandbox answered ${error.status}.`);
    }
  }

  /** @type {[string | RegExp, string[], Handler][]} */
  const routes = [
    ['/api/pekopay/token', ['GET', 'POST'], issueToken],
    ['/api/pekopay/config', ['GET'], publicConfig],
    ['/api/pekopay/catalog', ['GET'], catalog],
    ['/api/pekopay/cart', ['POST'], createCart],
    ['/api/pekopay/checkout/complete', ['POST'], completeCheckout],
    [/^\/api\/pekopay\/orders\/([^/]+)$/, ['GET'], getOrder],
    ['/api/pekopay/subscriptions', ['POST'], subscribe],
    [/^\/api\/pekopay\/subscriptions\/([^/]+)$/, ['GET'], getSubscription],
    [/^\/api\/pekopay\/subscriptions\/([^/]+)\/switch$/, ['POST'], switchPlan],
    [/^\/api\/pekopay\/subscriptions\/([^/]+)\/cancel$/, ['POST'], cancelSubscription],
    [/^\/api\/pekopay\/customers\/([^/]+)\/cards$/, ['GET'], customerCards],
    ['/api/pekopay/webhooks', ['POST'], receiveWebhook],
    ['/api/pekopay/sandbox/advance-clock', ['POST'], advanceClock],
  ];

  return async function handlePekoPay(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    if (!url.pathname.startsWith('/api/pekopay/')) return false;
    try {
      for (const [path, methods, handler] of routes) {
        const match = typeof path === 'string' ? (url.pathname === path ? [] : null) : path.exec(url.pathname)?.slice(1);
        if (!match) continue;
        if (!methods.includes(req.method ?? 'GET')) methodNotAllowed(res, methods);
        await handler({ req, res, url, params: match.map((part) => decodeURIComponent(part)) });
        return true;
      }
      throw new BackendError(404, 'not_found', `No endpoint ${url.pathname}.`);
    } catch (error) {
      sendFailure(res, error instanceof URIError ? new BackendError(400, 'invalid_request', 'Malformed URL.') : error);
    }
    return true;
  };
}

/**
 * @typedef {(context: {
 *   req: import('node:http').IncomingMessage,
 *   res: import('node:http').ServerResponse,
 *   url: URL,
 *   params: string[],
 * }) => Promise<void>} Handler
 */
