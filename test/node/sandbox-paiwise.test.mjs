// The Paiwise sandbox over real HTTP: every request of the Neuro-Pay document with only the host swapped, bearer
// auth, validation naming fields, every status transition, customers and saved cards, the hosted pages'
// public endpoints and files.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../demo/server.mjs';
import { MAX_SAVED_CARDS } from '../../sandbox/shared/bounded.mjs';
import { assertKitCardForm, pageFiles } from './support/page-files.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let base = '';
let pages = '';
const KEY = 'paiwise_sandbox_demo';
const SEED_HOST = 'https://api.paiwise.com';
const CARD = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Ada Lovelace' };
const ENDPOINTS = [
  'create',
  'retrieve',
  'capture',
  'refund',
  'update',
  'delete',
  'create-customer',
  'retrieve-customer',
  'delete-customer',
];

before(async () => {
  server = await startServer({ port: 0, log: false });
  base = `${server.sandboxOrigin}/sandbox/paiwise`;
  pages = `${base}/pay`;
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

/**
 * POSTs JSON to a URL of the document, its host swapped for the sandbox's.
 * @returns {Promise<{ status: number, body: any, headers: Headers }>}
 */
async function seedRequest(documentUrl, body, { key = KEY, raw } = {}) {
  const url = documentUrl.replace(SEED_HOST, base);
  const headers = { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: raw ?? JSON.stringify(body) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const call = (endpoint, body, options) => seedRequest(`${SEED_HOST}/checkout/${endpoint}`, body, options);

const order = (fields = {}) => ({
  amount: 3000,
  currency: 'SEK',
  message: 'Order #1001',
  returnUrl: 'https://shop.example/return',
  returnUrlCancel: 'https://shop.example/cancel',
  ...fields,
});

async function createCheckout(fields) {
  const { status, body } = await call('create', order(fields));
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

/** Pays as the hosted page does (`query`: the switches it passes on); answers the page view. */
async function pay(checkoutId, card = CARD, extra = {}, query = '') {
  const response = await fetch(`${pages}/checkouts/${checkoutId}/pay${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ card, ...extra }),
  });
  return { status: response.status, body: await response.json() };
}

async function paidCheckout(fields) {
  const checkout = await createCheckout(fields);
  assert.equal((await pay(checkout.checkout_id)).status, 200);
  return checkout;
}

const retrieve = async (checkoutId) => (await call('retrieve', { checkout_id: checkoutId })).body;

/** Asserts a 422 validation error that names exactly `fields`. */
function assertFields(answer, fields) {
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  assert.equal(answer.body.error, 'validation_error');
  assert.deepEqual(answer.body.fields.map((f) => f.field).sort(), [...fields].sort());
  assert.equal(answer.body.field, answer.body.fields[0].field);
  for (const field of answer.body.fields) assert.match(field.message, new RegExp(field.field));
}

const isUtc = (text) => typeof text === 'string' && text.endsWith('Z') && new Date(text).toISOString() === text;

async function createCustomer(fields = {}) {
  const { status, body } = await call('create-customer', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', ...fields });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

describe('paiwise: every request of the document, host swapped', () => {
  it('Create with every documented field answers the checkout object', async () => {
    const customer = await createCustomer();
    const request = {
      identifier: 'order-1001',
      amount: 3000,
      currency: 'SEK',
      message: 'Thank you for your order',
      capture: false,
      allowSaveCard: false,
      returnUrl: 'https://shop.example/return',
      returnUrlCancel: 'https://shop.example/cancel',
      customer_id: customer.customer_id,
      template: 'iframe',
      metaData: [{ key: 'orderId', value: '1001' }],
    };
    const { status, body } = await seedRequest(`${SEED_HOST}/checkout/create`, request);
    assert.equal(status, 200);
    const { checkout_id: id, url, created_at: createdAt, updated_at: updatedAt, ...rest } = body;
    assert.deepEqual(rest, {
      ...request,
      metaData: { orderId: '1001' },
      status: 'created',
      card_id: null,
      card: null,
      amount_refunded: 0,
      refunds: [],
    });
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(url, `${pages}/checkout.html?checkout_id=${id}`);
    assert.ok(isUtc(createdAt) && updatedAt === createdAt);
  });

  it('Retrieve answers the checkout as it is', async () => {
    const checkout = await createCheckout();
    const { status, body } = await seedRequest(`${SEED_HOST}/checkout/retrieve`, { checkout_id: checkout.checkout_id });
    assert.equal(status, 200);
    assert.deepEqual(body, checkout);
  });

  it('Capture turns a reserved checkout paid', async () => {
    const checkout = await paidCheckout({ capture: false });
    const { status, body } = await seedRequest(`${SEED_HOST}/checkout/capture`, { checkout_id: checkout.checkout_id });
    assert.equal(status, 200);
    assert.equal(body.status, 'paid');
  });

  it('Refund with amount, reason and refundDetails refunds part of a paid checkout', async () => {
    const checkout = await paidCheckout();
    const { status, body } = await seedRequest(`${SEED_HOST}/checkout/refund`, {
      checkout_id: checkout.checkout_id,
      amount: 1000,
      reason: 'requested_by_customer',
      refundDetails: 'Wrong size',
    });
    assert.equal(status, 200);
    assert.equal(body.status, 'partialRefund');
    assert.equal(body.amount_refunded, 1000);
    assert.equal(body.refunds.length, 1);
    assert.deepEqual(
      { ...body.refunds[0], created_at: undefined },
      { amount: 1000, reason: 'requested_by_customer', refundDetails: 'Wrong size', created_at: undefined },
    );
    assert.ok(isUtc(body.refunds[0].created_at));
  });

  it('Update sets metaData keys and deletes those with an empty value', async () => {
    const checkout = await createCheckout({ metaData: { orderId: '1001', note: 'gift' } });
    const { status, body } = await seedRequest(`${SEED_HOST}/checkout/update`, {
      checkout_id: checkout.checkout_id,
      metaData: { note: '', shipped: 'yes' },
    });
    assert.equal(status, 200);
    assert.deepEqual(body.metaData, { orderId: '1001', shipped: 'yes' });
  });

  it('Create customer, Retrieve customer and Delete customer answer the customer object with its client page', async () => {
    const created = await seedRequest(`${SEED_HOST}/checkout/create-customer`, {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      metaData: [{ key: 'crmId', value: 'cust_123' }],
    });
    assert.equal(created.status, 200);
    const customer = created.body;
    assert.match(customer.customer_id, /^[0-9a-f]{32}$/);
    assert.equal(customer.first_name, 'Ada');
    assert.equal(customer.last_name, 'Lovelace');
    assert.equal(customer.email, 'ada@example.com');
    assert.deepEqual(customer.metaData, { crmId: 'cust_123' });
    assert.deepEqual(customer.savedCards, []);
    assert.match(customer.client_page, new RegExp(`^${pages}/client\\.html\\?token=[0-9a-f]{32}$`));
    assert.equal(customer.Client_page, customer.client_page);
    assert.ok(!customer.client_page.includes(customer.customer_id));
    assert.ok(isUtc(customer.created_at));

    const retrieved = await seedRequest(`${SEED_HOST}/checkout/retrieve-customer`, { customer_id: customer.customer_id });
    assert.equal(retrieved.status, 200);
    assert.deepEqual(retrieved.body, customer);

    const deleted = await seedRequest(`${SEED_HOST}/checkout/delete-customer`, { customer_id: customer.customer_id });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { ...customer, deleted: true });
  });
});

describe('paiwise: authentication', () => {
  for (const endpoint of ENDPOINTS) {
    it(`answers 401 on ${endpoint} without the key, with a wrong key, and with Basic credentials`, async () => {
      for (const authorization of [undefined, 'Bearer paiwise_wrong', `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`]) {
        const response = await fetch(`${base}/checkout/${endpoint}`, {
          method: 'POST',
          headers: authorization ? { Authorization: authorization } : {},
          body: '{}',
        });
        assert.equal(response.status, 401, String(authorization));
        const body = await response.json();
        assert.equal(body.error, 'unauthorized');
        assert.equal(typeof body.message, 'string');
      }
    });
  }

  it('answers 405 to other methods on an API path', async () => {
    const response = await fetch(`${base}/checkout/retrieve`, { headers: { Authorization: `Bearer ${KEY}` } });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  it('answers JSON only to the API: no CORS header, so browsers cannot call it with the key', async () => {
    const { headers } = await call('create', order());
    assert.equal(headers.get('access-control-allow-origin'), null);
    assert.match(headers.get('content-type'), /^application\/json/);
  });
});

describe('paiwise: create', () => {
  it('defaults capture and allowSaveCard to true, the identifier to the checkout id, template and metaData to none', async () => {
    const checkout = await createCheckout();
    assert.equal(checkout.capture, true);
    assert.equal(checkout.allowSaveCard, true);
    assert.equal(checkout.identifier, checkout.checkout_id);
    assert.equal(checkout.template, null);
    assert.deepEqual(checkout.metaData, {});
  });

  it('serves the hosted page from 127.0.0.1 even when the API is called through localhost', async () => {
    const response = await fetch(`http://localhost:${server.port}/sandbox/paiwise/checkout/create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
      body: JSON.stringify(order()),
    });
    const checkout = await response.json();
    assert.equal(new URL(checkout.url).origin, server.sandboxOrigin);
  });

  it('names every missing required field', async () => {
    assertFields(await call('create', {}), ['amount', 'currency', 'message', 'returnUrl', 'returnUrlCancel']);
  });

  it('names every invalid field', async () => {
    const answer = await call('create', {
      ...order(),
      amount: 30.5,
      currency: 'XYZ',
      capture: 'no',
      allowSaveCard: 1,
      returnUrl: 'javascript:alert(1)',
      returnUrlCancel: '/cancel',
      template: 'modal',
      metaData: { nested: { no: 1 } },
    });
    assertFields(answer, ['amount', 'currency', 'capture', 'allowSaveCard', 'returnUrl', 'returnUrlCancel', 'template', 'metaData']);
  });

  it('refuses amounts that are not positive integers in minor units', async () => {
    for (const amount of [0, -100, '3000', 1e12]) assertFields(await call('create', order({ amount })), ['amount']);
  });

  it('takes the currency in any case and answers it in upper case', async () => {
    assert.equal((await createCheckout({ currency: 'eur' })).currency, 'EUR');
  });

  it('refuses an unknown customer_id, and a card_id without customer_id or not among the customer’s cards', async () => {
    assertFields(await call('create', order({ customer_id: 'nope' })), ['customer_id']);
    assertFields(await call('create', order({ card_id: 'card' })), ['card_id']);
    const customer = await createCustomer();
    assertFields(await call('create', order({ customer_id: customer.customer_id, card_id: 'card' })), ['card_id']);
  });

  it('takes metaData as an object, as { key, value } pairs, or as [key, value] pairs', async () => {
    for (const metaData of [
      { a: '1', b: 2 },
      [
        { key: 'a', value: '1' },
        { key: 'b', value: 2 },
      ],
      [
        ['a', '1'],
        ['b', 2],
      ],
    ]) {
      assert.deepEqual((await createCheckout({ metaData })).metaData, { a: '1', b: 2 });
    }
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    for (const raw of ['[1]', 'null', '{"amount": ']) {
      const answer = await call('create', undefined, { raw });
      assert.equal(answer.status, 400, raw);
      assert.match(answer.body.error, /^invalid_(request|json)$/);
    }
  });
});

describe('paiwise: statuses and transitions', () => {
  it('goes created → paid when the payer pays a checkout that captures', async () => {
    const checkout = await createCheckout();
    const paid = await pay(checkout.checkout_id);
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'paid');
    const now = await retrieve(checkout.checkout_id);
    assert.equal(now.status, 'paid');
    assert.deepEqual(now.card, { brand: 'VISA', last4: '4242' });
  });

  it('goes created → reserved → paid with capture: false and a capture call', async () => {
    const checkout = await paidCheckout({ capture: false });
    assert.equal((await retrieve(checkout.checkout_id)).status, 'reserved');
    const captured = await call('capture', { checkout_id: checkout.checkout_id });
    assert.equal(captured.body.status, 'paid');
    assert.equal((await retrieve(checkout.checkout_id)).status, 'paid');
  });

  it('captures only a reserved checkout: 409 invalid_status otherwise', async () => {
    for (const [checkout, status] of [
      [await createCheckout(), 'created'],
      [await paidCheckout(), 'paid'],
    ]) {
      const answer = await call('capture', { checkout_id: checkout.checkout_id });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error, 'invalid_status');
      assert.equal(answer.body.status, status);
      assert.equal((await retrieve(checkout.checkout_id)).status, status);
    }
  });

  it('releases a reservation in full with refund: reserved → reserve released', async () => {
    const checkout = await paidCheckout({ capture: false });
    assertFields(await call('refund', { checkout_id: checkout.checkout_id, amount: 1000 }), ['amount']);
    const released = await call('refund', { checkout_id: checkout.checkout_id });
    assert.equal(released.status, 200);
    assert.equal(released.body.status, 'reserve released');
    assert.equal(released.body.amount_refunded, 0);
    assert.equal(released.body.refunds[0].amount, 3000);
  });

  it('goes paid → partialRefund → refunded, refunding what is left when amount is left out', async () => {
    const checkout = await paidCheckout();
    const partial = await call('refund', { checkout_id: checkout.checkout_id, amount: 500 });
    assert.equal(partial.body.status, 'partialRefund');
    const second = await call('refund', { checkout_id: checkout.checkout_id, amount: 500 });
    assert.equal(second.body.status, 'partialRefund');
    assert.equal(second.body.amount_refunded, 1000);
    const rest = await call('refund', { checkout_id: checkout.checkout_id });
    assert.equal(rest.body.status, 'refunded');
    assert.equal(rest.body.amount_refunded, 3000);
    assert.deepEqual(
      rest.body.refunds.map((r) => r.amount),
      [500, 500, 2000],
    );
  });

  it('refunds a paid checkout in full in one call', async () => {
    const checkout = await paidCheckout();
    const answer = await call('refund', { checkout_id: checkout.checkout_id, reason: 'duplicate' });
    assert.equal(answer.body.status, 'refunded');
    assert.equal(answer.body.refunds[0].reason, 'duplicate');
  });

  it('refuses to refund more than is left, and a checkout that is not paid or reserved', async () => {
    const checkout = await paidCheckout();
    for (const amount of [3001, 0, 10.5, '100'])
      assertFields(await call('refund', { checkout_id: checkout.checkout_id, amount }), ['amount']);
    await call('refund', { checkout_id: checkout.checkout_id });
    const again = await call('refund', { checkout_id: checkout.checkout_id });
    assert.equal(again.status, 409);
    const open = await createCheckout();
    assert.equal((await call('refund', { checkout_id: open.checkout_id })).status, 409);
  });

  it('admits only the documented refund reasons, spelled as documented', async () => {
    const checkout = await paidCheckout();
    for (const reason of ['fraudulent', 'other', 'DUPLICATE']) {
      assertFields(await call('refund', { checkout_id: checkout.checkout_id, amount: 100, reason }), ['reason']);
    }
    for (const reason of ['duplicate', 'requested_by_customer', 'fraudolent']) {
      assert.equal((await call('refund', { checkout_id: checkout.checkout_id, amount: 100, reason })).status, 200, reason);
    }
  });

  it('goes created → failed with the declined card, and failed → paid when the payer retries', async () => {
    const checkout = await createCheckout();
    const declined = await pay(checkout.checkout_id, { ...CARD, number: '4000 0000 0000 0002' });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error, 'card_declined');
    assert.equal((await retrieve(checkout.checkout_id)).status, 'failed');
    assert.equal((await pay(checkout.checkout_id)).body.status, 'paid');
  });

  it('goes created → canceled through the cancel link, which sends the payer to returnUrlCancel', async () => {
    const checkout = await createCheckout({ returnUrlCancel: 'https://shop.example/cancel?order=1001' });
    const response = await fetch(`${pages}/checkouts/${checkout.checkout_id}/cancel`, { redirect: 'manual' });
    assert.equal(response.status, 303);
    assert.equal(
      response.headers.get('location'),
      `https://shop.example/cancel?order=1001&checkout_id=${checkout.checkout_id}&status=canceled`,
    );
    assert.equal((await retrieve(checkout.checkout_id)).status, 'canceled');
    assert.equal((await pay(checkout.checkout_id)).status, 409);
  });

  it('keeps a paid checkout paid when the cancel link is followed later, and shows the page again', async () => {
    const checkout = await paidCheckout();
    const response = await fetch(`${pages}/checkouts/${checkout.checkout_id}/cancel`, { redirect: 'manual' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `/sandbox/paiwise/pay/checkout.html?checkout_id=${checkout.checkout_id}`);
    assert.equal((await retrieve(checkout.checkout_id)).status, 'paid');
  });

  it('goes created → revoked with delete, which is refused once paid', async () => {
    const checkout = await createCheckout();
    const deleted = await call('delete', { checkout_id: checkout.checkout_id });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.status, 'revoked');
    assert.equal((await retrieve(checkout.checkout_id)).status, 'revoked');
    assert.equal((await pay(checkout.checkout_id)).status, 409);
    const paid = await paidCheckout();
    const refused = await call('delete', { checkout_id: paid.checkout_id });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.status, 'paid');
  });

  it('updates metaData in every status', async () => {
    const revoked = await createCheckout();
    await call('delete', { checkout_id: revoked.checkout_id });
    for (const checkout of [await createCheckout(), await paidCheckout(), revoked]) {
      const answer = await call('update', { checkout_id: checkout.checkout_id, metaData: { shipped: 'yes' } });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.metaData, { shipped: 'yes' });
    }
  });

  it('deletes metaData keys given an empty string or null, and takes metaData as a JSON string', async () => {
    const checkout = await createCheckout({ metaData: { a: '1', b: '2', c: '3' } });
    await call('update', { checkout_id: checkout.checkout_id, metaData: { a: '', b: null } });
    const answer = await call('update', { checkout_id: checkout.checkout_id, metaData: '{"d":"4"}' });
    assert.deepEqual(answer.body.metaData, { c: '3', d: '4' });
  });

  it('refuses an update without metaData', async () => {
    const checkout = await createCheckout();
    assertFields(await call('update', { checkout_id: checkout.checkout_id }), ['metaData']);
    assertFields(await call('update', { checkout_id: checkout.checkout_id, metaData: 'not json' }), ['metaData']);
  });

  it('answers every call with the checkout in its new state: same id and URL, a later UTC updated_at', async () => {
    const checkout = await createCheckout({ capture: false });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await pay(checkout.checkout_id);
    const states = [];
    states.push((await call('update', { checkout_id: checkout.checkout_id, metaData: { a: '1' } })).body);
    states.push((await call('capture', { checkout_id: checkout.checkout_id })).body);
    states.push((await call('refund', { checkout_id: checkout.checkout_id, amount: 1 })).body);
    states.push((await call('retrieve', { checkout_id: checkout.checkout_id })).body);
    for (const state of states) {
      assert.equal(state.checkout_id, checkout.checkout_id);
      assert.equal(state.url, checkout.url);
      assert.equal(state.created_at, checkout.created_at);
      assert.ok(isUtc(state.updated_at) && state.updated_at > checkout.created_at);
    }
    assert.deepEqual(
      states.map((s) => s.status),
      ['reserved', 'paid', 'partialRefund', 'partialRefund'],
    );
  });

  it('answers 404 naming checkout_id for an unknown checkout, and 422 when it is missing', async () => {
    for (const endpoint of ['retrieve', 'capture', 'refund', 'update', 'delete']) {
      const unknown = await call(endpoint, { checkout_id: 'f'.repeat(32), metaData: {} });
      assert.equal(unknown.status, 404, endpoint);
      assert.equal(unknown.body.error, 'checkout_not_found');
      assert.equal(unknown.body.field, 'checkout_id');
      assertFields(await call(endpoint, {}), ['checkout_id']);
    }
  });
});

describe('paiwise: customers and saved cards', () => {
  it('names every missing or invalid customer field', async () => {
    assertFields(await call('create-customer', {}), ['first_name', 'last_name', 'email']);
    assertFields(await call('create-customer', { first_name: 'Ada', last_name: 'L', email: 'not an email' }), ['email']);
  });

  it('forgets a deleted customer: 404 afterwards, and checkouts cannot name it', async () => {
    const customer = await createCustomer();
    await call('delete-customer', { customer_id: customer.customer_id });
    const retrieved = await call('retrieve-customer', { customer_id: customer.customer_id });
    assert.equal(retrieved.status, 404);
    assert.equal(retrieved.body.field, 'customer_id');
    assertFields(await call('create', order({ customer_id: customer.customer_id })), ['customer_id']);
  });

  it('saves the card when the payer asks and the checkout allows it; the first one is the default', async () => {
    const customer = await createCustomer();
    const checkout = await createCheckout({ customer_id: customer.customer_id });
    const view = await (await fetch(`${pages}/checkouts/${checkout.checkout_id}`)).json();
    assert.equal(view.offerSaveCard, true);
    await pay(checkout.checkout_id, { ...CARD, number: '5555 5555 5555 4444' }, { saveCard: true });
    const { savedCards } = (await call('retrieve-customer', { customer_id: customer.customer_id })).body;
    assert.equal(savedCards.length, 1);
    assert.match(savedCards[0].card_id, /^[0-9a-f]{32}$/);
    assert.deepEqual(
      { ...savedCards[0], card_id: undefined },
      { card_id: undefined, brand: 'MASTERCARD', last4: '4444', expiry: '12/34', default: true },
    );
  });

  it(`keeps a card saved again once, and at most ${MAX_SAVED_CARDS} cards, forgetting the oldest that is not the default`, async () => {
    const customer = await createCustomer();
    const saveWithExpiry = async (expiry) => {
      const checkout = await createCheckout({ customer_id: customer.customer_id });
      assert.equal((await pay(checkout.checkout_id, { ...CARD, expiry }, { saveCard: true })).status, 200);
    };
    const savedExpiries = async () =>
      (await call('retrieve-customer', { customer_id: customer.customer_id })).body.savedCards.map((card) => card.expiry);
    // A card is its brand, last four digits and expiry: one card, expiring in another month each time.
    const expiries = Array.from(
      { length: MAX_SAVED_CARDS },
      (_, index) => `${String((index % 12) + 1).padStart(2, '0')}/${40 + Math.floor(index / 12)}`,
    );
    for (const expiry of expiries) await saveWithExpiry(expiry);
    await saveWithExpiry(expiries[3]);
    assert.deepEqual(await savedExpiries(), expiries, 'the same card saved again is kept once');
    await saveWithExpiry('01/45');
    const kept = await savedExpiries();
    assert.equal(kept.length, MAX_SAVED_CARDS);
    assert.deepEqual(kept, [expiries[0], ...expiries.slice(2), '01/45'], 'the oldest but the default (the first) went');
  });

  it('never saves a card when allowSaveCard is false, nor offers to', async () => {
    const customer = await createCustomer();
    const checkout = await createCheckout({ customer_id: customer.customer_id, allowSaveCard: false });
    assert.equal((await (await fetch(`${pages}/checkouts/${checkout.checkout_id}`)).json()).offerSaveCard, false);
    await pay(checkout.checkout_id, CARD, { saveCard: true });
    assert.deepEqual((await call('retrieve-customer', { customer_id: customer.customer_id })).body.savedCards, []);
  });

  it('pays at once with customer_id and card_id (the automatic payment), or reserves with capture false', async () => {
    const customer = await createCustomer();
    const first = await createCheckout({ customer_id: customer.customer_id });
    await pay(first.checkout_id, CARD, { saveCard: true });
    const [card] = (await call('retrieve-customer', { customer_id: customer.customer_id })).body.savedCards;
    const automatic = await createCheckout({ customer_id: customer.customer_id, card_id: card.card_id });
    assert.equal(automatic.status, 'paid');
    assert.equal(automatic.card_id, card.card_id);
    assert.deepEqual(automatic.card, { brand: 'VISA', last4: '4242' });
    const reserved = await createCheckout({ customer_id: customer.customer_id, card_id: card.card_id, capture: false });
    assert.equal(reserved.status, 'reserved');
  });

  it('lets the customer choose the default card and remove cards on the client page', async () => {
    const customer = await createCustomer();
    for (const number of ['4242 4242 4242 4242', '5555 5555 5555 4444']) {
      const checkout = await createCheckout({ customer_id: customer.customer_id });
      await pay(checkout.checkout_id, { ...CARD, number }, { saveCard: true });
    }
    const token = new URL(customer.client_page).searchParams.get('token');
    const client = await (await fetch(`${pages}/clients/${token}`)).json();
    assert.deepEqual(
      client.savedCards.map((c) => [c.last4, c.default]),
      [
        ['4242', true],
        ['4444', false],
      ],
    );
    const [visa, mastercard] = client.savedCards;
    const chosen = await (await fetch(`${pages}/clients/${token}/cards/${mastercard.card_id}/default`, { method: 'POST' })).json();
    assert.deepEqual(
      chosen.savedCards.map((c) => c.default),
      [false, true],
    );
    const removed = await (await fetch(`${pages}/clients/${token}/cards/${mastercard.card_id}`, { method: 'DELETE' })).json();
    assert.deepEqual(
      removed.savedCards.map((c) => [c.card_id, c.default]),
      [[visa.card_id, true]],
    );
    assert.equal((await fetch(`${pages}/clients/${'0'.repeat(32)}`)).status, 404);
    assert.equal((await fetch(`${pages}/clients/${token}/cards/nope`, { method: 'DELETE' })).status, 404);
  });
});

describe('paiwise: the hosted page’s public endpoints', () => {
  it('show the page what it needs without the API key, and no return URL before the payer is due to go back', async () => {
    const checkout = await createCheckout({ metaData: { secret: 'internal' }, template: 'iframe' });
    const response = await fetch(`${pages}/checkouts/${checkout.checkout_id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(await response.json(), {
      checkout_id: checkout.checkout_id,
      status: 'created',
      amount: 3000,
      currency: 'SEK',
      message: 'Order #1001',
      template: 'iframe',
      offerSaveCard: false,
      cancelUrl: `/sandbox/paiwise/pay/checkouts/${checkout.checkout_id}/cancel`,
      returnTo: null,
    });
  });

  it('answer a payment with where to send the payer: returnUrl, its query kept, with checkout_id and status', async () => {
    const checkout = await createCheckout({ returnUrl: 'https://shop.example/return?order=1001#top' });
    const { body } = await pay(checkout.checkout_id);
    assert.equal(body.returnTo, `https://shop.example/return?order=1001&checkout_id=${checkout.checkout_id}&status=paid#top`);
  });

  it('send the payer back without checkout_id and status with return_params=none (the page passes it on), and with them without it', async () => {
    const returnUrl = 'https://shop.example/return?order=1001#top';
    const returnUrlCancel = 'https://shop.example/cancel?order=1001';
    const paid = await createCheckout({ returnUrl });
    const bare = `${pages}/checkouts/${paid.checkout_id}?return_params=none`;
    assert.equal((await pay(paid.checkout_id, CARD, {}, '?return_params=none')).body.returnTo, returnUrl);
    assert.equal((await (await fetch(bare)).json()).returnTo, returnUrl);
    const stale = await fetch(`${pages}/checkouts/${paid.checkout_id}/cancel?return_params=none`, { redirect: 'manual' });
    assert.equal(stale.headers.get('location'), `/sandbox/paiwise/pay/checkout.html?checkout_id=${paid.checkout_id}&return_params=none`);
    const withParams = (await (await fetch(`${pages}/checkouts/${paid.checkout_id}`)).json()).returnTo;
    assert.equal(withParams, `https://shop.example/return?order=1001&checkout_id=${paid.checkout_id}&status=paid#top`);

    const canceled = await createCheckout({ returnUrlCancel });
    const view = await (await fetch(`${pages}/checkouts/${canceled.checkout_id}?return_params=none`)).json();
    assert.equal(view.cancelUrl, `/sandbox/paiwise/pay/checkouts/${canceled.checkout_id}/cancel?return_params=none`);
    const cancel = await fetch(`${server.sandboxOrigin}${view.cancelUrl}`, { redirect: 'manual' });
    assert.deepEqual([cancel.status, cancel.headers.get('location')], [303, returnUrlCancel]);
    assert.equal((await retrieve(canceled.checkout_id)).status, 'canceled');
  });

  it('refuse another value of return_params with 400 invalid_switch, leaving the checkout open', async () => {
    const checkout = await createCheckout();
    const answers = await Promise.all([
      fetch(`${pages}/checkouts/${checkout.checkout_id}?return_params=all`),
      fetch(`${pages}/checkouts/${checkout.checkout_id}/cancel?return_params=`, { redirect: 'manual' }),
      fetch(`${pages}/checkouts/${checkout.checkout_id}/pay?return_params=1`, { method: 'POST', body: JSON.stringify({ card: CARD }) }),
    ]);
    assert.deepEqual(
      await Promise.all(answers.map(async (answer) => [answer.status, (await answer.json()).code])),
      Array(3).fill([400, 'invalid_switch']),
    );
    assert.equal((await retrieve(checkout.checkout_id)).status, 'created');
  });

  it('refuse invalid card details with the fields named, leaving the checkout open', async () => {
    const checkout = await createCheckout();
    const answer = await pay(checkout.checkout_id, { number: '4242 4242 4242 4241', expiry: '01/20', cvc: '', name: 'Ada' });
    assert.equal(answer.status, 422);
    assert.deepEqual(
      answer.body.fields.map((f) => f.field),
      ['cardNumber', 'expiry', 'cvc'],
    );
    assert.equal((await retrieve(checkout.checkout_id)).status, 'created');
  });

  it('refuse a second payment while the slow test card is still paying', { timeout: 20_000 }, async () => {
    const checkout = await createCheckout();
    const slow = pay(checkout.checkout_id, { ...CARD, number: '4000 0000 0000 0077' });
    // Until the sandbox took the slow payment (a second one sent before it arrived would be the first).
    while (!server.sandbox.paiwise.checkouts.get(checkout.checkout_id)?.paying) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await pay(checkout.checkout_id)).status, 409);
    assert.equal((await slow).body.status, 'paid');
  });

  it('answer 404 for an unknown checkout', async () => {
    assert.equal((await fetch(`${pages}/checkouts/${'0'.repeat(32)}`)).status, 404);
    assert.equal((await pay('0'.repeat(32))).status, 404);
  });

  it("refuse the offline mode's checkout ids, even one that made it into the store", async () => {
    const checkout = await createCheckout();
    const offlineId = `${'0'.repeat(8)}${checkout.checkout_id.slice(-24)}`;
    server.sandbox.paiwise.checkouts.set(offlineId, {
      ...server.sandbox.paiwise.checkouts.get(checkout.checkout_id),
      checkout_id: offlineId,
    });
    const view = await fetch(`${pages}/checkouts/${offlineId}`);
    const cancel = await fetch(`${pages}/checkouts/${offlineId}/cancel`, { redirect: 'manual' });
    assert.deepEqual(
      [view.status, (await view.json()).code, (await pay(offlineId)).status, cancel.status],
      [404, 'checkout_not_found', 404, 404],
    );
    assert.equal(server.sandbox.paiwise.checkouts.get(offlineId)?.status, 'created');
  });
});

describe('paiwise: the hosted pages’ files', () => {
  for (const page of ['checkout.html', 'client.html', 'offline-return.html']) {
    it(`serves ${page} with the frame CSP and no inline script or style`, async () => {
      const response = await fetch(`${pages}/${page}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      assert.match(response.headers.get('content-security-policy'), /default-src 'self'.*require-trusted-types-for 'script'/);
      assert.equal(response.headers.get('x-frame-options'), null);
      const html = await response.text();
      assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
      for (const [tag] of html.matchAll(/<script[^>]*>/g)) assert.match(tag, /\ssrc=/);
    });
  }

  it('builds the checkout’s card fields with the sandbox kit (labelled, standard autocomplete values) and has one submit button and a cancel link', async () => {
    const html = await assertKitCardForm(`${pages}/checkout.html`);
    assert.equal(html.match(/<button/g)?.length, 1);
    assert.match(html, /<button type="submit"/);
    assert.match(html, /<a id="cancel-link"/);
  });

  it('serves every file the checkout and client pages load (their scripts, the kit they import, the offline mode, the styles)', async () => {
    const files = [...(await pageFiles(`${pages}/checkout.html`)).keys(), ...(await pageFiles(`${pages}/client.html`)).keys()];
    const paths = files.map((url) => new URL(url).pathname);
    for (const file of [
      'pay/checkout.js',
      'pay/client.js',
      'pay/offline-api.js',
      'pay/checkout.css',
      'shared/card-form.js',
      'shared/card-rules.js',
      'shared/page.js',
      'shared/offline.js',
      'shared/test-cards.js',
    ]) {
      assert.ok(
        paths.some((path) => path.endsWith(file)),
        file,
      );
    }
  });

  it('obeys the fault switches on the page and on the API, before authentication', async () => {
    assert.equal((await fetch(`${pages}/checkout.html?checkout_id=x&sandbox_fault=500`)).status, 500);
    const missing = await fetch(`${pages}/checkout.html?sandbox_fault=missing`);
    assert.equal(await missing.text(), '');
    const failing = await fetch(`${base}/checkout/create?sandbox_fault=500`, { method: 'POST', body: '{}' });
    assert.equal(failing.status, 500);
  });
});

describe('paiwise: reset', () => {
  it('forgets every checkout and customer', async () => {
    const checkout = await createCheckout();
    const customer = await createCustomer();
    server.sandbox.reset();
    assert.equal((await call('retrieve', { checkout_id: checkout.checkout_id })).status, 404);
    assert.equal((await call('retrieve-customer', { customer_id: customer.customer_id })).status, 404);
  });
});
