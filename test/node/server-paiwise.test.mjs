// pay-checkout/server's PaiwiseClient (the built dist/server) against the Paiwise sandbox over real HTTP: every
// request of the Neuro-Pay Checkout API document (the seed) through the client with every documented field,
// return URLs refused off the shop's origins before any request, typed errors and time limits.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PaiwiseClient, PaiwiseError, paiwiseCheckoutUrl, ProviderApiError } from 'pay-checkout/server';
import { startServer } from '../../demo/server.mjs';
import { failure, recordingFetch } from './support/calls.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {PaiwiseClient} */
let client;
/** Every request the client sent. */
const sent = [];
const KEY = 'paiwise_sandbox_demo';
const SHOP = 'https://shop.example';
const CARD = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Ada Lovelace' };
const order = {
  amount: 3000,
  currency: 'SEK',
  message: 'Thank you for your order',
  returnUrl: `${SHOP}/return`,
  returnUrlCancel: `${SHOP}/cancel`,
};

before(async () => {
  server = await startServer({ port: 0, log: false });
  client = new PaiwiseClient({
    apiKey: KEY,
    baseUrl: `${server.sandboxOrigin}/sandbox/paiwise`,
    returnOrigins: [SHOP, 'http://localhost:3000/'],
    fetch: recordingFetch(sent),
  });
});
after(() => server.close());
beforeEach(() => {
  server.sandbox.reset();
  sent.length = 0;
});

/** Pays a checkout on the sandbox's hosted page, as a payer does. */
async function pay(id, saveCard = false) {
  const response = await fetch(`${server.sandboxOrigin}/sandbox/paiwise/pay/checkouts/${id}/pay`, {
    method: 'POST',
    body: JSON.stringify({ card: CARD, saveCard }),
  });
  assert.equal(response.status, 200);
}

describe('PaiwiseClient: every request of the document', () => {
  it('creates a checkout with every documented field, and retrieves it', async () => {
    const customer = await client.createCustomer({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      metaData: [{ key: 'crmId', value: 'c-1' }],
    });
    const input = {
      ...order,
      identifier: 'order-1001',
      capture: false,
      allowSaveCard: true,
      customer_id: customer.customer_id,
      template: /** @type {const} */ ('iframe'),
      metaData: [{ key: 'orderId', value: '1001' }],
    };
    const checkout = await client.createCheckout(input);
    assert.deepEqual(
      [checkout.status, checkout.identifier, checkout.capture, checkout.template, checkout.customer_id, checkout.metaData],
      ['created', 'order-1001', false, 'iframe', customer.customer_id, { orderId: '1001' }],
    );
    assert.equal(
      paiwiseCheckoutUrl(checkout),
      `${server.sandboxOrigin}/sandbox/paiwise/pay/checkout.html?checkout_id=${checkout.checkout_id}`,
    );
    assert.deepEqual(await client.retrieveCheckout(checkout.checkout_id), checkout);
    assert.deepEqual(
      sent.map(({ input: url, init }) => [new URL(url).pathname, init.method, init.headers.Authorization]),
      [
        ['/sandbox/paiwise/checkout/create-customer', 'POST', `Bearer ${KEY}`],
        ['/sandbox/paiwise/checkout/create', 'POST', `Bearer ${KEY}`],
        ['/sandbox/paiwise/checkout/retrieve', 'POST', `Bearer ${KEY}`],
      ],
    );
  });

  it('captures a reservation, refunds part with reason and details, then the rest', async () => {
    const { checkout_id: id } = await client.createCheckout({ ...order, capture: false });
    await pay(id);
    assert.equal((await client.retrieveCheckout(id)).status, 'reserved');
    assert.equal((await client.captureCheckout(id)).status, 'paid');
    const partial = await client.refundCheckout(id, { amount: 1000, reason: 'requested_by_customer', refundDetails: 'Wrong size' });
    assert.deepEqual([partial.status, partial.amount_refunded], ['partialRefund', 1000]);
    assert.equal((await client.refundCheckout(id)).status, 'refunded');
  });

  it('releases a reservation with a refund', async () => {
    const { checkout_id: id } = await client.createCheckout({ ...order, capture: false });
    await pay(id);
    assert.equal((await client.refundCheckout(id, { reason: 'duplicate' })).status, 'reserve released');
  });

  it("updates metaData, as an object or as the document's string, deleting keys with an empty value", async () => {
    const { checkout_id: id } = await client.createCheckout({ ...order, metaData: { orderId: '1001', note: 'gift' } });
    assert.deepEqual((await client.updateCheckout(id, { note: '', shipped: 'yes' })).metaData, { orderId: '1001', shipped: 'yes' });
    assert.deepEqual((await client.updateCheckout(id, JSON.stringify({ shipped: '' }))).metaData, { orderId: '1001' });
  });

  it('creates, retrieves and deletes customers, and pays at once with a saved card (customer_id + card_id)', async () => {
    const customer = await client.createCustomer({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
    assert.ok(customer.client_page);
    const first = await client.createCheckout({ ...order, customer_id: customer.customer_id });
    await pay(first.checkout_id, true);
    const [saved] = /** @type {any} */ (await client.retrieveCustomer(customer.customer_id)).savedCards;
    const automatic = await client.createCheckout({ ...order, customer_id: customer.customer_id, card_id: saved.card_id });
    assert.equal(automatic.status, 'paid');
    assert.equal((await client.deleteCustomer(customer.customer_id)).deleted, true);
    assert.equal((await failure(client.retrieveCustomer(customer.customer_id))).status, 404);
  });
});

describe('PaiwiseClient: return URLs on the shop’s origins only', () => {
  it('refuses a return URL elsewhere before any request, naming the field', async () => {
    for (const [field, value] of [
      ['returnUrl', 'https://evil.example/return'],
      ['returnUrlCancel', '//evil.example/cancel'],
      ['returnUrl', 'javascript:alert(1)'],
      ['returnUrl', 'http://shop.example/return'],
      ['returnUrlCancel', ''],
      ['returnUrl', 42],
    ]) {
      const error = await failure(client.createCheckout({ ...order, [field]: value }));
      assert.ok(error instanceof PaiwiseError, String(value));
      assert.deepEqual([error.code, error.field, error.status], ['return_url_not_allowed', field, 0]);
    }
    assert.equal(sent.length, 0);
  });

  it('takes any listed origin, and a path relative to the first', async () => {
    const checkout = await client.createCheckout({ ...order, returnUrl: 'http://localhost:3000/done', returnUrlCancel: '/cart?x=1' });
    assert.deepEqual([checkout.returnUrl, checkout.returnUrlCancel], ['http://localhost:3000/done', `${SHOP}/cart?x=1`]);
    assert.deepEqual(client.returnOrigins, [SHOP, 'http://localhost:3000']);
  });

  it('needs its key and at least one http(s) origin', () => {
    assert.throws(() => new PaiwiseClient({ apiKey: '', returnOrigins: [SHOP] }), TypeError);
    for (const returnOrigins of [[], ['not a url'], ['javascript:alert(1)'], undefined]) {
      assert.throws(() => new PaiwiseClient({ apiKey: KEY, returnOrigins }), TypeError, String(returnOrigins));
    }
    assert.equal(new PaiwiseClient({ apiKey: KEY, returnOrigins: [SHOP] }).baseUrl, 'https://api.paiwise.com');
  });
});

describe('PaiwiseClient: errors', () => {
  it('rejects with a PaiwiseError naming the field Paiwise blamed', async () => {
    const error = await failure(client.createCheckout({ ...order, amount: -1 }));
    assert.ok(error instanceof PaiwiseError && error instanceof ProviderApiError);
    assert.deepEqual(
      [error.name, error.provider, error.status, error.code, error.field],
      ['PaiwiseError', 'paiwise', 422, 'validation_error', 'amount'],
    );
    const conflict = await failure(client.captureCheckout((await client.createCheckout(order)).checkout_id));
    assert.deepEqual([conflict.status, conflict.code], [409, 'invalid_status']);
  });

  it('rejects a wrong key with 401 and never carries the key', async () => {
    const wrong = new PaiwiseClient({ apiKey: 'paiwise_not_the_key', baseUrl: client.baseUrl, returnOrigins: [SHOP] });
    const error = await failure(wrong.retrieveCheckout('x'));
    assert.equal(error.status, 401);
    const everything = JSON.stringify({ ...error, message: error.message }) + JSON.stringify(wrong) + inspect(wrong, { showHidden: true });
    assert.doesNotMatch(everything, /paiwise_not_the_key/);
  });

  it('gives up after its time limit and stops when aborted', async () => {
    const error = await failure(client.retrieveCheckout('x', { query: { sandbox_fault: 'hang' }, timeout: 100 }));
    assert.deepEqual([error.code, error.retryable], ['timeout', true]);
    const call = new AbortController();
    const pending = failure(client.retrieveCheckout('x', { query: { sandbox_fault: 'hang' }, signal: call.signal }));
    call.abort();
    assert.equal((await pending).code, 'aborted');
  });
});
