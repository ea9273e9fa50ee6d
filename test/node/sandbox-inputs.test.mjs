// What the sandbox takes from its clients, against the seeds (shared/seeds/) and what the real clients send: the
// Reepay checkout page's init message as Reepay's own checkout.js sends it (a numeric token), the parameters the
// Reepay checkout adds to accept_url and cancel_url, fields a request carries that the sandbox does not read
// (accepted, and named in `Sandbox-Ignored-Fields`), empty and hostile bodies (a 4xx JSON error, never a 5xx).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../demo/server.mjs';
import { readInit } from '../../sandbox/reepay/checkout/init.js';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let sandbox = '';

before(async () => {
  server = await startServer({ port: 0, log: false });
  sandbox = `${server.sandboxOrigin}/sandbox`;
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

const basic = (user, password = '') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const AUTH = {
  pekopay: basic('demo-client', 'demo-secret'),
  reepay: basic('priv_sandbox_demo'),
  paiwise: 'Bearer paiwise_sandbox_demo',
};
const VISA = { number: '4242424242424242', expiry: '12/34', cvc: '123', name: 'Sarah Ng' };
const TENANT = '/pekopay/tenants/demo-tenant';

/**
 * @param {string} path under /sandbox
 * @param {unknown} [body] an object (sent as JSON) or text sent as is
 * @param {{ method?: string, auth?: string, headers?: Record<string, string> }} [options]
 */
async function call(path, body, { method = 'POST', auth, headers = {} } = {}) {
  const response = await fetch(`${sandbox}${path}`, {
    method,
    headers: { ...(auth ? { Authorization: auth } : {}), 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, ignored: response.headers.get('sandbox-ignored-fields') };
}

describe("reepay checkout page: the init message of Reepay's checkout.js", () => {
  const init = (data) => ({
    for: 'rp_app',
    data: { id: `cs_${'a'.repeat(32)}`, content_type: 'rp_checkout', type: 'embedded', options: {}, ...data },
  });

  it('takes a numeric token, as Reepay’s script draws it (a whole number below 1,000 or 10,000), and the element’s string token', () => {
    for (const token of [0, 7, 999, 4821, 9999, 'f'.repeat(32)]) {
      assert.deepEqual(
        readInit(init({ token })),
        { id: `cs_${'a'.repeat(32)}`, token, type: 'embedded', contentType: 'rp_checkout' },
        String(token),
      );
    }
  });

  it('takes modal and subscription inits, and ignores the options it does not use', () => {
    const read = readInit(init({ token: 12, type: 'modal', content_type: 'rp_subscription', options: { html_element: 'rp_container' } }));
    assert.deepEqual(read, { id: `cs_${'a'.repeat(32)}`, token: 12, type: 'modal', contentType: 'rp_subscription' });
  });

  it('says what is wrong with an init it cannot use, rather than ignoring it', () => {
    for (const token of [-1, 1.5, Number.NaN, '', 'x'.repeat(201), null, undefined, {}]) {
      assert.match(/** @type {any} */ (readInit(init({ token }))).problem, /token must be/, String(token));
    }
    assert.match(/** @type {any} */ (readInit(init({ token: 1, type: 'window' }))).problem, /type must be/);
    assert.match(/** @type {any} */ (readInit(init({ token: 1, content_type: 'rp_other' }))).problem, /content_type must be/);
    assert.match(/** @type {any} */ (readInit({ for: 'rp_app' })).problem, /no data/);
  });

  it('is not concerned by messages that are not init messages', () => {
    for (const message of [null, 'rp_app', 42, {}, { for: 'other', data: {} }]) assert.equal(readInit(message), null);
  });
});

describe('reepay checkout: the parameters of accept_url and cancel_url', () => {
  const urls = { accept_url: 'https://shop.example/accept?order=1', cancel_url: 'https://shop.example/cancel?order=1' };
  const session = async (kind, body) =>
    (await call(`/reepay/checkout-api/v1/session/${kind}`, { ...urls, ...body }, { auth: AUTH.reepay })).body;
  const pay = async (id) => (await call(`/reepay/checkout/api/sessions/${id}/pay`, { card: VISA })).body;
  const params = (url) => [...new URL(url).searchParams.keys()];

  it('appends id, invoice and customer to accept_url for a charge session, and nothing else', async () => {
    const { id } = await session('charge', { order: { handle: 'order-1', amount: 1000, customer: { handle: 'customer-1' } } });
    const accepted = await pay(id);
    assert.deepEqual(params(accepted.accept_url).sort(), ['customer', 'id', 'invoice', 'order']);
    assert.deepEqual(Object.fromEntries(new URL(accepted.accept_url).searchParams), {
      order: '1',
      id,
      invoice: 'order-1',
      customer: 'customer-1',
    });
  });

  it('adds payment_method when the session saved the card', async () => {
    const { id } = await session('charge', {
      recurring: true,
      order: { handle: 'order-2', amount: 1000, customer: { handle: 'customer-1' } },
    });
    assert.deepEqual(params((await pay(id)).accept_url).sort(), ['customer', 'id', 'invoice', 'order', 'payment_method']);
    const { id: recurring } = await session('recurring', { create_customer: { handle: 'customer-2' } });
    assert.deepEqual(params((await pay(recurring)).accept_url).sort(), ['customer', 'id', 'order', 'payment_method']);
  });

  it('adds subscription (and the saved card) for a subscription session', async () => {
    const { id } = await session('subscription', {
      prepare_subscription: { plan: 'plan-1', handle: 'sub-1', create_customer: { handle: 'customer-3' } },
    });
    const accepted = await pay(id);
    assert.deepEqual(params(accepted.accept_url).sort(), ['customer', 'id', 'order', 'payment_method', 'subscription']);
    assert.equal(new URL(accepted.accept_url).searchParams.get('subscription'), 'sub-1');
  });

  it('appends only the session id to cancel_url', async () => {
    for (const [kind, body] of [
      ['charge', { order: { handle: 'order-3', amount: 1000, customer: { handle: 'customer-1' } } }],
      ['recurring', { create_customer: { handle: 'customer-4' } }],
      ['subscription', { prepare_subscription: { plan: 'plan-1', create_customer: { handle: 'customer-5' } } }],
    ]) {
      const { id } = await session(kind, body);
      const shown = (await call(`/reepay/checkout/api/sessions/${id}`, undefined, { method: 'GET' })).body;
      assert.equal(shown.cancel_url, `https://shop.example/cancel?order=1&id=${id}`, kind);
    }
  });
});

describe('fields the sandbox does not read', () => {
  it('takes them, as the providers’ APIs do, and names them in Sandbox-Ignored-Fields (PekoPay)', async () => {
    const created = await call(
      `${TENANT}/customers`,
      { firstname: 'Ada', lastname: 'L', email: 'ada@example.com', nickname: 'ada', address: { city: 'X' } },
      { auth: AUTH.pekopay },
    );
    assert.equal(created.status, 201);
    assert.equal(created.ignored, 'nickname, address');
    const product = await call(`${TENANT}/products`, { name: 'Tent', price: 10, currency: 'CAD', sku: 'tent-1' }, { auth: AUTH.pekopay });
    assert.deepEqual([product.status, product.ignored], [201, 'sku']);
  });

  it('names unread fields deep in a request: in nested objects and in array items (Reepay)', async () => {
    const body = {
      order: {
        handle: 'order-1',
        customer: { handle: 'c-1', address: 'Main st.' },
        order_lines: [{ ordertext: 'Tent', amount: 1000, sku: 't' }],
        metadata: { a: 1 },
      },
      locale: 'da_DK',
    };
    const answer = await call('/reepay/checkout-api/v1/session/charge', body, { auth: AUTH.reepay });
    assert.equal(answer.status, 200);
    assert.equal(answer.ignored, 'order.customer.address, order.order_lines[0].sku, order.metadata, locale');
  });

  it('names them on Paiwise too, and reads metaData as a whole', async () => {
    const body = {
      amount: 3000,
      currency: 'SEK',
      message: 'Order',
      returnUrl: 'https://shop.example/r',
      returnUrlCancel: 'https://shop.example/c',
      metaData: { order: 'o-1' },
      locale: 'sv',
    };
    const answer = await call('/paiwise/checkout/create', body, { auth: AUTH.paiwise });
    assert.deepEqual([answer.status, answer.ignored], [200, 'locale']);
  });

  it('names fields with control characters, commas or characters beyond Latin-1 percent-encoded, after the request acted', async () => {
    const { tokenizedToken } = await import('./pekopay-helpers.mjs');
    const customer = await call(
      `${TENANT}/customers`,
      { firstname: 'Ada', lastname: 'L', email: 'ada@example.com', 'a\nb': 1 },
      { auth: AUTH.pekopay },
    );
    assert.deepEqual([customer.status, customer.ignored], [201, 'a%0Ab']);
    const product = (await call(`${TENANT}/products`, { name: 'Tent', price: 10, currency: 'CAD' }, { auth: AUTH.pekopay })).body;
    const paymentToken = await tokenizedToken(`${sandbox}/pekopay`);
    const transaction = await call(
      `${TENANT}/transactions`,
      { paymentToken, customerId: customer.body.id, items: [{ productId: product.id, quantity: 1 }], 'note\u2028': 'x', 'a,b%': 1 },
      { auth: AUTH.pekopay },
    );
    assert.deepEqual([transaction.status, transaction.body.status, transaction.ignored], [201, 'SUCCEEDED', 'note%E2%80%A8, a%2Cb%25']);
    // The refusal of a bad body carries the header too.
    const refused = await call(`${TENANT}/customers`, { firstname: 'Ada', 'é\u0000': 1 }, { auth: AUTH.pekopay });
    assert.deepEqual([refused.status, refused.ignored], [400, '%C3%A9%00']);
    const session = await call(
      '/reepay/checkout-api/v1/session/recurring',
      { create_customer: { handle: 'c-9', '\u{1F600}': 1 } },
      { auth: AUTH.reepay },
    );
    assert.deepEqual([session.status, session.ignored], [200, 'create_customer.%F0%9F%98%80']);
    const paiwise = await call(
      '/paiwise/checkout/create',
      { amount: 3000, currency: 'SEK', message: 'm', returnUrl: 'https://a.example', returnUrlCancel: 'https://b.example', 'x\ry': 1 },
      { auth: AUTH.paiwise },
    );
    assert.deepEqual([paiwise.status, paiwise.ignored], [200, 'x%0Dy']);
    assert.equal(decodeURIComponent(transaction.ignored.split(', ')[0]), 'note\u2028');
  });

  it('says nothing for requests whose every field it reads, as the seeds’ requests', async () => {
    const customer = await call(
      `${TENANT}/customers`,
      { firstname: 'Sarah', lastname: 'Ng', email: 'sarah@example.com', type: 'INDIVIDUAL' },
      { auth: AUTH.pekopay },
    );
    const session = await call(
      '/reepay/checkout-api/v1/session/charge',
      {
        order: {
          handle: 'order-12345',
          customer: { handle: 'customer-123', first_name: 'John', last_name: 'Doe', phone: '+4531313131' },
          amount: 50000,
        },
        accept_url: 'https://webshop.com/accept/order-12345',
        cancel_url: 'https://webshop.com/decline/order-12345',
      },
      { auth: AUTH.reepay },
    );
    for (const answer of [customer, session]) assert.deepEqual([answer.status < 300, answer.ignored], [true, null]);
  });
});

describe('empty, odd and hostile bodies', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const endpoints = [
    [`${TENANT}/customers`, AUTH.pekopay],
    [`${TENANT}/transactions`, AUTH.pekopay],
    [`${TENANT}/subscriptions`, AUTH.pekopay],
    ['/pekopay/checkout/tokenize'],
    ['/reepay/checkout-api/v1/session/charge', AUTH.reepay],
    ['/reepay/checkout-api/v1/session/recurring', AUTH.reepay],
    ['/reepay/api/v1/charge', AUTH.reepay],
    ['/reepay/api/v1/refund', AUTH.reepay],
    ['/paiwise/checkout/create', AUTH.paiwise],
    ['/paiwise/checkout/retrieve', AUTH.paiwise],
    ['/paiwise/checkout/create-customer', AUTH.paiwise],
  ];

  it('answers an empty body with a 4xx JSON error naming what is missing, never a 5xx', async () => {
    for (const [path, auth] of endpoints) {
      const answer = await call(path, '', { auth });
      assert.ok(answer.status >= 400 && answer.status < 500, `${path}: ${answer.status}`);
      assert.equal(typeof answer.body.message, 'string', path);
    }
  });

  it('answers bodies that are not objects, are not JSON, or nest deeper than 1,000 levels with a 4xx JSON error', async () => {
    for (const [path, auth] of endpoints) {
      for (const body of ['[]', 'null', '42', '"text"', '{"a":', deep, `{"items":${deep}}`]) {
        const answer = await call(path, body, { auth, headers: { 'Idempotency-Key': 'key-1' } });
        assert.ok(answer.status >= 400 && answer.status < 500, `${path} ${body.slice(0, 12)}: ${answer.status}`);
        assert.ok(answer.body.message || answer.body.error, path);
      }
    }
  });

  it('answers fields of the wrong type with a 4xx JSON error naming them', async () => {
    const peko = await call(
      `${TENANT}/transactions`,
      { customerId: 5, items: [{ productId: 1, quantity: '2' }], taxRatesOptions: 'gst' },
      { auth: AUTH.pekopay },
    );
    assert.equal(peko.status, 400);
    assert.deepEqual(
      peko.body.fields.map((field) => field.field),
      ['customerId', 'taxRatesOptions', 'items[0].productId', 'items[0].quantity'],
    );
    const reepay = await call(
      '/reepay/checkout-api/v1/session/charge',
      { order: { handle: 'o', amount: '1000', customer: { handle: 'c' } } },
      { auth: AUTH.reepay },
    );
    assert.deepEqual([reepay.status, reepay.body.code], [400, 3]);
    const paiwise = await call(
      '/paiwise/checkout/create',
      { amount: '3000', currency: 'SEK', message: 'm', returnUrl: 'https://a.example', returnUrlCancel: 'https://b.example' },
      { auth: AUTH.paiwise },
    );
    assert.deepEqual([paiwise.status, paiwise.body.fields.map((field) => field.field)], [422, ['amount']]);
  });
});
