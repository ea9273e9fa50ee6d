// The PekoPay sandbox's REST resources over real HTTP: auth, validation naming fields, customers and cards,
// products, transactions (taxes, single-use and expiring tokens, declines, Idempotency-Key), plans,
// subscriptions and their lifecycle on the test clock, and the signed webhooks.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer } from '../../demo/server.mjs';
import { MAX_SAVED_CARDS } from '../../sandbox/shared/bounded.mjs';
import { createWebhookSender } from '../../sandbox/server/webhooks.mjs';
import { passesLuhn } from '../../sandbox/shared/card-rules.js';
import { CARDS, TENANT, call, sleep, tokenizedToken, webhookReceiver } from './pekopay-helpers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
let receiver;
const T = `/tenants/${TENANT}`;

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
  receiver = await webhookReceiver();
});
after(async () => {
  await server.close();
  await receiver.close();
});
beforeEach(async () => {
  // Let the last test's webhooks land first, so that they are not counted as this test's.
  await server.sandbox.pekopay.webhooks.idle();
  server.sandbox.reset();
  server.sandbox.pekopay.webhooks.configure({ url: receiver.url });
  receiver.received.length = 0;
});

const customerInput = (overrides = {}) => ({
  firstname: 'Sarah',
  lastname: 'Ng',
  email: 'sarah@example.com',
  type: 'INDIVIDUAL',
  ...overrides,
});
const productInput = (overrides = {}) => ({
  name: 'Premium Support',
  description: 'Monthly support plan',
  price: 49.99,
  currency: 'CAD',
  active: true,
  ...overrides,
});
const planInput = (overrides = {}) => ({
  name: 'Growth Monthly',
  description: 'Growth tier for teams',
  recurringChargeAmount: 99.0,
  chargeFrequency: 'MONTHLY',
  currency: 'CAD',
  trialPeriodDays: 14,
  gracePeriodDays: 7,
  active: true,
  ...overrides,
});

async function create(path, body) {
  const response = await call(api, 'POST', `${T}${path}`, body);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body;
}

/** A customer, a product and a tokenized payment token: what a one-time transaction needs. */
async function checkoutFixture(card = CARDS.visa) {
  const [customer, product, paymentToken] = await Promise.all([
    create('/customers', customerInput()),
    create('/products', productInput()),
    tokenizedToken(api, card),
  ]);
  return {
    customer,
    product,
    paymentToken,
    body: { paymentToken, customerId: customer.id, items: [{ productId: product.id, quantity: 2 }], taxRatesOptions: ['gst', 'pst'] },
  };
}

async function subscriptionFixture({ card = CARDS.visa, plan = {} } = {}) {
  const [customer, created, paymentToken] = await Promise.all([
    create('/customers', customerInput()),
    create('/plans', planInput(plan)),
    tokenizedToken(api, card),
  ]);
  const body = {
    paymentToken,
    subscription: { planId: created.id, customerId: customer.id, quantity: 1, applicableTaxes: ['gst', 'pst'] },
  };
  return { customer, plan: created, paymentToken, body };
}

const advanceClock = (days) => call(api, 'POST', '/test-clock/advance', { days });
const webhookTypes = async () => {
  await server.sandbox.pekopay.webhooks.idle();
  return receiver.received.map((request) => JSON.parse(request.body).type);
};

describe('authentication', () => {
  it('answers 401 unauthorized without credentials, on every resource', async () => {
    for (const [method, path] of [
      ['GET', `${T}/customers`],
      ['POST', `${T}/transactions`],
      ['PATCH', `${T}/subscriptions/x/switch`],
      ['POST', '/test-clock/advance'],
    ]) {
      const response = await call(api, method, path, method === 'GET' ? undefined : {}, { Authorization: null });
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.equal(response.body.error, 'unauthorized');
    }
  });

  it('answers 401 to a wrong secret before reading anything', async () => {
    const wrong = `Basic ${Buffer.from('demo-client:wrong').toString('base64')}`;
    const response = await call(api, 'POST', `${T}/customers`, customerInput(), { Authorization: wrong });
    assert.equal(response.status, 401);
    assert.equal((await call(api, 'GET', `${T}/customers`)).body.length, 0);
  });

  it('answers 404 tenant_not_found for another tenant', async () => {
    const response = await call(api, 'GET', '/tenants/other-tenant/products');
    assert.equal(response.status, 404);
    assert.equal(response.body.error, 'tenant_not_found');
  });
});

describe('validation', () => {
  it('answers 400 validation_error naming every bad field of a customer', async () => {
    const response = await call(api, 'POST', `${T}/customers`, { firstname: 7, email: 'not-an-email', type: 'ROBOT' });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'validation_error');
    assert.equal(response.body.field, 'firstname');
    assert.deepEqual(
      response.body.fields.map((item) => item.field),
      ['firstname', 'lastname', 'email', 'type'],
    );
    assert.match(response.body.message, /firstname must be a string\. lastname is required\./);
  });

  it('names the nested field of a transaction item', async () => {
    const { body } = await checkoutFixture();
    const response = await call(api, 'POST', `${T}/transactions`, {
      ...body,
      items: [{ productId: body.items[0].productId, quantity: 0 }],
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'items[0].quantity');
  });

  it('names subscription.planId when the subscription lacks it', async () => {
    const { body } = await subscriptionFixture();
    const response = await call(api, 'POST', `${T}/subscriptions`, { ...body, subscription: { customerId: body.subscription.customerId } });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'subscription.planId');
  });

  it('refuses prices with more than two decimals, unknown frequencies and lower-case currencies', async () => {
    const product = await call(api, 'POST', `${T}/products`, productInput({ price: 49.999, currency: 'cad' }));
    assert.deepEqual(
      product.body.fields.map((item) => item.field),
      ['price', 'currency'],
    );
    const plan = await call(api, 'POST', `${T}/plans`, planInput({ chargeFrequency: 'HOURLY', trialPeriodDays: -1 }));
    assert.deepEqual(
      plan.body.fields.map((item) => item.field),
      ['chargeFrequency', 'trialPeriodDays'],
    );
  });

  it('names an unknown tax code in taxRatesOptions', async () => {
    const { body } = await checkoutFixture();
    const response = await call(api, 'POST', `${T}/transactions`, { ...body, taxRatesOptions: ['gst', 'vat'] });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'taxRatesOptions[1]');
  });

  it('answers 400 invalid_request to a body that is not an object, and invalid_json to one that is not JSON', async () => {
    assert.equal((await call(api, 'POST', `${T}/customers`, '[1]')).body.error, 'invalid_request');
    assert.equal((await call(api, 'POST', `${T}/customers`, '{nope')).body.error, 'invalid_json');
  });

  it('answers 422 naming the field when a body refers to something unknown', async () => {
    const { body } = await checkoutFixture();
    const response = await call(api, 'POST', `${T}/transactions`, { ...body, customerId: 'cus_nope' });
    assert.equal(response.status, 422);
    assert.equal(response.body.error, 'customer_not_found');
    assert.equal(response.body.field, 'customerId');
  });
});

describe('customers', () => {
  it('creates, reads, updates, lists and deletes a customer', async () => {
    const created = await create('/customers', customerInput({ phone: '+1-604-555-1111' }));
    assert.match(created.id, /^cus_/);
    assert.equal(created.phone, '+1-604-555-1111');
    assert.deepEqual(created.creditCards, []);
    const updated = await call(api, 'PUT', `${T}/customers/${created.id}`, { firstname: 'Janet', email: 'janet@acme.com' });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.firstname, 'Janet');
    assert.equal(updated.body.lastname, 'Ng');
    assert.equal((await call(api, 'GET', `${T}/customers/${created.id}`)).body.email, 'janet@acme.com');
    assert.equal((await call(api, 'GET', `${T}/customers`)).body.length, 1);
    assert.deepEqual((await call(api, 'DELETE', `${T}/customers/${created.id}`)).body, { id: created.id, deleted: true });
    assert.equal((await call(api, 'GET', `${T}/customers/${created.id}`)).status, 404);
  });

  it('finds a customer by email, case-insensitively, and refuses a second one with 409 naming the first', async () => {
    const created = await create('/customers', customerInput());
    const found = await call(api, 'GET', `${T}/customers?email=${encodeURIComponent('Sarah@Example.com')}`);
    assert.deepEqual(
      found.body.map((customer) => customer.id),
      [created.id],
    );
    const again = await call(api, 'POST', `${T}/customers`, customerInput({ email: 'SARAH@example.com' }));
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'customer_exists');
    assert.equal(again.body.customerId, created.id);
  });

  it('refuses an update with nothing to change', async () => {
    const created = await create('/customers', customerInput());
    const response = await call(api, 'PUT', `${T}/customers/${created.id}`, {});
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'validation_error');
  });
});

describe('cards', () => {
  it('adds a payment method from a token, the first one as default, and lists the cards', async () => {
    const customer = await create('/customers', customerInput());
    const first = await call(api, 'PUT', `${T}/customers/${customer.id}/payment-methods`, {
      paymentToken: await tokenizedToken(api, CARDS.visa),
    });
    assert.equal(first.status, 200);
    await call(api, 'PUT', `${T}/customers/${customer.id}/payment-methods`, { paymentToken: await tokenizedToken(api, CARDS.mastercard) });
    const cards = await call(api, 'GET', `${T}/customers/${customer.id}/credit-cards`);
    assert.deepEqual(cards.body, [
      { cardLastFourDigits: '4242', cardType: 'VISA', default: true },
      { cardLastFourDigits: '4444', cardType: 'MASTERCARD', default: false },
    ]);
  });

  it('chooses the default card by its last four digits and type', async () => {
    const customer = await create('/customers', customerInput());
    await call(api, 'PUT', `${T}/customers/${customer.id}/payment-methods`, { paymentToken: await tokenizedToken(api, CARDS.visa) });
    await call(api, 'PUT', `${T}/customers/${customer.id}/payment-methods`, { paymentToken: await tokenizedToken(api, CARDS.visa1111) });
    const chosen = await call(api, 'PUT', `${T}/customers/${customer.id}/credit-card/choose`, {
      cardLastFourDigits: '1111',
      cardType: 'VISA',
    });
    assert.equal(chosen.status, 200);
    assert.deepEqual(
      chosen.body.creditCards.map((card) => [card.cardLastFourDigits, card.default]),
      [
        ['4242', false],
        ['1111', true],
      ],
    );
  });

  it(`keeps a card saved again once, and at most ${MAX_SAVED_CARDS} cards, forgetting the oldest that is not the default`, async () => {
    const customer = await create('/customers', customerInput());
    const save = async (number) => {
      const paymentToken = await tokenizedToken(api, number);
      const saved = await call(api, 'PUT', `${T}/customers/${customer.id}/payment-methods`, { paymentToken });
      assert.equal(saved.status, 200);
      return saved.body.creditCards.map((card) => `${card.cardLastFourDigits}${card.default ? '*' : ''}`);
    };
    // Visa numbers whose last four are 1000, 1010 …, each with its Luhn check digit.
    const visa = (index) => {
      const body = `424242424242${100 + index}`;
      return body + [...'0123456789'].find((digit) => passesLuhn(body + digit));
    };
    await save(CARDS.visa);
    assert.deepEqual(await save(CARDS.visa), ['4242*']);
    const numbers = Array.from({ length: MAX_SAVED_CARDS }, (_, index) => visa(index));
    for (const number of numbers.slice(0, -1)) await save(number);
    const full = ['4242*', ...numbers.slice(0, -1).map((number) => number.slice(-4))];
    assert.equal(full.length, MAX_SAVED_CARDS);
    assert.deepEqual(await save(numbers.at(-2)), full);
    assert.deepEqual(await save(numbers.at(-1)), ['4242*', ...full.slice(2), numbers.at(-1).slice(-4)]);
  });

  it('answers 422 card_not_found for a card the customer does not have', async () => {
    const customer = await create('/customers', customerInput());
    const response = await call(api, 'PUT', `${T}/customers/${customer.id}/credit-card/choose`, {
      cardLastFourDigits: '1111',
      cardType: 'VISA',
    });
    assert.equal(response.status, 422);
    assert.equal(response.body.error, 'card_not_found');
    assert.equal(response.body.field, 'cardLastFourDigits');
  });
});

describe('one-time transactions', () => {
  it('charges the items at the product price and computes GST and PST on the server', async () => {
    const { body, product, customer } = await checkoutFixture();
    const response = await call(api, 'POST', `${T}/transactions`, body);
    assert.equal(response.status, 201);
    const txn = response.body;
    assert.match(txn.id, /^txn_/);
    assert.equal(txn.status, 'SUCCEEDED');
    assert.equal(txn.type, 'ONE_TIME');
    assert.equal(txn.customerId, customer.id);
    assert.deepEqual(txn.items, [{ productId: product.id, name: 'Premium Support', quantity: 2, unitPrice: 49.99, amount: 99.98 }]);
    assert.equal(txn.subtotal, 99.98);
    assert.deepEqual(
      txn.taxes.map((tax) => [tax.code, tax.rate, tax.amount]),
      [
        ['gst', 5, 5],
        ['pst', 7, 7],
      ],
    );
    assert.equal(txn.total, 111.98);
    assert.deepEqual(txn.card, { cardLastFourDigits: '4242', cardType: 'VISA' });
    assert.deepEqual((await call(api, 'GET', `${T}/transactions/${txn.id}`)).body, txn);
  });

  it('keeps the card on the customer after a charge', async () => {
    const { body, customer } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body);
    const cards = await call(api, 'GET', `${T}/customers/${customer.id}/credit-cards`);
    assert.deepEqual(cards.body, [{ cardLastFourDigits: '4242', cardType: 'VISA', default: true }]);
  });

  it('charges the default card when no payment token is given', async () => {
    const { body, customer } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body);
    const { paymentToken, ...withoutToken } = body;
    const response = await call(api, 'POST', `${T}/transactions`, withoutToken);
    assert.equal(response.status, 201);
    assert.equal(response.body.customerId, customer.id);
    assert.equal(response.body.card.cardLastFourDigits, '4242');
  });

  it('wants a payment token from a customer without a default card', async () => {
    const { body } = await checkoutFixture();
    const { paymentToken, ...withoutToken } = body;
    const response = await call(api, 'POST', `${T}/transactions`, withoutToken);
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'paymentToken');
  });

  it('accepts a payment token once: the second charge with it answers 409 token_used', async () => {
    const { body } = await checkoutFixture();
    assert.equal((await call(api, 'POST', `${T}/transactions`, body)).status, 201);
    const again = await call(api, 'POST', `${T}/transactions`, body);
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'token_used');
    assert.equal(again.body.field, 'paymentToken');
    assert.equal((await call(api, 'GET', `${T}/transactions`)).body.length, 1);
  });

  it('refuses an expired payment token with 422 token_expired', async () => {
    const { body } = await checkoutFixture();
    const paymentToken = await tokenizedToken(api, CARDS.visa, { ttl: 1 });
    await sleep(1100);
    const response = await call(api, 'POST', `${T}/transactions`, { ...body, paymentToken });
    assert.equal(response.status, 422);
    assert.equal(response.body.error, 'token_expired');
    assert.equal(response.body.field, 'paymentToken');
  });

  it('refuses an unknown token and one that never tokenized a card', async () => {
    const { body } = await checkoutFixture();
    const unknown = await call(api, 'POST', `${T}/transactions`, { ...body, paymentToken: 'sess_from_checkout_callback' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error, 'invalid_session_token');
    const { token } = (await call(api, 'POST', `/payment-token/${TENANT}/generate`)).body;
    const bare = await call(api, 'POST', `${T}/transactions`, { ...body, paymentToken: token });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.error, 'token_not_tokenized');
  });

  it('declines the charge-declined test card with 402, records the declined transaction and keeps no card', async () => {
    const { body, customer } = await checkoutFixture(CARDS.declinedAtCharge);
    const response = await call(api, 'POST', `${T}/transactions`, body);
    assert.equal(response.status, 402);
    assert.equal(response.body.error, 'payment_declined');
    assert.equal(response.body.transaction.status, 'DECLINED');
    assert.equal(response.body.transaction.failureReason, 'card_declined');
    assert.deepEqual((await call(api, 'GET', `${T}/customers/${customer.id}/credit-cards`)).body, []);
    assert.deepEqual(await webhookTypes(), ['transaction.failed']);
  });

  it('refuses an inactive product and items priced in different currencies', async () => {
    const { body } = await checkoutFixture();
    const inactive = await create('/products', productInput({ active: false }));
    const usd = await create('/products', productInput({ currency: 'USD' }));
    const first = await call(api, 'POST', `${T}/transactions`, { ...body, items: [{ productId: inactive.id, quantity: 1 }] });
    assert.equal(first.body.error, 'product_inactive');
    const second = await call(api, 'POST', `${T}/transactions`, { ...body, items: [...body.items, { productId: usd.id, quantity: 1 }] });
    assert.equal(second.body.error, 'currency_mismatch');
    assert.equal(second.body.field, 'items[1].productId');
  });

  it('lists transactions by customer', async () => {
    const { body, customer } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body);
    assert.equal((await call(api, 'GET', `${T}/transactions?customerId=${customer.id}`)).body.length, 1);
    assert.equal((await call(api, 'GET', `${T}/transactions?customerId=cus_other`)).body.length, 0);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the same key and body with the first result, charging once', async () => {
    const { body } = await checkoutFixture();
    const first = await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'order-1001' });
    const retry = await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'order-1001' });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.deepEqual(retry.body, first.body);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal((await call(api, 'GET', `${T}/transactions`)).body.length, 1);
  });

  it('matches the body whatever the order of its keys', async () => {
    const { body } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    assert.equal(
      (await call(api, 'POST', `${T}/transactions`, reordered, { 'Idempotency-Key': 'k' })).headers.get('idempotent-replayed'),
      'true',
    );
  });

  it('refuses the same key with another body with 422 idempotency_key_reused', async () => {
    const { body } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' });
    const other = await call(
      api,
      'POST',
      `${T}/transactions`,
      { ...body, items: [{ ...body.items[0], quantity: 3 }] },
      { 'Idempotency-Key': 'k' },
    );
    assert.equal(other.status, 422);
    assert.equal(other.body.error, 'idempotency_key_reused');
    assert.equal(other.body.field, 'Idempotency-Key');
  });

  it('replays a decline too: the retry is declined again without a second attempt', async () => {
    const { body } = await checkoutFixture(CARDS.declinedAtCharge);
    const first = await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' });
    const retry = await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' });
    assert.equal(retry.status, 402);
    assert.deepEqual(retry.body, first.body);
    assert.equal((await call(api, 'GET', `${T}/transactions`)).body.length, 1);
  });

  it('does not keep an answer that charged nothing, so a corrected retry may reuse the key', async () => {
    const { body } = await checkoutFixture();
    const wrong = await call(api, 'POST', `${T}/transactions`, { ...body, customerId: 'cus_nope' }, { 'Idempotency-Key': 'k' });
    assert.equal(wrong.status, 422);
    assert.equal(
      (await call(api, 'POST', `${T}/transactions`, { ...body, customerId: 'cus_nope' }, { 'Idempotency-Key': 'k' })).status,
      422,
    );
    assert.equal((await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' })).status, 201);
  });

  it('refuses a key that is not 1 to 255 visible characters', async () => {
    const { body } = await checkoutFixture();
    const response = await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'x'.repeat(256) });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'Idempotency-Key');
  });
});

describe('subscriptions', () => {
  it('starts a trial without charging: TRIALING until the trial ends', async () => {
    const { body, plan, customer } = await subscriptionFixture();
    const response = await call(api, 'POST', `${T}/subscriptions`, body);
    assert.equal(response.status, 201);
    const sub = response.body;
    assert.match(sub.id, /^sub_/);
    assert.equal(sub.status, 'TRIALING');
    assert.equal(sub.planId, plan.id);
    assert.equal(sub.customerId, customer.id);
    assert.equal(sub.total, 110.88);
    assert.equal(Date.parse(sub.trialEndsAt) - Date.parse(sub.createdAt), 14 * 86_400_000);
    assert.equal(sub.nextBillingDate, sub.trialEndsAt);
    assert.deepEqual(sub.paymentSource, { cardLastFourDigits: '4242', cardType: 'VISA' });
    assert.equal((await call(api, 'GET', `${T}/transactions`)).body.length, 0);
  });

  it('charges the first period at once when the plan has no trial', async () => {
    const { body } = await subscriptionFixture({ plan: { trialPeriodDays: 0 } });
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    assert.equal(sub.status, 'ACTIVE');
    const charges = (await call(api, 'GET', `${T}/transactions?subscriptionId=${sub.id}`)).body;
    assert.deepEqual(
      charges.map((txn) => [txn.type, txn.status, txn.total]),
      [['SUBSCRIPTION', 'SUCCEEDED', 110.88]],
    );
  });

  it('creates no subscription when the first charge is declined', async () => {
    const { body } = await subscriptionFixture({ card: CARDS.declinedAtCharge, plan: { trialPeriodDays: 0 } });
    const response = await call(api, 'POST', `${T}/subscriptions`, body);
    assert.equal(response.status, 402);
    assert.equal(response.body.error, 'payment_declined');
    assert.deepEqual((await call(api, 'GET', `${T}/subscriptions`)).body, []);
  });

  it('switches plan, updates quantity and payment source, and lists by customer', async () => {
    const { body, customer } = await subscriptionFixture();
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const starter = await create('/plans', planInput({ name: 'Starter Monthly', recurringChargeAmount: 29.99 }));
    const switched = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/switch`, { planId: starter.id });
    assert.equal(switched.status, 200);
    assert.equal(switched.body.planName, 'Starter Monthly');
    assert.equal(switched.body.total, 33.59);
    const quantity = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/quantity`, { quantity: 5 });
    assert.equal(quantity.body.quantity, 5);
    assert.equal(quantity.body.amount, 149.95);
    const source = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/payment-source`, {
      pfToken: await tokenizedToken(api, CARDS.mastercard),
    });
    assert.deepEqual(source.body.paymentSource, { cardLastFourDigits: '4444', cardType: 'MASTERCARD' });
    assert.deepEqual(
      (await call(api, 'GET', `${T}/subscriptions?customerId=${customer.id}`)).body.map((item) => item.id),
      [sub.id],
    );
  });

  it('names pfToken when the new payment source token was already used', async () => {
    const { body } = await subscriptionFixture();
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const response = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/payment-source`, { pfToken: body.paymentToken });
    assert.equal(response.status, 409);
    assert.equal(response.body.error, 'token_used');
    assert.equal(response.body.field, 'pfToken');
  });

  it('refuses a switch to a plan in another currency', async () => {
    const { body } = await subscriptionFixture();
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const usd = await create('/plans', planInput({ currency: 'USD' }));
    const response = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/switch`, { planId: usd.id });
    assert.equal(response.status, 422);
    assert.equal(response.body.error, 'currency_mismatch');
  });

  it('cancels, after which changes answer 409 subscription_canceled', async () => {
    const { body } = await subscriptionFixture();
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const canceled = await call(api, 'DELETE', `${T}/subscriptions/${sub.id}`);
    assert.equal(canceled.status, 200);
    assert.equal(canceled.body.status, 'CANCELED');
    assert.equal(canceled.body.cancelReason, 'requested');
    assert.equal(canceled.body.nextBillingDate, null);
    const quantity = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/quantity`, { quantity: 2 });
    assert.equal(quantity.status, 409);
    assert.equal(quantity.body.error, 'subscription_canceled');
  });

  it('answers 404 for an unknown subscription', async () => {
    assert.equal((await call(api, 'PATCH', `${T}/subscriptions/sub_nope/switch`, { planId: 'x' })).status, 404);
  });
});

describe('the test clock: trials, renewals and grace periods', () => {
  it('charges the plan in force when the trial ends: the upgraded plan, with taxes', async () => {
    const { body } = await subscriptionFixture({ plan: { name: 'Starter Monthly', recurringChargeAmount: 29.99 } });
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const growth = await create('/plans', planInput());
    await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/switch`, { planId: growth.id });
    assert.deepEqual((await advanceClock(13)).body.transactions, []);
    const advanced = await advanceClock(1);
    assert.deepEqual(
      advanced.body.transactions.map((txn) => [txn.subscriptionId, txn.items[0].name, txn.total]),
      [[sub.id, 'Growth Monthly', 110.88]],
    );
    const after = (await call(api, 'GET', `${T}/subscriptions/${sub.id}`)).body;
    assert.equal(after.status, 'ACTIVE');
    assert.equal(after.nextBillingDate, after.currentPeriodEnd);
  });

  it('bills every period that fell due', async () => {
    const { body } = await subscriptionFixture({ plan: { trialPeriodDays: 0, chargeFrequency: 'WEEKLY' } });
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    await advanceClock(21);
    assert.equal((await call(api, 'GET', `${T}/transactions?subscriptionId=${sub.id}`)).body.length, 4);
  });

  it('makes a declined renewal PAST_DUE for the grace period, then cancels it', async () => {
    const { body } = await subscriptionFixture({ card: CARDS.declinedAtCharge });
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    await advanceClock(14);
    const pastDue = (await call(api, 'GET', `${T}/subscriptions/${sub.id}`)).body;
    assert.equal(pastDue.status, 'PAST_DUE');
    assert.equal(Date.parse(pastDue.graceEndsAt) - Date.parse(sub.trialEndsAt), 7 * 86_400_000);
    await advanceClock(7);
    const canceled = (await call(api, 'GET', `${T}/subscriptions/${sub.id}`)).body;
    assert.equal(canceled.status, 'CANCELED');
    assert.equal(canceled.cancelReason, 'grace_period_expired');
    assert.deepEqual(await webhookTypes(), [
      'subscription.created',
      'transaction.failed',
      'subscription.payment_failed',
      'subscription.canceled',
    ]);
  });

  it('pays a PAST_DUE subscription at once when it gets a new payment source', async () => {
    const { body } = await subscriptionFixture({ card: CARDS.declinedAtCharge });
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    await advanceClock(14);
    const updated = await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/payment-source`, { pfToken: await tokenizedToken(api) });
    assert.equal(updated.body.status, 'ACTIVE');
    const charges = (await call(api, 'GET', `${T}/transactions?subscriptionId=${sub.id}`)).body;
    assert.deepEqual(
      charges.map((txn) => txn.status),
      ['DECLINED', 'SUCCEEDED'],
    );
  });

  it('wants days, hours or seconds to advance by', async () => {
    const response = await call(api, 'POST', '/test-clock/advance', {});
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'days');
  });
});

describe('webhooks', () => {
  it('POSTs each event as { type, businessId, payload } signed with a hex HMAC-SHA256 of the raw body', async () => {
    const { body } = await checkoutFixture();
    const txn = (await call(api, 'POST', `${T}/transactions`, body)).body;
    await server.sandbox.pekopay.webhooks.idle();
    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.equal(request.method, 'POST');
    assert.match(request.headers['content-type'], /^application\/json/);
    const expected = createHmac('sha256', 'demo-webhook-secret').update(request.body).digest('hex');
    assert.equal(request.headers['x-webhook-signature'], expected);
    assert.match(request.headers['x-webhook-id'], /^evt_[0-9a-f]{32}$/);
    const event = JSON.parse(request.body);
    assert.deepEqual(Object.keys(event), ['type', 'businessId', 'payload']);
    assert.equal(event.type, 'transaction.succeeded');
    assert.equal(event.businessId, TENANT);
    assert.deepEqual(event.payload.transaction, txn);
  });

  it('sends subscription lifecycle events in order', async () => {
    const { body } = await subscriptionFixture();
    const sub = (await call(api, 'POST', `${T}/subscriptions`, body)).body;
    const starter = await create('/plans', planInput({ name: 'Starter Monthly', recurringChargeAmount: 29.99 }));
    await call(api, 'PATCH', `${T}/subscriptions/${sub.id}/switch`, { planId: starter.id });
    await advanceClock(14);
    await call(api, 'DELETE', `${T}/subscriptions/${sub.id}`);
    assert.deepEqual(await webhookTypes(), [
      'subscription.created',
      'subscription.updated',
      'transaction.succeeded',
      'subscription.renewed',
      'subscription.canceled',
    ]);
    const updated = JSON.parse(receiver.received[1].body).payload;
    assert.equal(updated.change, 'plan');
    assert.deepEqual(updated.previous, { planId: sub.planId });
  });

  it('lists deliveries and sets the endpoint over HTTP', async () => {
    const set = await call(api, 'PUT', '/webhook-endpoint', { url: receiver.url });
    assert.deepEqual(set.body, { url: receiver.url });
    const { body } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body);
    await server.sandbox.pekopay.webhooks.idle();
    const deliveries = (await call(api, 'GET', '/webhook-deliveries')).body;
    assert.deepEqual(
      deliveries.map((item) => [item.type, item.status, item.attempts, item.responseStatus]),
      [['transaction.succeeded', 'delivered', 1, 200]],
    );
    assert.equal(deliveries[0].event.type, 'transaction.succeeded');
  });

  it('retries a failing receiver with the same event id and signature, then marks the event failed', async () => {
    let failures = 0;
    const flaky = await webhookReceiver(() => (failures++ < 1 ? 500 : 200));
    const down = await webhookReceiver(() => 503);
    try {
      const sender = createWebhookSender({ url: flaky.url, secret: 's', retryDelaysMs: [20, 20] });
      const delivered = sender.send('transaction.succeeded', { businessId: TENANT, payload: {} });
      sender.configure({ url: down.url });
      const failed = sender.send('transaction.failed', { businessId: TENANT, payload: {} });
      await sender.idle();
      assert.equal(flaky.received.length, 2);
      assert.equal(flaky.received[0].headers['x-webhook-id'], flaky.received[1].headers['x-webhook-id']);
      assert.equal(flaky.received[0].headers['x-webhook-signature'], flaky.received[1].headers['x-webhook-signature']);
      assert.deepEqual([delivered.status, delivered.attempts], ['delivered', 2]);
      assert.equal(down.received.length, 3);
      assert.deepEqual([failed.status, failed.attempts, failed.error], ['failed', 3, 'HTTP 503']);
    } finally {
      await flaky.close();
      await down.close();
    }
  });

  it('records events as skipped when no endpoint is configured', () => {
    const sender = createWebhookSender({ secret: 's' });
    assert.equal(sender.send('transaction.succeeded', { businessId: TENANT, payload: {} }).status, 'skipped');
  });
});

describe('reset', () => {
  it('forgets every resource, idempotency key and clock advance', async () => {
    const { body } = await checkoutFixture();
    await call(api, 'POST', `${T}/transactions`, body, { 'Idempotency-Key': 'k' });
    await advanceClock(3);
    server.sandbox.reset();
    for (const path of ['/customers', '/products', '/transactions', '/plans', '/subscriptions']) {
      assert.deepEqual((await call(api, 'GET', `${T}${path}`)).body, [], path);
    }
    assert.equal((await call(api, 'GET', '/test-clock')).body.offsetSeconds, 0);
  });
});
