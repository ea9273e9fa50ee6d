// The demo merchant's PekoPay backend over real HTTP, against the sandbox: server-side prices, idempotent
// orders that keep PekoPay's transaction id, the subscription signup and upgrade, verified webhooks, the
// saved-cards endpoint, the activity feed, and no secret ever in an answer.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { PekoPayClient } from 'pay-checkout/server';
import { createMerchantBackend, pekopayConfigFromEnv } from '../../demo/backend.mjs';
import { startServer } from '../../demo/server.mjs';
import { CARDS, TENANT, call, tokenizedToken } from './pekopay-helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
let shop = '';
/** @type {PekoPayClient} */
let pekopay;
/** Every answer of the merchant backend, to check that none carries a secret. */
const answers = [];
const SECRETS = ['demo-secret', 'demo-webhook-secret', Buffer.from('demo-client:demo-secret').toString('base64')];

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
  shop = server.sandboxOrigin; // the backend answers on any host; 127.0.0.1 avoids resolving localhost
  pekopay = new PekoPayClient({ baseUrl: api, tenantId: TENANT, clientId: 'demo-client', clientSecret: 'demo-secret' });
});
after(() => server.close());
beforeEach(async () => {
  await server.sandbox.pekopay.webhooks.idle();
});

/** A call to the shop's backend (no credentials: it is the browser's side). */
async function shopCall(method, path, body, headers = {}) {
  const response = await call(shop, method, path, body, { Authorization: null, ...headers });
  answers.push(JSON.stringify([...response.headers]) + JSON.stringify(response.body));
  return response;
}

const sarah = { email: 'sarah@example.com', firstname: 'Sarah', lastname: 'Ng' };
const newCart = (
  items = [
    { sku: 'backpack', quantity: 2 },
    { sku: 'headlamp', quantity: 1 },
  ],
  customer = sarah,
) => shopCall('POST', '/api/pekopay/cart', { items, customer });
const complete = (cartId, paymentToken, key) =>
  shopCall('POST', '/api/pekopay/checkout/complete', { paymentToken, cartId }, key ? { 'Idempotency-Key': key } : {});
const transactionsInSandbox = async () => pekopay.listTransactions();

describe('public settings and catalog', () => {
  it('tells pages the environment, the SDK of the sandbox and the token URL, nothing secret', async () => {
    const response = await shopCall('GET', '/api/pekopay/config');
    assert.deepEqual(response.body, {
      environment: 'sandbox',
      sdkUrl: `${api}/web/dist/index.js`,
      sandbox: true,
      tokenUrl: '/api/pekopay/token',
    });
  });

  it('lists products and plans with the prices of the shop', async () => {
    const { body } = await shopCall('GET', '/api/pekopay/catalog');
    assert.deepEqual(
      body.products.map((product) => [product.sku, product.price]),
      [
        ['backpack', 99],
        ['bottle', 34.5],
        ['headlamp', 49.99],
      ],
    );
    assert.deepEqual(
      body.plans.map((plan) => [plan.key, plan.price, plan.totalPerPeriod]),
      [
        ['starter', 29.99, 33.59],
        ['growth', 99, 110.88],
      ],
    );
  });
});

describe('cart', () => {
  it('prices the cart on the server, whatever the browser says a product costs', async () => {
    const response = await newCart([
      { sku: 'backpack', quantity: 2, price: 0.01 },
      { sku: 'headlamp', quantity: 1, amount: 0 },
    ]);
    assert.equal(response.status, 201);
    const cart = response.body;
    assert.match(cart.cartId, /^cart_/);
    assert.equal(cart.subtotal, 247.99);
    assert.deepEqual(
      cart.taxes.map((tax) => [tax.code, tax.amount]),
      [
        ['gst', 12.4],
        ['pst', 17.36],
      ],
    );
    assert.equal(cart.total, 277.75);
    assert.equal(cart.amountMinor, 27775);
  });

  it('refuses unknown products, bad quantities, repeated lines and a missing email, naming the field', async () => {
    const cases = [
      [[{ sku: 'yacht', quantity: 1 }], sarah, 'items[0].sku'],
      [[{ sku: 'backpack', quantity: 0 }], sarah, 'items[0].quantity'],
      [
        [
          { sku: 'backpack', quantity: 1 },
          { sku: 'backpack', quantity: 1 },
        ],
        sarah,
        'items',
      ],
      [[], sarah, 'items'],
      [[{ sku: 'backpack', quantity: 1 }], { ...sarah, email: 'x' }, 'email'],
    ];
    for (const [items, customer, field] of cases) {
      const response = await newCart(items, customer);
      assert.equal(response.status, 400, field);
      assert.equal(response.body.field, field);
    }
  });
});

describe('checkout/complete', () => {
  it('creates the transaction at PekoPay and keeps its id with the order', async () => {
    const cart = (await newCart()).body;
    const response = await complete(cart.cartId, await tokenizedToken(api), 'key-1');
    assert.equal(response.status, 201);
    const { order, transaction } = response.body;
    assert.match(order.orderId, /^ord_/);
    assert.equal(order.transactionId, transaction.id);
    assert.equal(order.total, 277.75);
    assert.equal(order.totalsMatch, true);
    const inSandbox = await pekopay.getTransaction(order.transactionId);
    assert.equal(inSandbox.status, 'SUCCEEDED');
    assert.equal(inSandbox.total, cart.total);
    assert.equal(inSandbox.customerId, order.customerId);
    assert.equal((await pekopay.getCustomer(order.customerId)).email, 'sarah@example.com');
    assert.deepEqual((await shopCall('GET', `/api/pekopay/orders/${order.orderId}`)).body.order.transactionId, transaction.id);
  });

  it('answers a retry with the same Idempotency-Key with the same order and charges once', async () => {
    const cart = (await newCart()).body;
    const token = await tokenizedToken(api);
    const before = (await transactionsInSandbox()).length;
    const [first, second] = await Promise.all([complete(cart.cartId, token, 'key-2'), complete(cart.cartId, token, 'key-2')]);
    const third = await complete(cart.cartId, token, 'key-2');
    const orders = [first, second, third].map((response) => response.body.order.orderId);
    assert.equal(new Set(orders).size, 1);
    assert.deepEqual([first.status, second.status].sort(), [200, 201]);
    assert.equal(third.body.replayed, true);
    assert.equal((await transactionsInSandbox()).length, before + 1);
  });

  it('pays a cart once: another key for a paid cart answers 409 cart_already_paid', async () => {
    const cart = (await newCart()).body;
    assert.equal((await complete(cart.cartId, await tokenizedToken(api))).status, 201);
    const again = await complete(cart.cartId, await tokenizedToken(api), 'another-key');
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'cart_already_paid');
  });

  it('refuses a key already used for another cart', async () => {
    const [one, two] = [(await newCart()).body, (await newCart()).body];
    await complete(one.cartId, await tokenizedToken(api), 'key-3');
    const response = await complete(two.cartId, await tokenizedToken(api), 'key-3');
    assert.equal(response.status, 422);
    assert.equal(response.body.error, 'idempotency_key_reused');
  });

  it('answers 402 for a declined card and lets the shopper pay the same cart with another one', async () => {
    const cart = (await newCart()).body;
    const declined = await complete(cart.cartId, await tokenizedToken(api, CARDS.declinedAtCharge), 'attempt-1');
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error, 'payment_declined');
    const paid = await complete(cart.cartId, await tokenizedToken(api), 'attempt-2');
    assert.equal(paid.status, 201);
  });

  it('answers 410 for a payment token that was already charged', async () => {
    const token = await tokenizedToken(api);
    await complete((await newCart()).body.cartId, token);
    const response = await complete((await newCart()).body.cartId, token);
    assert.equal(response.status, 410);
    assert.equal(response.body.error, 'token_used');
    assert.equal(response.body.field, 'paymentToken');
  });

  it('answers 404 for an unknown cart and 400 naming a missing field', async () => {
    assert.equal((await complete('cart_nope', 'sess_x')).status, 404);
    const missing = await shopCall('POST', '/api/pekopay/checkout/complete', { cartId: 'cart_nope' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'paymentToken');
  });

  it('provisions the catalog again when PekoPay no longer knows it', async () => {
    assert.equal((await complete((await newCart()).body.cartId, await tokenizedToken(api))).status, 201);
    await server.sandbox.pekopay.webhooks.idle();
    server.sandbox.reset();
    const response = await complete((await newCart()).body.cartId, await tokenizedToken(api));
    assert.equal(response.status, 201);
    assert.equal((await pekopay.listProducts()).length, 3);
  });
});

describe('subscriptions', () => {
  const signup = async (plan = 'starter', key = undefined, card = CARDS.visa) =>
    shopCall(
      'POST',
      '/api/pekopay/subscriptions',
      { paymentToken: await tokenizedToken(api, card), plan, customer: { email: 'jane@acme.com', firstname: 'Jane', lastname: 'Doe' } },
      key ? { 'Idempotency-Key': key } : {},
    );

  it('signs up for the trial, upgrades with switch-plan and bills the new plan when the trial ends', async () => {
    const created = await signup('starter', 'signup-1');
    assert.equal(created.status, 201);
    const id = created.body.subscription.id;
    assert.equal(created.body.subscription.status, 'TRIALING');
    const upgraded = await shopCall('POST', `/api/pekopay/subscriptions/${id}/switch`, { plan: 'growth' });
    assert.equal(upgraded.body.subscription.planName, 'Growth Monthly');
    const clock = await shopCall('POST', '/api/pekopay/sandbox/advance-clock', { days: 14 });
    assert.deepEqual(
      clock.body.transactions.filter((txn) => txn.subscriptionId === id).map((txn) => txn.total),
      [110.88],
    );
    await server.sandbox.pekopay.webhooks.idle();
    const { body } = await shopCall('GET', `/api/pekopay/subscriptions/${id}`);
    assert.equal(body.subscription.status, 'ACTIVE');
    assert.deepEqual(
      body.transactions.map((txn) => [txn.status, txn.total]),
      [['SUCCEEDED', 110.88]],
    );
    assert.equal(body.account.status, 'ACTIVE');
    assert.equal(body.account.plan, 'growth');
    assert.deepEqual(
      body.account.events.map((event) => event.type),
      ['subscription.created', 'subscription.updated', 'subscription.renewed'],
    );
  });

  it('answers a retried signup with the same key with the same subscription', async () => {
    const paymentToken = await tokenizedToken(api);
    const body = { paymentToken, plan: 'growth', customer: { email: 'lee@acme.com', firstname: 'Lee', lastname: 'Park' } };
    const first = await shopCall('POST', '/api/pekopay/subscriptions', body, { 'Idempotency-Key': 'signup-2' });
    const retry = await shopCall('POST', '/api/pekopay/subscriptions', body, { 'Idempotency-Key': 'signup-2' });
    assert.equal(retry.body.subscription.id, first.body.subscription.id);
    assert.equal((await pekopay.listSubscriptions({ customerId: first.body.account.customerId })).length, 1);
  });

  it('cancels, and refuses subscriptions the shop did not create', async () => {
    const id = (await signup()).body.subscription.id;
    const canceled = await shopCall('POST', `/api/pekopay/subscriptions/${id}/cancel`, {});
    assert.equal(canceled.body.subscription.status, 'CANCELED');
    assert.equal((await shopCall('POST', '/api/pekopay/subscriptions/sub_elsewhere/switch', { plan: 'growth' })).status, 404);
  });

  it('refuses an unknown plan naming the field', async () => {
    const response = await signup('platinum');
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'plan');
  });
});

describe('webhooks', () => {
  const secret = 'demo-webhook-secret';
  const event = (id = 'txn_x') =>
    JSON.stringify({ type: 'transaction.succeeded', businessId: TENANT, payload: { transaction: { id, status: 'SUCCEEDED' } } });
  const post = (body, signature, id = `evt_${Math.random().toString(16).slice(2)}`) =>
    shopCall('POST', '/api/pekopay/webhooks', body, { 'X-Webhook-Signature': signature, 'X-Webhook-Id': id });

  it('accepts a correctly signed event and shows it in the activity feed', async () => {
    const { last } = (await shopCall('GET', '/api/activity')).body;
    const body = event('txn_signed');
    const response = await post(body, createHmac('sha256', secret).update(body).digest('hex'));
    assert.equal(response.status, 200);
    const feed = (await shopCall('GET', `/api/activity?after=${last}`)).body.entries;
    assert.ok(feed.some((entry) => entry.kind === 'webhook' && entry.ok && entry.response.payload.transaction.id === 'txn_signed'));
  });

  it('refuses a wrong signature with 400 and records the rejection', async () => {
    const { last } = (await shopCall('GET', '/api/activity')).body;
    const response = await post(event(), createHmac('sha256', 'guess').update(event()).digest('hex'));
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_signature');
    const feed = (await shopCall('GET', `/api/activity?after=${last}`)).body.entries;
    assert.deepEqual(
      feed.map((entry) => [entry.kind, entry.ok, entry.summary]),
      [['webhook', false, 'rejected: invalid_signature']],
    );
  });

  it('acknowledges a redelivered event once', async () => {
    const body = event();
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    assert.equal((await post(body, signature, 'evt_same')).body.duplicate, undefined);
    assert.equal((await post(body, signature, 'evt_same')).body.duplicate, true);
  });

  it('marks an order confirmed when PekoPay says its transaction succeeded', async () => {
    const { order } = (await complete((await newCart()).body.cartId, await tokenizedToken(api))).body;
    await server.sandbox.pekopay.webhooks.idle();
    assert.equal((await shopCall('GET', `/api/pekopay/orders/${order.orderId}`)).body.order.confirmedByWebhook, true);
  });
});

describe('saved cards and activity', () => {
  it("lists a customer's saved cards in the element's cards shape", async () => {
    const { order } = (await complete((await newCart()).body.cartId, await tokenizedToken(api, CARDS.mastercard))).body;
    const cards = await shopCall('GET', `/api/pekopay/customers/${order.customerId}/cards`);
    assert.equal(cards.status, 200);
    assert.ok(cards.body.some((card) => card.last4 === '4444' && card.cardType === 'MASTERCARD' && typeof card.default === 'boolean'));
    assert.equal((await shopCall('GET', '/api/pekopay/customers/cus_nope/cards')).status, 404);
  });

  it('records PekoPay calls with payment tokens shortened', async () => {
    const { last } = (await shopCall('GET', '/api/activity')).body;
    const token = await tokenizedToken(api);
    await complete((await newCart()).body.cartId, token);
    const feed = (await shopCall('GET', `/api/activity?after=${last}`)).body.entries;
    const charge = feed.find((entry) => entry.summary.startsWith('POST /tenants/demo-tenant/transactions'));
    assert.ok(charge, 'the transaction call is in the feed');
    assert.match(charge.summary, /→ 201/);
    assert.equal(charge.request.paymentToken, `sess_…${token.slice(-4)}`);
    assert.ok(!JSON.stringify(feed).includes(token));
  });

  it('answers 404 for unknown /api/pekopay/ paths and 405 for wrong methods', async () => {
    assert.equal((await shopCall('GET', '/api/pekopay/nowhere')).status, 404);
    assert.equal((await shopCall('DELETE', '/api/pekopay/cart')).status, 405);
  });

  it('has no test clock when PekoPay is not the sandbox', async () => {
    const backend = createMerchantBackend({
      pekopay: pekopayConfigFromEnv('unused', { PEKOPAY_BASE_URL: 'https://sandbox-api.peko-pay.com' }),
    });
    const http = createServer((req, res) => backend(req, res));
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${http.address().port}`;
      assert.equal((await call(origin, 'POST', '/api/pekopay/sandbox/advance-clock', { days: 1 })).status, 404);
      const config = (await call(origin, 'GET', '/api/pekopay/config')).body;
      assert.deepEqual(config, { environment: 'sandbox', sdkUrl: null, sandbox: false, tokenUrl: '/api/pekopay/token' });
    } finally {
      await new Promise((resolve) => (http.closeAllConnections(), http.close(resolve)));
    }
  });

  it('never sends a secret to the browser', () => {
    assert.ok(answers.length > 30);
    for (const answer of answers) for (const secret of SECRETS) assert.ok(!answer.includes(secret), secret);
  });
});

describe('requests a page of another site can make a browser send', () => {
  const post = (path, body, headers) =>
    fetch(`${shop}/api/pekopay${path}`, { method: 'POST', headers, body }).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));

  it('refuses a body that is not application/json with 415, as the Reepay and Paiwise routes do', async () => {
    for (const [path, body] of [
      ['/sandbox/advance-clock', '{"days":1}'],
      ['/cart', JSON.stringify({ items: [{ sku: 'bottle', quantity: 1 }], customer: sarah })],
      ['/subscriptions/sub_x/cancel', '{}'],
    ]) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
        const answer = await post(path, body, type ? { 'Content-Type': type } : {});
        assert.deepEqual([answer.status, answer.body.error], [415, 'unsupported_media_type'], `${path} ${type}`);
      }
    }
  });

  it('refuses another Origin with 403 forbidden_origin, and takes its own', async () => {
    const json = { 'Content-Type': 'application/json' };
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port + 1}`]) {
      const answer = await post('/sandbox/advance-clock', '{"days":1}', { ...json, Origin: origin });
      assert.deepEqual([answer.status, answer.body.error], [403, 'forbidden_origin'], origin);
      const token = await post('/token', undefined, { Origin: origin });
      assert.deepEqual([token.status, token.body.error], [403, 'forbidden_origin'], origin);
    }
    const own = await post('/cart', JSON.stringify({ items: [{ sku: 'bottle', quantity: 1 }], customer: sarah }), {
      ...json,
      Origin: shop,
    });
    assert.equal(own.status, 201);
    assert.equal((await post('/token', undefined, { Origin: shop })).status, 200);
  });
});

describe('a retry while the first request with its Idempotency-Key is still running', () => {
  /**
   * The demo backend against the sandbox through a gate that holds PekoPay's `POST …/<resource>` until the retry
   * is waiting on the first request; the payment token was never tokenized, so PekoPay refuses it.
   * @param {string} resource `transactions` or `subscriptions`
   */
  async function heldBackend(resource) {
    let release = () => {};
    const held = new Promise((resolve) => (release = resolve));
    let reached = () => {};
    const charging = new Promise((resolve) => (reached = resolve));
    const gate = createServer(async (req, res) => {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      if (req.method === 'POST' && req.url?.endsWith(`/tenants/${TENANT}/${resource}`)) {
        reached();
        await held;
      }
      const { host: _host, ...headers } = req.headers;
      const upstream = await fetch(`${server.sandboxOrigin}${req.url}`, {
        method: req.method,
        headers: /** @type {Record<string, string>} */ (headers),
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const backend = createMerchantBackend({
      pekopay: pekopayConfigFromEnv(`http://127.0.0.1:${gate.address().port}/sandbox/pekopay`),
    });
    let paying = 0;
    const http = createServer((req, res) => {
      // The retry: once its body is read it waits on the first request, and the gate lets PekoPay answer.
      if (/\/(checkout\/complete|subscriptions)$/.test(req.url ?? '') && ++paying === 2) req.once('end', () => setImmediate(release));
      backend(req, res);
    });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    const close = async () => {
      for (const one of [http, gate]) await new Promise((resolve) => (one.closeAllConnections(), one.close(resolve)));
    };
    return { origin: `http://127.0.0.1:${http.address().port}`, charging, close };
  }
  const untokenized = async () => (await call(api, 'POST', `/payment-token/${TENANT}/generate`)).body.token;

  /** Each request the demo charges for, by resource, and the body it posts (a checkout needs its cart first). */
  const charged = {
    checkout: {
      resource: 'transactions',
      path: '/api/pekopay/checkout/complete',
      body: async (origin, paymentToken) => {
        const cart = await call(
          origin,
          'POST',
          '/api/pekopay/cart',
          { items: [{ sku: 'bottle', quantity: 1 }], customer: sarah },
          { Authorization: null },
        );
        return { paymentToken, cartId: cart.body.cartId };
      },
    },
    signup: {
      resource: 'subscriptions',
      path: '/api/pekopay/subscriptions',
      body: async (_origin, paymentToken) => ({
        paymentToken,
        plan: 'starter',
        customer: { email: 'held@acme.com', firstname: 'Held', lastname: 'Back' },
      }),
    },
  };

  for (const [what, { resource, path, body }] of Object.entries(charged)) {
    it(`answers the retry of a ${what} as the first request: 410 for a token that cannot be charged, not 500`, async () => {
      const paymentToken = await untokenized();
      const held = await heldBackend(resource);
      try {
        const posted = await body(held.origin, paymentToken);
        const headers = { Authorization: null, 'Idempotency-Key': `held-${what}-1` };
        const first = call(held.origin, 'POST', path, posted, headers);
        await held.charging;
        const retry = call(held.origin, 'POST', path, posted, headers);
        const answers = await Promise.all([first, retry]);
        assert.deepEqual(
          answers.map((answer) => [answer.status, answer.body.error]),
          [
            [410, 'token_not_tokenized'],
            [410, 'token_not_tokenized'],
          ],
        );
      } finally {
        await held.close();
      }
    });
  }
});
