// The memory the sandbox and the demo backend keep per request is bounded (sandbox/shared/bounded.mjs): each map
// keeps at most its number of entries, forgetting expired tokens and sessions first and then the oldest, and the
// sandbox's documented behaviours hold until then (a used token is refused as used for its whole lifetime, an
// expired one as expired for an hour).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { BoundedMap, keepLast } from '../../sandbox/shared/bounded.mjs';
import { createSandbox } from '../../sandbox/server/index.mjs';
import { createTokenStore, EXPIRED_TOKEN_KEPT_MS } from '../../sandbox/server/pekopay/tokens.mjs';
import { createShop } from '../../demo/pekopay/shop.mjs';
import { createActivityLog } from '../../demo/activity.mjs';
import { pekopayConfigFromEnv } from '../../demo/backend.mjs';
import { FUTURE_EXPIRY } from './pekopay-helpers.mjs';

describe('BoundedMap', () => {
  it('keeps at most max entries, forgetting the oldest added first', () => {
    const map = new BoundedMap({ max: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) map.set(key, key.toUpperCase());
    assert.deepEqual([...map.keys()], ['c', 'd', 'e']);
    map.set('c', 'again'); // not a new key: nothing is forgotten
    assert.deepEqual(
      [...map.entries()],
      [
        ['c', 'again'],
        ['d', 'D'],
        ['e', 'E'],
      ],
    );
  });

  it('forgets stale entries before fresh ones, and tells onForget', () => {
    const forgotten = [];
    const map = new BoundedMap({ max: 3, isStale: (value) => value < 0, onForget: (value, key) => forgotten.push(key) });
    map.set('old', 1).set('stale', -1).set('new', 2).set('newer', 3);
    assert.deepEqual([...map.keys()], ['old', 'new', 'newer']);
    assert.deepEqual(forgotten, ['stale']);
  });

  it('sweeps stale entries every max / 10 additions, long before it is full', () => {
    let now = 0;
    const map = new BoundedMap({ max: 100, isStale: (expiresAt) => now >= expiresAt });
    for (let i = 0; i < 9; i++) map.set(`t${i}`, 10);
    now = 10;
    assert.equal(map.size, 9);
    map.set('fresh', 20); // the tenth addition
    assert.deepEqual([...map.keys()], ['fresh']);
  });

  it('keepLast keeps the last entries of a log', () => {
    const log = [1, 2, 3, 4, 5];
    keepLast(log, 2);
    assert.deepEqual(log, [4, 5]);
  });

  it('keepLast drops only the entries it may forget, the first of them first', () => {
    const cards = [{ id: 1, default: true }, { id: 2 }, { id: 3 }, { id: 4 }];
    keepLast(cards, 2, (card) => !card.default);
    assert.deepEqual(
      cards.map((card) => card.id),
      [1, 4],
    );
    const pinned = [{ id: 1, default: true }];
    keepLast(pinned, 0, (card) => !card.default);
    assert.equal(pinned.length, 1);
  });
});

describe('the sandbox’s PekoPay tokens', () => {
  it('keeps a used token refused as used for its whole lifetime, as expired for an hour after, then forgets it', () => {
    let now = 0;
    const tokens = createTokenStore({ tokenTtlSeconds: 60, now: () => now, maxTokens: 5 });
    const { token } = tokens.issue('demo-tenant');
    const record = /** @type {any} */ (tokens.lookup(token).record);
    record.state = 'tokenized';
    assert.equal(tokens.consume(token, 'demo-tenant').error, null);
    now = 59_999;
    tokens.issue('demo-tenant'); // a sweep
    assert.equal(tokens.consume(token, 'demo-tenant').error, 'token_used');
    now = 60_000 + EXPIRED_TOKEN_KEPT_MS - 1;
    tokens.issue('demo-tenant');
    assert.equal(tokens.lookup(token).error, 'token_expired');
    now = 60_000 + EXPIRED_TOKEN_KEPT_MS;
    tokens.issue('demo-tenant');
    assert.equal(tokens.lookup(token).error, 'invalid_session_token');
    // Only it was forgotten: the three issued after it have not been expired for an hour.
    assert.equal(tokens.size, 3);
  });
});

describe('the sandbox over HTTP, with few entries kept', () => {
  const MAX = 20;
  /** @type {ReturnType<typeof createSandbox>} */
  let sandbox;
  /** @type {import('node:http').Server} */
  let http;
  let base = '';
  before(async () => {
    sandbox = createSandbox({ maxEntries: MAX });
    http = createServer((req, res) => void sandbox.handle(req, res));
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}/sandbox`;
  });
  after(() => new Promise((resolve) => (sandbox.close(), http.closeAllConnections(), http.close(resolve))));

  const basic = (user, password = '') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const post = async (path, body, authorization, headers = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const peko = basic('demo-client', 'demo-secret');

  it('keeps at most maxEntries PekoPay tokens, customers, transactions and idempotency keys', async () => {
    const product = (await post('/pekopay/tenants/demo-tenant/products', { name: 'Tent', price: 10, currency: 'CAD' }, peko)).body;
    for (let i = 0; i < MAX + 10; i++) {
      const { token } = (await post('/pekopay/payment-token/demo-tenant/generate', {}, peko)).body;
      const card = { number: '4242 4242 4242 4242', expiry: FUTURE_EXPIRY, cvc: '123', name: 'Ada' };
      assert.equal((await post('/pekopay/checkout/tokenize', { sessionToken: token, card }, '')).status, 200);
      const customer = (
        await post('/pekopay/tenants/demo-tenant/customers', { firstname: 'A', lastname: 'L', email: `a${i}@example.com` }, peko)
      ).body;
      const charged = await post(
        '/pekopay/tenants/demo-tenant/transactions',
        { paymentToken: token, customerId: customer.id, items: [{ productId: product.id, quantity: 1 }] },
        peko,
        { 'Idempotency-Key': `key-${i}` },
      );
      assert.equal(charged.status, 201);
    }
    const { state } = sandbox.pekopay.api;
    assert.deepEqual(
      [sandbox.pekopay.tokens.size, state.customers.size, state.transactions.size, state.idempotency.size],
      [MAX, MAX, MAX, MAX],
    );
  });

  it('keeps at most maxEntries Reepay sessions and customers, and Paiwise checkouts', async () => {
    for (let i = 0; i < MAX + 10; i++) {
      const session = await post(
        '/reepay/checkout-api/v1/session/recurring',
        { create_customer: { handle: `c-${i}` } },
        basic('priv_sandbox_demo'),
      );
      assert.equal(session.status, 200);
      const checkout = await post(
        '/paiwise/checkout/create',
        { amount: 100, currency: 'SEK', message: 'm', returnUrl: 'https://a.example', returnUrlCancel: 'https://b.example' },
        'Bearer paiwise_sandbox_demo',
      );
      assert.equal(checkout.status, 200);
    }
    assert.deepEqual([sandbox.reepay.sessions.size, sandbox.reepay.customers.size, sandbox.paiwise.checkouts.size], [MAX, MAX, MAX]);
  });
});

describe('the demo shop’s memory', () => {
  it('keeps at most 1,000 of each thing, webhook ids included', () => {
    const shop = createShop({
      baseUrl: 'http://127.0.0.1:1/sandbox/pekopay',
      config: pekopayConfigFromEnv('http://127.0.0.1:1/sandbox/pekopay', {}),
      activity: createActivityLog(),
      upstreamTimeoutMs: 1000,
    });
    for (const map of [shop.carts, shop.orders, shop.ordersByKey, shop.accounts, shop.signupsByKey, shop.seenWebhooks]) {
      for (let i = 0; i < 1010; i++) map.set(`k${i}`, /** @type {any} */ ({}));
      assert.equal(map.size, 1000);
    }
  });
});
