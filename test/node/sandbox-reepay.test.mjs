// The Reepay sandbox over real HTTP: every request of Reepay's Checkout API examples (the seed, kept in
// fixtures/) with only the host swapped, then sessions, the hosted page's API, charges, auth and errors.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../demo/server.mjs';
import { assertKitCardForm, pageFiles } from './support/page-files.mjs';
import { reepaySeedRequests } from './support/reepay-seed.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let checkoutApi = '';
let api = '';
let pageApi = '';
const KEY = 'priv_sandbox_demo';
const AUTH = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
const VISA = { number: '4242424242424242', expiry: '12/34', cvc: '123', name: 'Sarah Ng' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  server = await startServer({ port: 0, log: false });
  checkoutApi = `${server.origin}/sandbox/reepay/checkout-api`;
  api = `${server.origin}/sandbox/reepay/api`;
  pageApi = `${server.sandboxOrigin}/sandbox/reepay/checkout/api/sessions`;
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

/**
 * @param {string} url
 * @param {unknown} [body] an object (sent as JSON) or text sent as is
 * @param {{ method?: string, auth?: string | null }} [options]
 */
async function call(url, body, { method = 'POST', auth = AUTH } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const chargeSession = (body) => call(`${checkoutApi}/v1/session/charge`, body);
const recurringSession = (body) => call(`${checkoutApi}/v1/session/recurring`, body);
const order = (fields = {}) => ({ handle: 'order-1', amount: 1000, customer: { handle: 'customer-1' }, ...fields });

/** Pays a session as the hosted page does. */
const payPage = (id, card = VISA) => call(`${pageApi}/${id}/pay`, { card }, { auth: null });
const sessionInfo = (id) => call(`${pageApi}/${id}`, undefined, { method: 'GET', auth: null });

/** A saved card, made the way a payer makes one: a recurring session paid on the hosted page. */
async function savedCard(number = VISA.number) {
  const { body: session } = await recurringSession({ create_customer: { handle: 'customer-9' } });
  const { status, body } = await payPage(session.id, { ...VISA, number });
  assert.equal(status, 200);
  return body.payment_method;
}

/**
 * Sends a seed request to the sandbox: the host swapped; the documentation's placeholders (`priv_xxxx…`,
 * `ca_....`) replaced by the sandbox key and a real saved card.
 * @param {{ url: string, user: string, headers: string[][], body: string }} request
 * @param {string} [card]
 */
async function sendSeed(request, card) {
  const url = request.url.replace('https://checkout-api.reepay.com', checkoutApi).replace('https://api.reepay.com', api);
  assert.match(request.user, /^priv_x+$/);
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...Object.fromEntries(request.headers), Authorization: AUTH },
    body: card ? request.body.replace('ca_....', card) : request.body,
  });
  return { status: response.status, body: await response.json() };
}

describe("the seed's requests, host swapped", () => {
  const seeds = reepaySeedRequests();

  it('finds the six requests of the seed', () => {
    assert.equal(seeds.length, 6);
    assert.deepEqual(
      seeds.map((seed) => new URL(seed.url).pathname),
      ['/v1/session/charge', '/v1/session/charge', '/v1/session/charge', '/v1/charge', '/v1/session/charge', '/v1/session/recurring'],
    );
  });

  it('creates a charge session with an amount, creating the customer', async () => {
    const { status, body } = await sendSeed(seeds[0]);
    assert.equal(status, 200);
    assert.match(body.id, /^cs_[0-9a-f]{32}$/);
    assert.equal(body.url, `${server.sandboxOrigin}/sandbox/reepay/checkout/#/${body.id}`);
    assert.deepEqual(Object.keys(body).sort(), ['id', 'url']);
    const invoice = server.sandbox.reepay.invoices.get('order-12345');
    assert.equal(invoice.amount, 50000);
    assert.equal(invoice.currency, 'DKK');
    assert.equal(invoice.state, 'created');
    assert.deepEqual(
      { ...server.sandbox.reepay.customers.get('customer-123'), created: undefined },
      { handle: 'customer-123', email: null, first_name: 'John', last_name: 'Doe', phone: '+4531313131', created: undefined },
    );
    const session = server.sandbox.reepay.sessions.get(body.id);
    assert.equal(session.accept_url, 'https://webshop.com/accept/order-12345');
    assert.equal(session.cancel_url, 'https://webshop.com/decline/order-12345');
    // Where the page sends a payer who cancels: cancel_url with the session id, Reepay's one parameter there.
    assert.equal((await sessionInfo(body.id)).body.cancel_url, `https://webshop.com/decline/order-12345?id=${body.id}`);
  });

  it('creates a charge session from order lines, adding VAT where amounts exclude it', async () => {
    const { status } = await sendSeed(seeds[1]);
    assert.equal(status, 200);
    const invoice = server.sandbox.reepay.invoices.get('order-123456');
    // 5 × 100.00 (VAT included) + 200.00 plus 20 % VAT.
    assert.equal(invoice.amount, 74000);
    const [first, second] = invoice.order_lines;
    assert.deepEqual(
      [first.amount, first.quantity, first.vat, first.amount_vat, first.amount_defined_incl_vat],
      [50000, 5, 0.25, 10000, true],
    );
    assert.deepEqual(
      [second.amount, second.unit_amount, second.vat, second.amount_ex_vat, second.amount_vat, second.amount_defined_incl_vat],
      [24000, 24000, 0.2, 20000, 4000, false],
    );
  });

  it('creates a recurring charge session in another currency that saves the card it charges', async () => {
    const { status, body } = await sendSeed(seeds[2]);
    assert.equal(status, 200);
    assert.equal(server.sandbox.reepay.invoices.get('order-12345').currency, 'EUR');
    assert.equal(server.sandbox.reepay.customers.get('customer-1').email, '[email protected]');
    const paid = await payPage(body.id);
    assert.equal(paid.status, 200);
    assert.match(paid.body.payment_method, /^ca_[0-9a-f]{32}$/);
    assert.equal(paid.body.invoice, 'order-12345');
    assert.equal(paid.body.customer, 'customer-1');
    assert.equal(
      paid.body.accept_url,
      `https://webshop.com/accept/order-12345?id=${body.id}&customer=customer-1&payment_method=${paid.body.payment_method}&invoice=order-12345`,
    );
  });

  it('charges a saved card (ca_…) with the charge API', async () => {
    const card = await savedCard();
    const { status, body } = await sendSeed(seeds[3], card);
    assert.equal(status, 200);
    assert.equal(body.handle, 'order_101');
    assert.equal(body.state, 'authorized');
    assert.equal(body.amount, 20000);
    assert.equal(body.customer, 'customer-9');
    assert.equal(body.source.card, card);
    assert.equal(body.source.type, 'card');
    assert.equal(body.source.masked_card, '424242XXXXXX4242');
  });

  it('creates a charge session for an existing unpaid invoice', async () => {
    await chargeSession({ order: order({ handle: 'order-123452', amount: 12345 }) });
    const { status, body } = await sendSeed(seeds[4]);
    assert.equal(status, 200);
    assert.equal(server.sandbox.reepay.sessions.get(body.id).invoice, 'order-123452');
    assert.equal((await sessionInfo(body.id)).body.amount, 12345);
  });

  it('creates a recurring session creating the customer, taking the JSON value before the stray brace', async () => {
    const { status, body } = await sendSeed(seeds[5]);
    assert.equal(status, 200);
    const session = server.sandbox.reepay.sessions.get(body.id);
    assert.equal(session.type, 'recurring');
    assert.equal(session.customer, 'customer-123');
    assert.ok(server.sandbox.reepay.customers.has('customer-123'));
    // The fields after the early `}` never reach Reepay.
    assert.equal(session.accept_url, null);
  });
});

describe('authentication', () => {
  it("answers 401 in Reepay's error shape without a key, or with another key", async () => {
    for (const auth of [null, `Basic ${Buffer.from('priv_other:').toString('base64')}`, 'Bearer priv_sandbox_demo']) {
      const { status, body } = await call(`${checkoutApi}/v1/session/charge`, { order: order() }, { auth });
      assert.equal(status, 401);
      assert.equal(body.http_status, 401);
      assert.equal(body.http_reason, 'Unauthorized');
      assert.equal(body.path, '/sandbox/reepay/checkout-api/v1/session/charge');
      assert.match(body.request_id, /^[0-9a-f]{32}$/);
      assert.ok(!Number.isNaN(Date.parse(body.timestamp)));
    }
  });

  it('ignores the Basic password, as Reepay does', async () => {
    const auth = `Basic ${Buffer.from(`${KEY}:anything`).toString('base64')}`;
    assert.equal((await call(`${checkoutApi}/v1/session/charge`, { order: order() }, { auth })).status, 200);
  });
});

describe('charge session validation', () => {
  const cases = [
    ['both amount and order lines', { order: order({ order_lines: [{ ordertext: 'x', amount: 1 }] }) }, 400, 3],
    ['neither amount nor order lines', { order: { handle: 'o', customer: { handle: 'c' } } }, 400, 3],
    ['both order and invoice', { order: order(), invoice: 'order-1' }, 400, 3],
    ['neither order nor invoice', { accept_url: 'https://shop.example/ok' }, 400, 3],
    ['a handle with spaces', { order: order({ handle: 'order 1' }) }, 400, 3],
    ['an amount in major units', { order: order({ amount: 99.5 }) }, 400, 3],
    ['a VAT rate above 1', { order: order({ amount: undefined, order_lines: [{ ordertext: 'x', amount: 100, vat: 25 }] }) }, 400, 3],
    ['an order line without text', { order: order({ amount: undefined, order_lines: [{ amount: 100 }] }) }, 400, 3],
    ['a lower-case currency', { order: order({ currency: 'dkk' }) }, 400, 3],
    ['a relative accept_url', { order: order(), accept_url: '/accept' }, 400, 3],
    ['a javascript: cancel_url', { order: order(), cancel_url: 'javascript:alert(1)' }, 400, 3],
    ['a ttl that is not an ISO-8601 duration', { order: order(), ttl: '3600' }, 400, 3],
    ['no way to know the customer', { order: { handle: 'o', amount: 100 } }, 400, 18],
    ['an unknown customer_handle', { order: { handle: 'o', amount: 100, customer_handle: 'nobody' } }, 404, 9],
    ['an unknown invoice', { invoice: 'no-such-invoice' }, 404, 16],
    ['a body that is not an object', [order()], 400, 1],
  ];
  for (const [what, body, status, code] of cases) {
    it(`refuses ${what} with ${status} code ${code}`, async () => {
      const response = await chargeSession(body);
      assert.equal(response.status, status);
      assert.equal(response.body.code, code);
      assert.equal(typeof response.body.error, 'string');
      assert.equal(response.body.http_status, status);
    });
  }

  it('refuses a body that is not JSON with code 1', async () => {
    const { status, body } = await chargeSession('{"order": ');
    assert.equal(status, 400);
    assert.equal(body.code, 1);
  });

  it('refuses a new session for an invoice that is already paid', async () => {
    const { body: session } = await chargeSession({ order: order(), settle: true });
    await payPage(session.id);
    for (const body of [{ invoice: 'order-1' }, { order: order() }]) {
      const { status, body: error } = await chargeSession(body);
      assert.equal(status, 400);
      assert.deepEqual([error.code, error.error], [79, 'Invoice already settled']);
    }
  });

  it('adjusts the amount of an existing unpaid invoice, but never its customer or currency', async () => {
    await chargeSession({ order: order() });
    assert.equal((await chargeSession({ order: order({ amount: 2500 }) })).status, 200);
    assert.equal(server.sandbox.reepay.invoices.get('order-1').amount, 2500);
    assert.equal((await chargeSession({ order: order({ customer: { handle: 'customer-2' } }) })).status, 400);
    assert.equal((await chargeSession({ order: order({ currency: 'EUR' }) })).status, 400);
  });

  it('reuses an existing customer given by handle, and generates handles on request', async () => {
    await chargeSession({ order: order({ customer: { handle: 'customer-1', first_name: 'Ada' } }) });
    await chargeSession({ order: order({ handle: 'order-2', customer: { handle: 'customer-1', first_name: 'Other' } }) });
    assert.equal(server.sandbox.reepay.customers.get('customer-1').first_name, 'Ada');
    await chargeSession({ order: order({ handle: 'order-3', customer: { generate_handle: true } }) });
    assert.ok(server.sandbox.reepay.customers.has('cust-0001'));
  });
});

describe('recurring and subscription sessions', () => {
  it('serves and completes each kind of session by its id alone, as the kind it was created as', async () => {
    // The seed names no id prefix, page route or content_type per kind, so nothing a client names can contradict
    // the session (docs/sandbox.md, Reepay): its kind decides what the page shows and what the accept URL carries.
    const creates = [
      () => chargeSession({ order: order({ handle: 'order-a', customer: { handle: 'customer-a' } }) }),
      () => chargeSession({ order: order({ handle: 'order-b', customer: { handle: 'customer-b' } }), recurring: true }),
      () => recurringSession({ create_customer: { handle: 'customer-c' } }),
      () => call(`${checkoutApi}/v1/session/subscription`, { prepare_subscription: { plan: 'plan-gold', customer: 'customer-c' } }),
    ];
    const seen = [];
    for (const create of creates) {
      const { body: session } = await create();
      const { body: view } = await sessionInfo(session.id);
      const { body: accepted } = await payPage(session.id);
      seen.push([session.id.slice(0, 3), view.type, 'invoice' in view, Object.keys(accepted).sort().join(' ')]);
    }
    assert.deepEqual(seen, [
      ['cs_', 'charge', true, 'accept_url customer id invoice'],
      ['cs_', 'charge', true, 'accept_url customer id invoice payment_method'],
      ['cs_', 'recurring', false, 'accept_url customer id payment_method'],
      ['cs_', 'subscription', false, 'accept_url customer id payment_method subscription'],
    ]);
  });

  it('needs exactly one of customer and create_customer; an unknown customer is 404 code 9', async () => {
    assert.equal((await recurringSession({})).status, 400);
    assert.equal((await recurringSession({ customer: 'c', create_customer: { handle: 'c' } })).status, 400);
    const unknown = await recurringSession({ customer: 'nobody' });
    assert.deepEqual([unknown.status, unknown.body.code], [404, 9]);
  });

  it('saves a card for an existing customer: the accept URL carries the customer and the ca_', async () => {
    await recurringSession({ create_customer: { handle: 'customer-5' } });
    const { body: session } = await recurringSession({ customer: 'customer-5', accept_url: 'https://shop.example/saved?step=2' });
    const { body } = await payPage(session.id, { ...VISA, number: '3782 822463 10005', cvc: '1234' });
    assert.deepEqual(Object.keys(body).sort(), ['accept_url', 'customer', 'id', 'payment_method']);
    const card = server.sandbox.reepay.paymentMethods.get(body.payment_method);
    assert.deepEqual([card.customer, card.card_type, card.masked_card, card.exp_date], ['customer-5', 'amex', '378282XXXXXX0005', '12-34']);
    assert.equal(
      body.accept_url,
      `https://shop.example/saved?step=2&id=${session.id}&customer=customer-5&payment_method=${body.payment_method}`,
    );
  });

  it('prepares a subscription whose checkout activates it with the saved card', async () => {
    const { status, body: session } = await call(`${checkoutApi}/v1/session/subscription`, {
      prepare_subscription: { handle: 'sub-1', plan: 'plan-gold', create_customer: { handle: 'customer-7' } },
    });
    assert.equal(status, 200);
    assert.equal(session.url, `${server.sandboxOrigin}/sandbox/reepay/checkout/#/subscription/${session.id}`);
    assert.equal((await sessionInfo(session.id)).body.plan, 'plan-gold');
    const { body } = await payPage(session.id);
    assert.equal(body.subscription, 'sub-1');
    const subscription = await call(`${api}/v1/subscription/sub-1`, undefined, { method: 'GET' });
    assert.equal(subscription.body.state, 'active');
    assert.equal(subscription.body.payment_method, body.payment_method);
  });
});

describe("the hosted page's session API", () => {
  it('describes a session to the page, with its order lines and where cancel goes', async () => {
    const { body: session } = await chargeSession({
      order: order({ amount: undefined, order_lines: [{ ordertext: 'Tent', amount: 150000, quantity: 2 }] }),
      cancel_url: 'https://shop.example/cart',
    });
    const { status, body } = await sessionInfo(session.id);
    assert.equal(status, 200);
    assert.deepEqual(
      { ...body, expires: undefined },
      {
        id: session.id,
        type: 'charge',
        expires: undefined,
        customer: 'customer-1',
        recurring: false,
        invoice: 'order-1',
        amount: 300000,
        currency: 'DKK',
        order_lines: [{ ordertext: 'Tent', quantity: 2, amount: 300000 }],
        cancel_url: `https://shop.example/cart?id=${session.id}`,
      },
    );
  });

  it('expires a session after its ttl: 410 error.session.expired', async () => {
    const { body: session } = await chargeSession({ order: order(), ttl: 'PT1S' });
    assert.equal((await sessionInfo(session.id)).status, 200);
    await sleep(1100);
    const { status, body } = await sessionInfo(session.id);
    assert.deepEqual([status, body.error], [410, 'error.session.expired']);
    assert.equal((await payPage(session.id)).status, 410);
  });

  it('answers 404 error.session.not_found for an unknown or deleted session', async () => {
    assert.equal((await sessionInfo(`cs_${'0'.repeat(32)}`)).body.error, 'error.session.not_found');
    const { body: session } = await chargeSession({ order: order() });
    assert.equal((await call(`${checkoutApi}/v1/session/${session.id}`, undefined, { method: 'DELETE' })).status, 200);
    assert.equal((await sessionInfo(session.id)).status, 404);
  });

  it("refuses the offline mode's session ids, even one that made it into the store", async () => {
    const { body: session } = await chargeSession({ order: order() });
    const offlineId = `cs_${'0'.repeat(8)}${session.id.slice(-24)}`;
    server.sandbox.reepay.sessions.set(offlineId, { ...server.sandbox.reepay.sessions.get(session.id), id: offlineId });
    assert.deepEqual([(await sessionInfo(offlineId)).body.error, (await payPage(offlineId)).status], ['error.session.not_found', 404]);
    assert.equal((await sessionInfo(session.id)).status, 200);
  });

  it('declines the declined test card, marking the invoice failed, and accepts another card after it', async () => {
    const { body: session } = await chargeSession({ order: order() });
    const declined = await payPage(session.id, { ...VISA, number: '4000000000000002' });
    assert.deepEqual([declined.status, declined.body.error], [402, 'declined']);
    assert.equal(server.sandbox.reepay.invoices.get('order-1').state, 'failed');
    const paid = await payPage(session.id);
    assert.equal(paid.status, 200);
    assert.equal(server.sandbox.reepay.invoices.get('order-1').state, 'authorized');
  });

  it('refuses invalid card details with the fields at fault, and a second payment of the session', async () => {
    const { body: session } = await chargeSession({ order: order() });
    const invalid = await payPage(session.id, { number: '4242 4242 4242 4241', expiry: '01/20', cvc: '1', name: '' });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.body.fields.map((field) => field.field).sort(), ['cardNumber', 'cardholderName', 'cvc', 'expiry']);
    assert.equal((await payPage(session.id)).status, 200);
    const again = await payPage(session.id);
    assert.deepEqual([again.status, again.body.error], [409, 'error.session.already_completed']);
  });

  it('settles at once when the session says settle', async () => {
    const { body: session } = await chargeSession({ order: order(), settle: true });
    await payPage(session.id);
    const charge = await call(`${api}/v1/charge/order-1`, undefined, { method: 'GET' });
    assert.equal(charge.body.state, 'settled');
    assert.equal(charge.body.authorized_amount, 1000);
  });
});

describe('the charge API', () => {
  it('answers 404 code 40 for an unknown saved card, and refuses other sources', async () => {
    const unknown = await call(`${api}/v1/charge`, { handle: 'o', amount: 100, source: `ca_${'0'.repeat(32)}` });
    assert.deepEqual([unknown.status, unknown.body.code], [404, 40]);
    const token = await call(`${api}/v1/charge`, { handle: 'o', amount: 100, source: 'ct_123' });
    assert.equal(token.status, 400);
  });

  it('answers 200 with state failed when the card cannot pay, and lets the same handle be retried', async () => {
    const empty = await savedCard('4000000000000341');
    const { status, body } = await call(`${api}/v1/charge`, { handle: 'order-7', amount: 500, source: empty });
    assert.equal(status, 200);
    assert.deepEqual([body.state, body.error, body.error_state], ['failed', 'insufficient_funds', 'soft_declined']);
    const good = await savedCard();
    const retry = await call(`${api}/v1/charge`, { handle: 'order-7', amount: 500, source: good, customer_handle: 'customer-9' });
    assert.equal(retry.body.state, 'authorized');
  });

  it('answers the same charge for the same idempotency key, and refuses to charge a paid handle again', async () => {
    const card = await savedCard();
    const request = { handle: 'order-8', amount: 700, source: card, key: 'k-1', settle: true };
    const first = await call(`${api}/v1/charge`, request);
    const second = await call(`${api}/v1/charge`, request);
    assert.equal(first.body.state, 'settled');
    assert.deepEqual(second.body, first.body);
    const other = await call(`${api}/v1/charge`, { ...request, key: 'k-2' });
    assert.deepEqual([other.status, other.body.code], [400, 79]);
  });

  it('refuses a customer that does not own the card', async () => {
    const card = await savedCard();
    const { status } = await call(`${api}/v1/charge`, { handle: 'o', amount: 100, source: card, customer: { handle: 'someone-else' } });
    assert.equal(status, 400);
  });
});

describe('the hosted checkout page', () => {
  it('is served from the 127.0.0.1 origin at its folder URL, under a strict CSP', async () => {
    const response = await fetch(`${server.sandboxOrigin}/sandbox/reepay/checkout/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    assert.match(response.headers.get('content-security-policy'), /default-src 'self'.*require-trusted-types-for 'script'/);
    await assertKitCardForm(`${server.sandboxOrigin}/sandbox/reepay/checkout/`);
    const files = [...(await pageFiles(`${server.sandboxOrigin}/sandbox/reepay/checkout/`)).keys()].map((url) => new URL(url).pathname);
    for (const file of ['checkout/checkout.js', 'checkout/init.js', 'checkout/offline-api.js', 'checkout/checkout.css', 'shared/page.js']) {
      assert.ok(
        files.some((path) => path.endsWith(file)),
        file,
      );
    }
  });

  it('obeys the fault switches, as a page', async () => {
    const broken = await fetch(`${server.sandboxOrigin}/sandbox/reepay/checkout/?sandbox_fault=malformed`);
    assert.match(broken.headers.get('content-type'), /^text\/html/);
    assert.doesNotMatch(await broken.text(), /checkout\.js/);
    assert.equal((await fetch(`${checkoutApi}/v1/session/charge?sandbox_fault=500`, { method: 'POST' })).status, 500);
  });
});
