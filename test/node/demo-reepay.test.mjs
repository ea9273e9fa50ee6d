// The demo merchant's Reepay backend over real HTTP: sessions for the element (the order decided on the
// server), charging a saved card, verifying a result; against the sandbox and a stand-in "real" Reepay.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer } from '../../demo/server.mjs';
import { createReepayBackend, reepayConfigFromEnv } from '../../demo/reepay-backend.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** Every answer the backend gave, to check that none carries the key. */
const answers = [];
const KEY = 'priv_sandbox_demo';
const VISA = { number: '4242424242424242', expiry: '12/34', cvc: '123', name: 'Sarah Ng' };

before(async () => {
  server = await startServer({ port: 0, log: false });
});
after(() => server.close());

/**
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ method?: string, headers?: Record<string, string> }} [init]
 */
async function backend(path, body = {}, { method = 'POST', headers = {} } = {}) {
  const response = await fetch(`${server.origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]) + text);
  return { status: response.status, text, json: () => JSON.parse(text) };
}

const createSession = (payload, query = '') => backend(`/api/reepay/session${query}`, payload, { headers: { origin: server.origin } });
const payPage = async (id) => {
  const response = await fetch(`${server.sandboxOrigin}/sandbox/reepay/checkout/api/sessions/${id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card: VISA }),
  });
  return response.json();
};

describe('merchant backend /api/reepay/session', () => {
  it('answers only { id, url } for a charge whose order lines and total the server decides', async () => {
    const response = await createSession({ kind: 'charge', amount: 1, order_lines: [{ ordertext: 'free', amount: 0 }] });
    assert.equal(response.status, 200);
    const session = response.json();
    assert.deepEqual(Object.keys(session).sort(), ['id', 'url']);
    assert.match(session.id, /^cs_[0-9a-f]{32}$/);
    const { invoice } = server.sandbox.reepay.sessions.get(session.id);
    const stored = server.sandbox.reepay.invoices.get(invoice);
    // 749.00 + 2 × 129.00 + shipping 39.00 plus 25 % VAT.
    assert.equal(stored.amount, 74900 + 2 * 12900 + 4875);
    assert.equal(stored.currency, 'DKK');
  });

  it('sends the payer back to distinct accept and cancel URLs on this site, and tells the element both', async () => {
    const acceptUrl = `${server.origin}/demo/reepay.html?mode=redirect&reepay=accept`;
    const answer = (await createSession({ acceptUrl, cancelUrl: '/demo/reepay.html?mode=redirect&reepay=cancel' })).json();
    const cancelUrl = `${server.origin}/demo/reepay.html?mode=redirect&reepay=cancel`;
    assert.deepEqual(answer, { id: answer.id, url: answer.url, acceptUrl, cancelUrl });
    const session = server.sandbox.reepay.sessions.get(answer.id);
    assert.deepEqual([session.accept_url, session.cancel_url], [acceptUrl, cancelUrl]);
  });

  it('takes returnPath for whichever of the two is not given', async () => {
    const answer = (await createSession({ acceptUrl: '/demo/paid.html', returnPath: '/demo/reepay.html?mode=redirect' })).json();
    assert.deepEqual(
      [answer.acceptUrl, answer.cancelUrl],
      [`${server.origin}/demo/paid.html`, `${server.origin}/demo/reepay.html?mode=redirect`],
    );
  });

  it('sends the payer back on this site only', async () => {
    for (const url of ['//evil.example/x', 'https://evil.example/x', 'demo.html', `${server.origin}.evil.example/x`]) {
      const answer = (await createSession({ acceptUrl: url, cancelUrl: url, returnPath: url })).json();
      assert.deepEqual(Object.keys(answer).sort(), ['id', 'url'], url);
      const session = server.sandbox.reepay.sessions.get(answer.id);
      assert.equal(session.accept_url, null, url);
      assert.equal(session.cancel_url, null, url);
    }
  });

  it('creates recurring and subscription sessions for the customer in the payload', async () => {
    const recurring = server.sandbox.reepay.sessions.get((await createSession({ kind: 'recurring', customer: 'c-42' })).json().id);
    assert.deepEqual([recurring.type, recurring.customer], ['recurring', 'c-42']);
    const subscription = await createSession({ kind: 'subscription' });
    assert.match(subscription.json().url, /#\/subscription\/cs_/);
  });

  it('refuses an unknown kind, a body that is not a JSON object, and other methods', async () => {
    assert.equal((await createSession({ kind: 'refund' })).status, 400);
    assert.equal((await createSession('not json')).status, 400);
    assert.equal((await createSession([1])).status, 400);
    assert.equal((await backend('/api/reepay/session', undefined, { method: 'GET' })).status, 405);
  });

  it('passes the sandbox switches on: ttl from the payload, faults from the query', async () => {
    const { id } = (await createSession({ ttl: 'PT1S' })).json();
    assert.ok(server.sandbox.reepay.sessions.get(id).expiresAt - Date.now() <= 1000);
    assert.equal((await createSession({}, '?sandbox_fault=500')).status, 502);
    const malformed = await createSession({}, '?sandbox_fault=malformed');
    assert.equal(malformed.status, 200);
    assert.throws(() => malformed.json());
  });
});

describe('merchant backend: after the checkout', () => {
  it('verifies an invoice with Reepay', async () => {
    const { id } = (await createSession({})).json();
    const { invoice } = server.sandbox.reepay.sessions.get(id);
    assert.equal((await backend('/api/reepay/verify', { invoice })).json().state, 'created');
    await payPage(id);
    assert.deepEqual((await backend('/api/reepay/verify', { invoice })).json(), {
      handle: invoice,
      state: 'authorized',
      amount: 105575,
      currency: 'DKK',
    });
    assert.equal((await backend('/api/reepay/verify', { invoice: 'order-none' })).status, 404);
  });

  it('refuses an invoice or a customer that is only dots: "." and ".." would be path segments', async () => {
    for (const invoice of ['.', '..', '...', '-', '@']) {
      const answer = await backend('/api/reepay/verify', { invoice });
      assert.deepEqual([answer.status, answer.json().field], [400, 'invoice'], invoice);
    }
    const { id } = (await createSession({ customer: '..' })).json();
    assert.equal(server.sandbox.reepay.sessions.get(id).customer, 'demo-customer');
  });

  it('charges a saved card the monthly box, merchant-initiated', async () => {
    const { id } = (await createSession({ kind: 'recurring' })).json();
    const { payment_method: paymentMethod } = await payPage(id);
    const charge = await backend('/api/reepay/charge-saved', { paymentMethod });
    assert.equal(charge.status, 200);
    assert.deepEqual({ ...charge.json(), handle: undefined }, { handle: undefined, state: 'settled', amount: 19900, currency: 'DKK' });
    assert.equal((await backend('/api/reepay/charge-saved', { paymentMethod: 'ca_x' })).status, 400);
    assert.equal((await backend('/api/reepay/charge-saved', { paymentMethod: `ca_${'0'.repeat(32)}` })).status, 404);
  });

  it('never sends the private key to the browser', async () => {
    // Its own answers too, whatever ran before: a session, a refused body, an unknown charge.
    await createSession({});
    await backend('/api/reepay/session', 'not json', { headers: { origin: server.origin } });
    await backend('/api/reepay/charge-saved', { paymentMethod: `ca_${'0'.repeat(32)}` });
    assert.ok(answers.length >= 3, 'answers to check');
    const encoded = Buffer.from(`${KEY}:`).toString('base64');
    for (const answer of answers) {
      assert.ok(!answer.includes(KEY) && !answer.includes(encoded), answer);
    }
  });
});

describe('merchant backend against a real Reepay base URL', () => {
  it('uses the key and base URLs from the environment, with no sandbox switches', async () => {
    /** @type {{ method: string, url: string, auth: string, body: any }[]} */
    const seen = [];
    const reepay = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '', body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `cs_${'e'.repeat(32)}`, url: `https://checkout.reepay.com/#/cs_${'e'.repeat(32)}` }));
      });
    });
    await new Promise((resolve) => reepay.listen(0, '127.0.0.1', () => resolve(undefined)));
    const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (reepay.address()).port}`;
    const config = reepayConfigFromEnv('http://unused.invalid', {
      REEPAY_PRIVATE_KEY: 'priv_live_0123',
      REEPAY_CHECKOUT_API_URL: `${origin}/checkout-api/`,
      REEPAY_API_URL: `${origin}/api`,
    });
    const handler = createReepayBackend({ reepay: config });
    const merchant = createServer((req, res) => handler(req, res));
    await new Promise((resolve) => merchant.listen(0, '127.0.0.1', () => resolve(undefined)));
    try {
      const port = /** @type {import('node:net').AddressInfo} */ (merchant.address()).port;
      const response = await fetch(`http://127.0.0.1:${port}/api/reepay/session?sandbox_fault=500`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ttl: 'PT1S' }),
      });
      assert.deepEqual(await response.json(), { id: `cs_${'e'.repeat(32)}`, url: `https://checkout.reepay.com/#/cs_${'e'.repeat(32)}` });
      assert.equal(seen.length, 1);
      assert.equal(seen[0].method, 'POST');
      assert.equal(seen[0].url, '/checkout-api/v1/session/charge');
      assert.equal(seen[0].auth, `Basic ${Buffer.from('priv_live_0123:').toString('base64')}`);
      assert.equal(seen[0].body.ttl, undefined);
    } finally {
      merchant.closeAllConnections();
      reepay.closeAllConnections();
      await Promise.all([merchant, reepay].map((http) => new Promise((resolve) => http.close(resolve))));
    }
  });
});
