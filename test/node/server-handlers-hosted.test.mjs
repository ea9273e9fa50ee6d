// pay-checkout/server's session-endpoint handlers for the hosted checkouts (Reepay, Paiwise) as plain
// Web-Fetch handlers, called with Requests and run against the sandbox: the merchant's callback prices the
// session, the element gets { id, url } (Reepay: and its return URLs), bad input is a 4xx, a provider failure
// a 502, and no credential ever reaches a response.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPaiwiseSessionHandler, createReepaySessionHandler, PaiwiseClient, ReepayClient } from 'pay-checkout/server';
import { startServer } from '../../demo/server.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {ReepayClient} */
let reepay;
/** @type {PaiwiseClient} */
let paiwise;
const answers = [];
const SHOP = 'https://shop.example';
const SECRETS = [
  'priv_sandbox_demo',
  Buffer.from('priv_sandbox_demo:').toString('base64'),
  'priv_wrong',
  'paiwise_sandbox_demo',
  'paiwise_wrong',
];

before(async () => {
  server = await startServer({ port: 0, log: false });
  reepay = reepayClient('priv_sandbox_demo');
  paiwise = paiwiseClient('paiwise_sandbox_demo');
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

const reepayClient = (privateKey) =>
  new ReepayClient({
    privateKey,
    checkoutApiUrl: `${server.sandboxOrigin}/sandbox/reepay/checkout-api`,
    apiUrl: `${server.sandboxOrigin}/sandbox/reepay/api`,
  });
const paiwiseClient = (apiKey) => new PaiwiseClient({ apiKey, baseUrl: `${server.sandboxOrigin}/sandbox/paiwise`, returnOrigins: [SHOP] });

/** POSTs `body` to `handler` as the element does, from a page of the shop. */
async function post(handler, body, headers = {}) {
  const response = await handler(
    new Request(`${SHOP}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]) + text);
  return { status: response.status, body: JSON.parse(text) };
}

/** A charge of the shop's order: the amount is the shop's, whatever the browser sent. */
const chargePlan = ({ body }) => ({
  kind: /** @type {const} */ ('charge'),
  session: {
    order: { handle: `order-${body.orderId}`, amount: 50000, currency: 'DKK', customer: { handle: 'customer-123' } },
    accept_url: `${SHOP}/accept/order-${body.orderId}`,
    cancel_url: `${SHOP}/decline/order-${body.orderId}`,
  },
});

describe('createReepaySessionHandler', () => {
  it('creates the session the callback describes and answers { id, url, acceptUrl, cancelUrl }', async () => {
    const handler = createReepaySessionHandler({ client: reepay, session: chargePlan });
    const { status, body } = await post(handler, { orderId: '7', amount: 1, provider: 'reepay', mode: 'iframe' });
    assert.equal(status, 200);
    assert.match(body.id, /^cs_[0-9a-f]{32}$/);
    assert.deepEqual(
      { ...body, id: undefined, url: undefined },
      { id: undefined, url: undefined, acceptUrl: `${SHOP}/accept/order-7`, cancelUrl: `${SHOP}/decline/order-7` },
    );
    assert.equal(body.url, `${server.sandboxOrigin}/sandbox/reepay/checkout/#/${body.id}`);
    assert.equal(server.sandbox.reepay.invoices.get('order-7').amount, 50000);
  });

  it('creates recurring and subscription sessions, without return URLs when none were given', async () => {
    const kinds = {
      recurring: { kind: 'recurring', session: { create_customer: { handle: 'c-1' } } },
      subscription: { kind: 'subscription', session: { prepare_subscription: { plan: 'p-1', create_customer: { handle: 'c-1' } } } },
    };
    const handler = createReepaySessionHandler({ client: reepay, session: ({ body }) => kinds[body.kind] });
    const recurring = await post(handler, { kind: 'recurring' });
    assert.deepEqual(Object.keys(recurring.body), ['id', 'url']);
    assert.equal(server.sandbox.reepay.sessions.get(recurring.body.id).type, 'recurring');
    assert.match((await post(handler, { kind: 'subscription' })).body.url, /#\/subscription\/cs_/);
  });

  it('tells onSession what was created, and sends what it returns', async () => {
    const seen = [];
    const handler = createReepaySessionHandler({
      client: reepay,
      session: chargePlan,
      onSession: (answer, context, { plan, created }) => {
        seen.push([plan.kind, created.id === answer.id, context.body.orderId]);
        return { id: answer.id, url: answer.url };
      },
    });
    const { body } = await post(handler, { orderId: '8' });
    assert.deepEqual(Object.keys(body), ['id', 'url']);
    assert.deepEqual(seen, [['charge', true, '8']]);
  });

  it("answers 502 without Reepay's words when Reepay refuses the session the callback built, and bad input before calling Reepay", async () => {
    const seen = [];
    const handler = createReepaySessionHandler({ client: reepay, session: chargePlan, onError: (error) => void seen.push(error) });
    const refused = await post(handler, { orderId: 'not a handle!' });
    assert.deepEqual(refused.body, { error: 'provider_unavailable', message: 'Reepay failed to answer. Try again in a moment.' });
    assert.equal(refused.status, 502);
    assert.deepEqual([seen[0].status, seen[0].code], [400, 'Invalid parameter(s)'], 'onError has the whole ReepayError for the logs');
    assert.match(seen[0].message, /handle/);
    for (const [body, field] of [
      [{ provider: 'paiwise' }, 'provider'],
      [{ mode: 'popup' }, 'mode'],
    ]) {
      const answer = await post(handler, body);
      assert.deepEqual([answer.status, answer.body.field], [400, field]);
    }
    assert.equal((await post(handler, '{')).status, 400);
    assert.equal(server.sandbox.reepay.sessions.size, 0);
  });

  it('answers 502 when Reepay does not know the invoice the callback named', async () => {
    const handler = createReepaySessionHandler({ client: reepay, session: () => ({ kind: 'charge', session: { invoice: 'order-none' } }) });
    const { status, body } = await post(handler, {});
    assert.deepEqual([status, body.error], [502, 'provider_unavailable']);
    assert.doesNotMatch(JSON.stringify(body), /order-none|not found/i);
  });

  it('answers 502 when Reepay fails, answers no session, or refuses the key', async () => {
    const faulty = (fault) =>
      createReepaySessionHandler({ client: reepay, session: chargePlan, callOptions: () => ({ query: { sandbox_fault: fault } }) });
    for (const handler of [
      faulty('500'),
      faulty('malformed'),
      faulty('missing'),
      createReepaySessionHandler({ client: reepayClient('priv_wrong'), session: chargePlan }),
    ]) {
      const { status, body } = await post(handler, { orderId: '9' });
      assert.deepEqual([status, body.error], [502, 'provider_unavailable']);
      assert.match(body.message, /^Reepay /);
    }
  });
});

describe('createPaiwiseSessionHandler', () => {
  /** The shop's product: amount, currency and capture are its own. */
  const checkout = () => ({
    amount: 3000,
    currency: 'SEK',
    message: 'Trail socks',
    capture: false,
    returnUrl: `${SHOP}/done`,
    returnUrlCancel: `${SHOP}/cart`,
  });
  const handler = () => createPaiwiseSessionHandler({ client: paiwise, checkout });

  it("creates the checkout the callback describes, returning to the element's URLs, and answers { id, url }", async () => {
    const { status, body } = await post(handler(), {
      provider: 'paiwise',
      mode: 'modal',
      amount: 1,
      returnUrl: `${SHOP}/pay?paiwise=return`,
      returnUrlCancel: '/pay?paiwise=cancel',
    });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), ['id', 'url']);
    const stored = server.sandbox.paiwise.checkouts.get(body.id);
    assert.equal(body.url, stored.url);
    assert.deepEqual(
      [stored.amount, stored.capture, stored.template, stored.returnUrl, stored.returnUrlCancel],
      [3000, false, 'iframe', `${SHOP}/pay?paiwise=return`, `${SHOP}/pay?paiwise=cancel`],
    );
  });

  it("takes the callback's return URLs when the element sent none, and no template for a redirect", async () => {
    const stored = server.sandbox.paiwise.checkouts.get((await post(handler(), { mode: 'redirect' })).body.id);
    assert.deepEqual([stored.returnUrl, stored.returnUrlCancel, stored.template], [`${SHOP}/done`, `${SHOP}/cart`, null]);
  });

  it('refuses return URLs off the shop with 400 naming the field, before any request', async () => {
    for (const [field, value] of [
      ['returnUrl', 'https://evil.example/'],
      ['returnUrlCancel', '//evil.example/x'],
      ['returnUrl', 'javascript:alert(1)'],
      ['returnUrl', 7],
    ]) {
      const { status, body } = await post(handler(), { [field]: value });
      assert.deepEqual([status, body.error, body.field], [400, 'return_url_not_allowed', field], String(value));
    }
    const noDefault = createPaiwiseSessionHandler({ client: paiwise, checkout: () => ({ amount: 1, currency: 'SEK', message: 'x' }) });
    assert.equal((await post(noDefault, {})).body.field, 'returnUrl');
    assert.equal(server.sandbox.paiwise.checkouts.size, 0);
  });

  it("answers Paiwise's refusal of the checkout the callback built as 502, and its refusal of the browser's return URL as 400", async () => {
    const seen = [];
    const merchants = createPaiwiseSessionHandler({
      client: paiwise,
      checkout: () => ({ ...checkout(), currency: 'XXXX' }),
      onError: (error) => void seen.push(error),
    });
    const refused = await post(merchants, {});
    assert.deepEqual(
      [refused.status, refused.body],
      [502, { error: 'provider_unavailable', message: 'Paiwise failed to answer. Try again in a moment.' }],
    );
    assert.deepEqual([seen[0].status, seen[0].code, seen[0].field], [422, 'validation_error', 'currency']);
    const customer = await paiwise.createCustomer({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
    const withCard = (card) =>
      createPaiwiseSessionHandler({
        client: paiwise,
        checkout: () => ({ ...checkout(), customer_id: customer.customer_id, card_id: card }),
      });
    const noCard = await post(withCard('card_gone'), {});
    assert.deepEqual([noCard.status, noCard.body.field], [400, 'card_id'], 'a saved card the customer does not have');
    const long = await post(handler(), { returnUrl: `${SHOP}/done?${'x'.repeat(2100)}` });
    assert.deepEqual(
      [long.status, long.body],
      [400, { error: 'validation_error', message: 'Paiwise refused returnUrl.', field: 'returnUrl' }],
    );
    const faulty = (fault) =>
      createPaiwiseSessionHandler({ client: paiwise, checkout, callOptions: () => ({ query: { sandbox_fault: fault } }) });
    for (const failing of [
      faulty('500'),
      faulty('malformed'),
      faulty('missing'),
      createPaiwiseSessionHandler({ client: paiwiseClient('paiwise_wrong'), checkout }),
    ]) {
      const { status, body } = await post(failing, {});
      assert.deepEqual([status, body.error], [502, 'provider_unavailable']);
    }
  });

  it('only answers pages of the allowed origins', async () => {
    const guarded = createPaiwiseSessionHandler({ client: paiwise, checkout, allowedOrigins: [SHOP] });
    assert.equal((await post(guarded, {}, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await post(guarded, {}, { origin: SHOP })).status, 200);
  });

  it('creates nothing for a body another site could send without asking (not application/json): 415', async () => {
    let called = 0;
    const handler = createPaiwiseSessionHandler({ client: paiwise, checkout: (context) => (called++, checkout(context)) });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      const headers = type ? { 'content-type': type } : {};
      const response = await handler(new Request(`${SHOP}/api/session`, { method: 'POST', headers, body: type ? '{}' : null }));
      assert.equal(response.status, 415, String(type));
      assert.equal((await response.json()).error, 'unsupported_media_type');
    }
    assert.equal(called, 0, 'the callback never ran');
    assert.equal((await post(handler, {}, { 'content-type': 'Application/JSON; charset=utf-8' })).status, 200);
  });
});

describe('session handlers', () => {
  it('never answer a credential', () => {
    assert.ok(answers.length >= 25);
    for (const answer of answers) for (const secret of SECRETS) assert.ok(!answer.includes(secret), answer);
  });
});
