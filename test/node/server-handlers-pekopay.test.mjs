// pay-checkout/server's PekoPay request handlers (token-url, action) as plain Web-Fetch handlers, called with
// Requests and run against the PekoPay sandbox: answers, idempotency, bad input (4xx), provider failures
// (502), and that no credential ever reaches a response.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPekoPayActionHandler, createPekoPayTokenHandler, HandlerError, PekoPayClient } from 'pay-checkout/server';
import { startServer } from '../../demo/server.mjs';
import { CARDS, TENANT, tokenizedToken } from './pekopay-helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
/** @type {PekoPayClient} */
let client;
/** Every answer the handlers gave (headers and body), to check that none carries a credential. */
const answers = [];
const SECRETS = ['demo-secret', Buffer.from('demo-client:demo-secret').toString('base64'), 'wrong-secret'];

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
  client = new PekoPayClient({ baseUrl: api, tenantId: TENANT, clientId: 'demo-client', clientSecret: 'demo-secret' });
});
after(() => server.close());
beforeEach(async () => {
  await server.sandbox.pekopay.webhooks.idle();
  server.sandbox.reset();
});

/**
 * Calls `handler` as a framework would: a Request to the shop's URL.
 * @returns {Promise<{ status: number, headers: Headers, body: any }>}
 */
async function request(handler, { method = 'POST', path = '/api/pay', body, headers = {} } = {}) {
  const response = await handler(
    new Request(`https://shop.example${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]) + text);
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

describe('createPekoPayTokenHandler', () => {
  it('answers GET and POST with { token } only', async () => {
    const handler = createPekoPayTokenHandler({ client });
    for (const method of ['GET', 'POST']) {
      const { status, body, headers } = await request(handler, { method });
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body), ['token']);
      assert.match(body.token, /^sess_[0-9a-f]{32}$/);
      assert.equal(headers.get('cache-control'), 'no-store');
    }
    const put = await request(handler, { method: 'PUT' });
    assert.deepEqual([put.status, put.headers.get('allow'), put.body.error], [405, 'GET, POST', 'method_not_allowed']);
  });

  it('answers 502 when PekoPay fails, is slow, answers no token, or refuses the credentials', async () => {
    const failing = (query, timeout) => createPekoPayTokenHandler({ client, callOptions: () => ({ query, timeout }) });
    for (const [handler, message] of [
      [failing({ sandbox_fault: '500' }), /PekoPay failed to answer/],
      [failing({ sandbox_fault: 'hang' }, 100), /PekoPay did not answer in time/],
      [failing({ sandbox_fault: 'missing' }), /PekoPay failed to answer/],
      [failing({ sandbox_fault: 'malformed' }), /PekoPay failed to answer/],
      [
        createPekoPayTokenHandler({
          client: new PekoPayClient({ baseUrl: api, tenantId: TENANT, clientId: 'demo-client', clientSecret: 'wrong-secret' }),
        }),
        /failed/,
      ],
      [
        createPekoPayTokenHandler({
          client: new PekoPayClient({ baseUrl: 'http://127.0.0.1:9', tenantId: TENANT, clientId: 'x', clientSecret: 'y' }),
        }),
        /could not be reached/,
      ],
    ]) {
      const { status, body } = await request(handler, { method: 'GET' });
      assert.equal(status, 502);
      assert.equal(body.error, 'provider_unavailable');
      assert.match(body.message, message);
    }
  });

  it("answers 502 without PekoPay's words for a wrong tenant id, and onError gets PekoPay's error", async () => {
    const seen = [];
    const handler = createPekoPayTokenHandler({
      client: new PekoPayClient({ baseUrl: api, tenantId: 'wrong-tenant', clientId: 'demo-client', clientSecret: 'demo-secret' }),
      onError: (error) => void seen.push(error),
    });
    const { status, body } = await request(handler, { method: 'GET' });
    assert.deepEqual([status, body], [502, { error: 'provider_unavailable', message: 'PekoPay failed to answer. Try again in a moment.' }]);
    assert.deepEqual([seen[0].status, seen[0].code], [404, 'tenant_not_found']);
    assert.match(seen[0].message, /wrong-tenant/);
  });

  it('lets onError see each failure and answer it instead', async () => {
    const seen = [];
    const handler = createPekoPayTokenHandler({
      client,
      callOptions: () => ({ query: { sandbox_fault: 'missing' } }),
      onError: (error) => {
        seen.push(error.code);
        return new Response('{"mine":true}', { status: 503 });
      },
    });
    const { status, body } = await request(handler, { method: 'GET' });
    assert.deepEqual([status, body, seen], [503, { mine: true }, ['invalid_response']]);
  });
});

describe('createPekoPayActionHandler', () => {
  /** The shop's carts: what is bought is decided here, never by the browser. */
  let carts;
  let handler;
  const key = (n = 1) => ({ 'idempotency-key': `attempt-${n}` });

  beforeEach(async () => {
    const [customer, product] = await Promise.all([
      client.createCustomer({ firstname: 'Sarah', lastname: 'Ng', email: 'sarah@example.com' }),
      client.createProduct({ name: 'Backpack', price: 99, currency: 'CAD' }),
    ]);
    carts = new Map([['cart-1', { customerId: customer.id, items: [{ productId: product.id, quantity: 2 }] }]]);
    handler = createPekoPayActionHandler({
      client,
      allowedOrigins: ['https://shop.example'],
      order: ({ body }) => {
        const cart = carts.get(/** @type {string} */ (body.cartId));
        if (!cart) throw new HandlerError(404, 'cart_not_found', 'No such cart.');
        return { ...cart, taxRatesOptions: ['gst', 'pst'] };
      },
    });
  });

  /** What the element posts: `{ ...payload, provider, intent, customerId, paymentToken, card, savedCard, saveCard }`. */
  const posted = (fields) => ({
    cartId: 'cart-1',
    provider: 'pekopay',
    intent: 'charge',
    customerId: null,
    card: { last4: '4242', cardType: 'VISA' },
    savedCard: false,
    saveCard: false,
    ...fields,
  });

  it('charges the cart the shop priced, once per Idempotency-Key', async () => {
    const paymentToken = await tokenizedToken(api);
    const first = await request(handler, { body: posted({ paymentToken, amount: 1, items: [] }), headers: key() });
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body), ['transactionId', 'status', 'total', 'currency', 'card']);
    assert.deepEqual([first.body.status, first.body.total, first.body.currency], ['SUCCEEDED', 221.76, 'CAD']);
    const retry = await request(handler, { body: posted({ paymentToken }), headers: key() });
    assert.deepEqual(retry.body, first.body);
    assert.equal((await client.listTransactions()).length, 1);
    const reused = await request(handler, { body: posted({ paymentToken }), headers: key(2) });
    assert.deepEqual([reused.status, reused.body.error, reused.body.field], [410, 'token_used', 'paymentToken']);
  });

  it('finishes a charge the shopper left during (tab closed): the transaction and the merchant’s respond() still happen', async () => {
    const browser = new AbortController();
    const responded = [];
    const leaving = createPekoPayActionHandler({
      // The shopper goes away just as the charge is sent to PekoPay.
      client: Object.assign(Object.create(client), {
        createTransaction: (input, options) => (browser.abort(), client.createTransaction(input, options)),
      }),
      order: () => carts.get('cart-1'),
      respond: (transaction) => (responded.push(transaction.id), { saved: true }),
    });
    const response = await leaving(
      new Request('https://shop.example/api/pay', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...key() },
        body: JSON.stringify(posted({ paymentToken: await tokenizedToken(api) })),
        signal: browser.signal,
      }),
    );
    assert.equal(response.status, 200);
    const transactions = await client.listTransactions();
    assert.deepEqual(
      responded,
      transactions.map(({ id }) => id),
      'the order of the one charge was saved',
    );
    assert.equal(transactions.length, 1);
  });

  it('charges a saved card of the customer, and refuses one it does not have', async () => {
    const { customerId } = carts.get('cart-1');
    await client.addPaymentMethod(customerId, await tokenizedToken(api, CARDS.visa1111));
    const saved = await request(handler, {
      body: posted({ paymentToken: '', savedCard: true, card: { last4: '1111', cardType: 'VISA' } }),
      headers: key(),
    });
    assert.deepEqual([saved.status, saved.body.card.cardLastFourDigits], [200, '1111']);
    const unknown = await request(handler, {
      body: posted({ paymentToken: '', savedCard: true, card: { last4: '0000', cardType: 'VISA' } }),
      headers: key(2),
    });
    assert.deepEqual([unknown.status, unknown.body.error], [422, 'card_not_found']);
  });

  it('answers 402 for a declined card, and what respond makes of a success', async () => {
    const declined = await request(handler, {
      body: posted({ paymentToken: await tokenizedToken(api, CARDS.declinedAtCharge) }),
      headers: key(),
    });
    assert.deepEqual([declined.status, declined.body.error], [402, 'payment_declined']);
    const custom = createPekoPayActionHandler({
      client,
      order: () => carts.get('cart-1'),
      respond: (transaction, { idempotencyKey }) => ({ id: transaction.id, idempotencyKey }),
    });
    const answer = await request(custom, { body: posted({ paymentToken: await tokenizedToken(api) }), headers: key(3) });
    assert.deepEqual(Object.keys(answer.body), ['id', 'idempotencyKey']);
    assert.equal(answer.body.idempotencyKey, 'attempt-3');
  });

  it('refuses bad input with a 4xx JSON error before charging anything', async () => {
    const paymentToken = await tokenizedToken(api);
    for (const [init, status, field] of [
      [{ body: posted({ paymentToken }) }, 400, 'Idempotency-Key'],
      [{ body: posted({ paymentToken }), headers: { 'idempotency-key': 'x'.repeat(201) } }, 400, 'Idempotency-Key'],
      [{ body: posted({ paymentToken: undefined }), headers: key() }, 400, 'paymentToken'],
      [{ body: posted({ paymentToken: 42 }), headers: key() }, 400, 'paymentToken'],
      [{ body: posted({ paymentToken: '', savedCard: true, card: { last4: 'abcd' } }), headers: key() }, 400, 'card'],
      [{ body: posted({ paymentToken, provider: 'reepay' }), headers: key() }, 400, 'provider'],
      [{ body: posted({ paymentToken, cartId: 'nope' }), headers: key() }, 404, undefined],
      [{ body: '{"paymentToken": ', headers: key() }, 400, undefined],
      [{ body: '[1]', headers: key() }, 400, undefined],
      [{ body: JSON.stringify({ pad: 'x'.repeat(20_000) }), headers: key() }, 413, undefined],
      [{ body: posted({ paymentToken }), headers: { ...key(), origin: 'https://evil.example' } }, 403, undefined],
      [{ method: 'GET', headers: key() }, 405, undefined],
    ]) {
      const answer = await request(handler, init);
      assert.equal(answer.status, status, JSON.stringify(init).slice(0, 120));
      assert.equal(typeof answer.body.error, 'string');
      assert.equal(answer.body.field, field);
    }
    assert.equal((await client.listTransactions()).length, 0);
    const sameOrigin = await request(handler, { body: posted({ paymentToken }), headers: { ...key(), origin: 'https://shop.example' } });
    assert.equal(sameOrigin.status, 200);
  });

  it("answers 502 without PekoPay's words when PekoPay refuses the order the callback built", async () => {
    const paymentToken = await tokenizedToken(api);
    const seen = [];
    const ordering = (order) => createPekoPayActionHandler({ client, order, onError: (error) => void seen.push(error) });
    const cart = () => carts.get('cart-1');
    for (const [order, status, code] of [
      [() => ({ ...cart(), customerId: 'cus_nobody' }), 422, 'customer_not_found'],
      [() => ({ ...cart(), items: [{ productId: 'prod_nothing', quantity: 1 }] }), 422, 'product_not_found'],
      [() => ({ ...cart(), items: [] }), 400, 'validation_error'],
    ]) {
      const answer = await request(ordering(order), { body: posted({ paymentToken }), headers: key() });
      assert.deepEqual(
        [answer.status, answer.body],
        [502, { error: 'provider_unavailable', message: 'PekoPay failed to answer. Try again in a moment.' }],
        code,
      );
      assert.deepEqual([seen.at(-1).status, seen.at(-1).code], [status, code]);
    }
    assert.equal((await client.listTransactions()).length, 0);
    const charged = await request(handler, { body: posted({ paymentToken }), headers: key() });
    assert.equal(charged.status, 200, 'the token was not spent');
  });

  it("answers PekoPay's refusal of what the browser sent (token, Idempotency-Key) as 4xx naming the field", async () => {
    const long = await request(handler, { body: posted({ paymentToken: `sess_${'a'.repeat(300)}` }), headers: key() });
    assert.deepEqual(
      [long.status, long.body],
      [400, { error: 'validation_error', message: 'PekoPay refused paymentToken.', field: 'paymentToken' }],
    );
    const unknown = await request(handler, { body: posted({ paymentToken: 'sess_unknown' }), headers: key(2) });
    assert.deepEqual([unknown.status, unknown.body.error, unknown.body.field], [410, 'invalid_session_token', 'paymentToken']);
    const { customerId, items } = carts.get('cart-1');
    carts.set('cart-2', { customerId, items: [{ ...items[0], quantity: 1 }] });
    assert.equal((await request(handler, { body: posted({ paymentToken: await tokenizedToken(api) }), headers: key(3) })).status, 200);
    const otherCart = await request(handler, {
      body: posted({ cartId: 'cart-2', paymentToken: await tokenizedToken(api) }),
      headers: key(3),
    });
    assert.deepEqual([otherCart.status, otherCart.body.error, otherCart.body.field], [400, 'idempotency_key_reused', 'Idempotency-Key']);
  });

  it('tells order and respond whether the payer ticked "Save this card", and does not add the card itself', async () => {
    const seen = [];
    const saving = createPekoPayActionHandler({
      client,
      order: ({ saveCard }) => (seen.push(['order', saveCard]), carts.get('cart-1')),
      respond: (transaction, { saveCard }) => (seen.push(['respond', saveCard]), { id: transaction.id }),
    });
    const paymentToken = await tokenizedToken(api, CARDS.visa1111);
    assert.equal((await request(saving, { body: posted({ paymentToken, saveCard: true }), headers: key() })).status, 200);
    assert.equal((await request(saving, { body: posted({ paymentToken: await tokenizedToken(api) }), headers: key(2) })).status, 200);
    assert.deepEqual(seen, [
      ['order', true],
      ['respond', true],
      ['order', false],
      ['respond', false],
    ]);
    // Why the handler cannot add it: the charge consumed the one-time token, so PekoPay refuses it afterwards.
    const { customerId } = carts.get('cart-1');
    const refused = await client.addPaymentMethod(customerId, paymentToken).catch((error) => error);
    assert.deepEqual([refused.status, refused.code], [409, 'token_used']);
  });

  it('answers 500 without details when the order callback fails, and 502 when PekoPay does', async () => {
    const broken = createPekoPayActionHandler({
      client,
      order: () => {
        throw new Error('database down: password=hunter2');
      },
    });
    const failed = await request(broken, { body: posted({ paymentToken: 'sess_x' }), headers: key() });
    assert.deepEqual([failed.status, failed.body], [500, { error: 'internal_error', message: 'The request could not be handled.' }]);
    const down = createPekoPayActionHandler({
      client,
      order: () => carts.get('cart-1'),
      callOptions: () => ({ query: { sandbox_fault: '500' } }),
    });
    assert.equal((await request(down, { body: posted({ paymentToken: 'sess_x' }), headers: key() })).status, 502);
  });

  it('never answers a credential', () => {
    assert.ok(answers.length >= 30);
    for (const answer of answers) for (const secret of [...SECRETS, 'hunter2']) assert.ok(!answer.includes(secret), answer);
  });
});
