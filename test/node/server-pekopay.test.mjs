// pay-checkout/server (the built dist/server, imported through the package's own exports) against the
// PekoPay sandbox over real HTTP: every call, typed errors, time limits and aborts, webhook signatures,
// and that it stays fit for edge runtimes and out of the browser bundle.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  PekoPayClient,
  PekoPayError,
  ProviderApiError,
  basicAuthorization,
  parsePekoPayWebhook,
  verifyWebhookSignature,
} from 'pay-checkout/server';
import { startServer } from '../../demo/server.mjs';
import { CARDS, TENANT, tokenizedToken, webhookReceiver } from './pekopay-helpers.mjs';
import { failure, recordingFetch } from './support/calls.mjs';

const root = new URL('../../', import.meta.url);
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
/** @type {PekoPayClient} */
let client;
const credentials = { tenantId: TENANT, clientId: 'demo-client', clientSecret: 'demo-secret' };

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
  client = new PekoPayClient({ baseUrl: api, ...credentials });
});
after(() => server.close());
beforeEach(async () => {
  await server.sandbox.pekopay.webhooks.idle();
  server.sandbox.reset();
});

const sarah = { firstname: 'Sarah', lastname: 'Ng', email: 'sarah@example.com', type: 'INDIVIDUAL' };
const growth = {
  name: 'Growth Monthly',
  recurringChargeAmount: 99,
  chargeFrequency: 'MONTHLY',
  currency: 'CAD',
  trialPeriodDays: 14,
  gracePeriodDays: 7,
};

describe('PekoPayClient calls', () => {
  it('generates payment tokens with POST (default) and GET, passing extra query parameters', async () => {
    assert.match((await client.generatePaymentToken()).token, /^sess_[0-9a-f]{32}$/);
    const { token } = await client.generatePaymentToken({ method: 'GET', query: { ttl: '1' } });
    const { record } = server.sandbox.pekopay.tokens.lookup(token);
    assert.ok(record.expiresAt - record.issuedAt === 1000);
  });

  it('creates, reads, lists, updates and deletes customers', async () => {
    const created = await client.createCustomer(sarah);
    assert.equal((await client.getCustomer(created.id)).email, 'sarah@example.com');
    assert.deepEqual(
      (await client.listCustomers({ email: 'sarah@example.com' })).map((c) => c.id),
      [created.id],
    );
    assert.equal((await client.updateCustomer(created.id, { firstname: 'Sara' })).firstname, 'Sara');
    assert.deepEqual(await client.deleteCustomer(created.id), { id: created.id, deleted: true });
    assert.deepEqual(await client.listCustomers(), []);
  });

  it('finds or creates a customer by email, once even when asked twice at the same time', async () => {
    const [first, second] = await Promise.all([client.findOrCreateCustomer(sarah), client.findOrCreateCustomer(sarah)]);
    assert.equal(first.id, second.id);
    assert.equal((await client.findOrCreateCustomer(sarah)).id, first.id);
    assert.equal((await client.listCustomers()).length, 1);
  });

  it('finds the customer by email even from an API that ignores the email filter', async () => {
    const ignoringFilter = new PekoPayClient({
      baseUrl: api,
      ...credentials,
      fetch: (input, init) => fetch(input.replace(/\?email=[^&]*/, ''), init),
    });
    await ignoringFilter.createCustomer(sarah);
    const jane = await ignoringFilter.findOrCreateCustomer({ ...sarah, firstname: 'Jane', email: 'Jane@Acme.com' });
    assert.equal(jane.firstname, 'Jane');
    assert.equal((await ignoringFilter.findOrCreateCustomer({ ...sarah, email: 'jane@acme.com' })).id, jane.id);
  });

  it('creates and reads products and plans', async () => {
    const product = await client.createProduct({ name: 'Premium Support', price: 49.99, currency: 'CAD' });
    assert.deepEqual(await client.getProduct(product.id), product);
    assert.deepEqual(await client.listProducts(), [product]);
    const plan = await client.createPlan(growth);
    assert.deepEqual(await client.getPlan(plan.id), plan);
    assert.deepEqual(await client.listPlans(), [plan]);
  });

  it('charges a transaction once per idempotency key and reads it back', async () => {
    const [customer, product] = await Promise.all([
      client.createCustomer(sarah),
      client.createProduct({ name: 'Support', price: 49.99, currency: 'CAD' }),
    ]);
    const input = {
      paymentToken: await tokenizedToken(api),
      customerId: customer.id,
      items: [{ productId: product.id, quantity: 2 }],
      taxRatesOptions: ['gst', 'pst'],
    };
    const first = await client.createTransaction(input, { idempotencyKey: 'order-1' });
    const retry = await client.createTransaction(input, { idempotencyKey: 'order-1' });
    assert.deepEqual(retry, first);
    assert.equal(first.total, 111.98);
    assert.deepEqual(await client.getTransaction(first.id), first);
    assert.deepEqual(await client.listTransactions({ customerId: customer.id }), [first]);
  });

  it('keeps, lists and chooses cards', async () => {
    const customer = await client.createCustomer(sarah);
    await client.addPaymentMethod(customer.id, await tokenizedToken(api, CARDS.visa));
    await client.addPaymentMethod(customer.id, await tokenizedToken(api, CARDS.visa1111));
    const chosen = await client.chooseDefaultCard(customer.id, { cardLastFourDigits: '1111', cardType: 'VISA' });
    assert.deepEqual(chosen.creditCards.find((card) => card.default)?.cardLastFourDigits, '1111');
    assert.deepEqual(await client.listCreditCards(customer.id), chosen.creditCards);
  });

  it('runs a subscription through switch, quantity, payment source and cancel', async () => {
    const [customer, plan, starter] = await Promise.all([
      client.createCustomer(sarah),
      client.createPlan(growth),
      client.createPlan({ ...growth, name: 'Starter Monthly', recurringChargeAmount: 29.99 }),
    ]);
    const sub = await client.createSubscription(
      {
        paymentToken: await tokenizedToken(api),
        subscription: { planId: starter.id, customerId: customer.id, quantity: 1, applicableTaxes: ['gst', 'pst'] },
      },
      { idempotencyKey: 'signup-1' },
    );
    assert.equal(sub.status, 'TRIALING');
    assert.equal((await client.switchPlan(sub.id, plan.id)).planId, plan.id);
    assert.equal((await client.updateQuantity(sub.id, 3)).quantity, 3);
    const paid = await client.updatePaymentSource(sub.id, await tokenizedToken(api, CARDS.mastercard));
    assert.equal(paid.paymentSource.cardType, 'MASTERCARD');
    assert.deepEqual(
      (await client.listSubscriptions({ customerId: customer.id })).map((s) => s.id),
      [sub.id],
    );
    assert.equal((await client.cancelSubscription(sub.id)).status, 'CANCELED');
    assert.equal((await client.getSubscription(sub.id)).status, 'CANCELED');
    assert.deepEqual(await client.listTransactions({ subscriptionId: sub.id }), []);
  });
});

describe('PekoPayClient errors', () => {
  it('refuses an id that is empty, "." or ".." before any request: it would call another endpoint with the credentials', async () => {
    const sent = [];
    const recording = new PekoPayClient({ baseUrl: api, ...credentials, fetch: recordingFetch(sent) });
    for (const [call, id] of [
      [(id) => recording.getCustomer(id), '..'],
      [(id) => recording.listCreditCards(id), '..'],
      [(id) => recording.getTransaction(id), '.'],
      [(id) => recording.cancelSubscription(id), ''],
      [(id) => recording.request('GET', `/tenants/${TENANT}/customers/%2E%2e/credit-cards`), '%2E%2e'],
    ]) {
      const error = await failure(call(id));
      assert.ok(error instanceof PekoPayError, id);
      assert.deepEqual([error.status, error.code], [0, 'invalid_path_segment'], id);
    }
    const tenant = new PekoPayClient({ baseUrl: api, ...credentials, tenantId: '..', fetch: recordingFetch(sent) });
    assert.equal((await failure(tenant.listProducts())).code, 'invalid_path_segment');
    assert.equal(sent.length, 0);
  });

  it('rejects with a PekoPayError carrying status, code and the field PekoPay named', async () => {
    const error = await failure(client.createCustomer({ ...sarah, email: 'nope' }));
    assert.ok(error instanceof PekoPayError);
    assert.ok(error instanceof ProviderApiError);
    assert.equal(error.name, 'PekoPayError');
    assert.equal(error.provider, 'pekopay');
    assert.equal(error.status, 400);
    assert.equal(error.code, 'validation_error');
    assert.equal(error.field, 'email');
    assert.deepEqual(error.fields, [{ field: 'email', message: 'email must be an email address.' }]);
    assert.equal(error.message, 'email must be an email address.');
    assert.equal(error.method, 'POST');
    assert.equal(error.path, '/sandbox/pekopay/tenants/demo-tenant/customers');
    assert.equal(error.retryable, false);
  });

  it('rejects a declined charge with status 402 and the declined transaction in body', async () => {
    const [customer, product] = await Promise.all([
      client.createCustomer(sarah),
      client.createProduct({ name: 'Support', price: 10, currency: 'CAD' }),
    ]);
    const error = await failure(
      client.createTransaction({
        paymentToken: await tokenizedToken(api, CARDS.declinedAtCharge),
        customerId: customer.id,
        items: [{ productId: product.id, quantity: 1 }],
      }),
    );
    assert.equal(error.status, 402);
    assert.equal(error.code, 'payment_declined');
    assert.equal(error.body.transaction.status, 'DECLINED');
  });

  it('rejects wrong credentials with 401 and never carries the secret', async () => {
    const wrong = new PekoPayClient({ baseUrl: api, tenantId: TENANT, clientId: 'demo-client', clientSecret: 'not-the-secret' });
    const error = await failure(wrong.listProducts());
    assert.equal(error.status, 401);
    assert.equal(error.code, 'unauthorized');
    const { inspect } = await import('node:util');
    const everything =
      JSON.stringify({ ...error, message: error.message, stack: error.stack }) +
      JSON.stringify(wrong) +
      inspect(wrong, { showHidden: true });
    assert.doesNotMatch(everything, /not-the-secret|ZGVtby1jbGllbnQ6bm90LXRoZS1zZWNyZXQ/);
  });

  it('gives up after its time limit with code timeout', async () => {
    // The sandbox never answers: code `timeout` is the limit at work.
    const error = await failure(client.generatePaymentToken({ query: { sandbox_fault: 'hang' }, timeout: 150 }));
    assert.equal(error.code, 'timeout');
    assert.equal(error.status, 0);
    assert.equal(error.retryable, true);
  });

  it('stops at once when the call or the whole client is aborted', async () => {
    const call = new AbortController();
    const pending = failure(client.generatePaymentToken({ query: { sandbox_fault: 'hang' }, signal: call.signal }));
    call.abort();
    assert.equal((await pending).code, 'aborted');
    const shutdown = new AbortController();
    const scoped = new PekoPayClient({ baseUrl: api, ...credentials, signal: shutdown.signal });
    shutdown.abort();
    assert.equal((await failure(scoped.listPlans())).code, 'aborted');
  });

  it('reports network_error when PekoPay cannot be reached, and invalid_response for a body that is not JSON', async () => {
    const unreachable = new PekoPayClient({ baseUrl: 'http://127.0.0.1:9/', ...credentials });
    const error = await failure(unreachable.listPlans());
    assert.equal(error.code, 'network_error');
    assert.equal(error.retryable, true);
    const malformed = await failure(client.generatePaymentToken({ query: { sandbox_fault: 'malformed' } }));
    assert.equal(malformed.code, 'invalid_response');
    assert.equal(malformed.status, 200);
    assert.equal(malformed.body, '{"token": "sess_');
  });

  it('answers 5xx as retryable errors', async () => {
    const error = await failure(client.generatePaymentToken({ query: { sandbox_fault: '500' } }));
    assert.deepEqual([error.status, error.code, error.retryable], [500, 'internal_error', true]);
  });

  it('refuses to be built without its options', () => {
    assert.throws(() => new PekoPayClient({ baseUrl: api, tenantId: TENANT, clientId: 'demo-client', clientSecret: '' }), TypeError);
  });
});

describe('PekoPayClient options', () => {
  it('sends every call through the given fetch with Basic auth, Accept and Idempotency-Key', async () => {
    const seen = [];
    const logged = new PekoPayClient({
      baseUrl: `${api}/`,
      ...credentials,
      fetch: (input, init) => {
        seen.push({ input, init });
        return fetch(input, init);
      },
    });
    await logged.createCustomer(sarah);
    await logged.createProduct({ name: 'Support', price: 1, currency: 'CAD' }).catch(() => undefined);
    const customer = (await logged.listCustomers())[0];
    await failure(logged.createTransaction({ customerId: customer.id, items: [] }, { idempotencyKey: 'k-1' }));
    assert.equal(seen[0].input, `${api}/tenants/demo-tenant/customers`);
    assert.equal(seen[0].init.headers.Authorization, `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`);
    assert.equal(seen[0].init.headers.Accept, 'application/json');
    assert.equal(seen[0].init.headers['Content-Type'], 'application/json');
    assert.equal(seen.at(-1).init.headers['Idempotency-Key'], 'k-1');
  });

  it('refuses a time limit a timer cannot keep (0, negative, NaN, Infinity, over 2^31-1 ms) with a TypeError, at construction and per call', async () => {
    const sent = [];
    const counting = new PekoPayClient({ baseUrl: api, ...credentials, fetch: recordingFetch(sent) });
    for (const timeout of [0, -1, NaN, Infinity, -Infinity, 2 ** 31, '5000', null]) {
      assert.throws(
        () => new PekoPayClient({ baseUrl: api, ...credentials, timeout }),
        { name: 'TypeError', message: /^PekoPayClient: timeout must be a number of milliseconds above 0 and at most 2147483647/ },
        String(timeout),
      );
      await assert.rejects(counting.listPlans({ timeout }), { name: 'TypeError', message: /timeout must be/ }, String(timeout));
    }
    assert.equal(sent.length, 0, 'no call was sent');
    for (const timeout of [1500.5, 2 ** 31 - 1]) {
      assert.deepEqual(await new PekoPayClient({ baseUrl: api, ...credentials, timeout }).listPlans({ timeout }), []);
    }
  });

  it('encodes credentials as UTF-8 for Basic auth', () => {
    assert.equal(basicAuthorization('clïent', 'sécret'), `Basic ${Buffer.from('clïent:sécret', 'utf8').toString('base64')}`);
  });
});

describe('webhook signatures', () => {
  const secret = 'demo-webhook-secret';
  const body = JSON.stringify({ type: 'transaction.succeeded', businessId: TENANT, payload: { transaction: { id: 'txn_1' } } });
  const signature = createHmac('sha256', secret).update(body).digest('hex');

  it('accepts the hex HMAC-SHA256 of the raw body, as a string, bytes or buffer, in either case', async () => {
    assert.equal(await verifyWebhookSignature(body, signature, secret), true);
    assert.equal(await verifyWebhookSignature(body, signature.toUpperCase(), secret), true);
    assert.equal(await verifyWebhookSignature(new TextEncoder().encode(body), signature, secret), true);
    assert.equal(await verifyWebhookSignature(Buffer.from(body), signature, secret), true);
    assert.equal(await verifyWebhookSignature(new TextEncoder().encode(body).buffer, signature, secret), true);
  });

  it('refuses a changed body, another secret, and a missing or malformed signature', async () => {
    assert.equal(await verifyWebhookSignature(body.replace('txn_1', 'txn_2'), signature, secret), false);
    assert.equal(await verifyWebhookSignature(JSON.stringify(JSON.parse(body), null, 2), signature, secret), false);
    assert.equal(await verifyWebhookSignature(body, signature, 'other-secret'), false);
    for (const bad of [undefined, null, '', 'sha256=' + signature, signature.slice(1), 'z'.repeat(64)]) {
      assert.equal(await verifyWebhookSignature(body, bad, secret), false, String(bad));
    }
    assert.equal(await verifyWebhookSignature(body, signature, ''), false);
  });

  it('parses a verified envelope and rejects the rest with a PekoPayError', async () => {
    assert.deepEqual(await parsePekoPayWebhook(body, signature, secret), JSON.parse(body));
    assert.equal((await failure(parsePekoPayWebhook(body, signature, 'x'))).code, 'invalid_signature');
    const notEnvelope = '{"hello":1}';
    const signed = createHmac('sha256', secret).update(notEnvelope).digest('hex');
    assert.equal((await failure(parsePekoPayWebhook(notEnvelope, signed, secret))).code, 'invalid_webhook');
  });

  it('verifies the webhooks the sandbox really sends', async () => {
    const receiver = await webhookReceiver();
    try {
      server.sandbox.pekopay.webhooks.configure({ url: receiver.url });
      const customer = await client.createCustomer(sarah);
      await client.addPaymentMethod(customer.id, await tokenizedToken(api));
      const plan = await client.createPlan({ ...growth, trialPeriodDays: 0 });
      await client.createSubscription({ subscription: { planId: plan.id, customerId: customer.id } });
      await server.sandbox.pekopay.webhooks.idle();
      assert.equal(receiver.received.length, 2);
      for (const request of receiver.received) {
        assert.equal(await verifyWebhookSignature(request.body, request.headers['x-webhook-signature'], secret), true);
      }
    } finally {
      await receiver.close();
    }
  });
});

describe('the built entry', () => {
  const dir = new URL('dist/server/', root);

  it('is exported as pay-checkout/server with its declarations', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    assert.deepEqual(pkg.exports['./server'], { types: './dist/server/index.d.ts', default: './dist/server/index.js' });
    const resolved = createRequire(import.meta.url).resolve('pay-checkout/server');
    assert.equal(resolved, new URL('index.js', dir).pathname);
    const declarations = readFileSync(new URL('index.d.ts', dir), 'utf8');
    for (const name of ['PekoPayClient', 'ReepayClient', 'PaiwiseClient', 'createReepaySessionHandler', 'createPekoPayActionHandler']) {
      assert.match(declarations, new RegExp(`\\b${name}\\b`), name);
    }
  });

  it('uses only what edge runtimes have: no Node modules, Buffer or process', () => {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      assert.doesNotMatch(source, /from\s*['"]node:|require\(|\bBuffer\b|\bprocess\b/, file);
    }
  });

  it('stays out of the browser bundle', () => {
    const cdn = new URL('dist/cdn/', root);
    const files = ['pay-checkout.min.js', ...readdirSync(new URL('chunks/', cdn)).map((name) => `chunks/${name}`)];
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      assert.doesNotMatch(
        readFileSync(new URL(file, cdn), 'utf8'),
        /PekoPayClient|ReepayClient|PaiwiseClient|payment-token\/|X-Webhook-Signature|checkout-api\.reepay/i,
        file,
      );
    }
  });
});
