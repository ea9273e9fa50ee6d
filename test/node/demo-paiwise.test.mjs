// The demo merchant backend's Paiwise routes over real HTTP: session (server-side prices, return URLs on the
// shop's origin, template for frames, saved-card fields passed through), verify, capture, refund; against the
// sandbox and against a stand-in "real" Paiwise; the API key never reaches the browser.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../demo/server.mjs';
import { listen } from './support/listen.mjs';
import { createPaiwiseBackend, paiwiseConfigFromEnv, PAIWISE_PRODUCTS } from '../../demo/paiwise-backend.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** Every answer of the backend, to check that none carries the key. */
const answers = [];
const KEY = 'paiwise_sandbox_demo';
const CARD = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Ada Lovelace' };

before(async () => {
  server = await startServer({ port: 0, log: false });
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

/** POSTs JSON to the backend as a page of the shop would (Referer: the checkout page). */
async function backend(path, body = {}, headers = {}, origin = server.origin) {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Referer: `${server.origin}/demo/paiwise.html?step=2#pay`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]) + text);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const session = async (body) => {
  const answer = await backend('/api/paiwise/session', body);
  assert.equal(answer.status, 200, answer.text);
  return answer.json;
};

/** The checkout as the sandbox holds it. */
const stored = (id) => server.sandbox.paiwise.checkouts.get(id);

const payInSandbox = (id) =>
  fetch(`${server.sandboxOrigin}/sandbox/paiwise/pay/checkouts/${id}/pay`, { method: 'POST', body: JSON.stringify({ card: CARD }) });

describe('demo backend POST /api/paiwise/session', () => {
  it('creates a checkout and answers only { id, url }', async () => {
    const answer = await session({});
    assert.deepEqual(Object.keys(answer), ['id', 'url']);
    assert.equal(answer.url, stored(answer.id).url);
    assert.equal(new URL(answer.url).origin, server.sandboxOrigin);
  });

  it('prices the order itself and ignores an amount sent by the browser', async () => {
    const { id } = await session({ product: 'backpack', amount: 1, currency: 'USD', capture: false });
    const checkout = stored(id);
    assert.equal(checkout.amount, PAIWISE_PRODUCTS.backpack.amount);
    assert.equal(checkout.currency, 'SEK');
    assert.equal(checkout.capture, true);
    assert.deepEqual(checkout.metaData, { product: 'backpack' });
  });

  it('reserves (capture: false) for the reserve-then-capture product', async () => {
    const { id } = await session({ product: 'bike-rental' });
    assert.equal(stored(id).capture, false);
    assert.equal(stored(id).amount, PAIWISE_PRODUCTS['bike-rental'].amount);
  });

  it('asks for template "iframe" in iframe and modal mode, and for none in redirect mode', async () => {
    assert.equal(stored((await session({ mode: 'iframe' })).id).template, 'iframe');
    assert.equal(stored((await session({ mode: 'modal' })).id).template, 'iframe');
    assert.equal(stored((await session({ mode: 'redirect' })).id).template, null);
    assert.equal(stored((await session({})).id).template, null);
  });

  it('refuses an unknown product or mode with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ product: 'yacht' }, 'product'],
      [{ product: 'toString' }, 'product'],
      [{ mode: 'popup' }, 'mode'],
    ]) {
      const answer = await backend('/api/paiwise/session', body);
      assert.equal(answer.status, 400);
      assert.equal(answer.json.field, field);
    }
  });

  it('returns to the asking page by default: ?paiwise=return and ?paiwise=cancel on its path', async () => {
    const checkout = stored((await session({})).id);
    assert.equal(checkout.returnUrl, `${server.origin}/demo/paiwise.html?paiwise=return`);
    assert.equal(checkout.returnUrlCancel, `${server.origin}/demo/paiwise.html?paiwise=cancel`);
  });

  it('takes return URLs on the shop’s own origin, relative or absolute', async () => {
    const checkout = stored((await session({ returnUrl: '/shop/done?order=7', returnUrlCancel: `${server.origin}/shop/cart` })).id);
    assert.equal(checkout.returnUrl, `${server.origin}/shop/done?order=7`);
    assert.equal(checkout.returnUrlCancel, `${server.origin}/shop/cart`);
  });

  it('refuses return URLs on any other origin', async () => {
    for (const [field, value] of [
      ['returnUrl', 'https://evil.example/'],
      ['returnUrlCancel', '//evil.example/x'],
      ['returnUrl', `${server.sandboxOrigin}/`],
      ['returnUrl', 'javascript:alert(1)'],
      ['returnUrl', 42],
    ]) {
      const answer = await backend('/api/paiwise/session', { [field]: value });
      assert.equal(answer.status, 400, `${field}=${value}`);
      assert.equal(answer.json.field, field);
    }
  });

  it('falls back to the shop’s root when the asking page is not the shop’s', async () => {
    const answer = await backend('/api/paiwise/session', {}, { Referer: 'https://elsewhere.example/page' });
    assert.equal(stored(answer.json.id).returnUrl, `${server.origin}/?paiwise=return`);
  });

  it('passes the saved-card fields through, from payload or from the body', async () => {
    const customer = await (
      await fetch(`${server.sandboxOrigin}/sandbox/paiwise/checkout/create-customer`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' }),
      })
    ).json();
    const fromPayload = stored((await session({ payload: { customer_id: customer.customer_id, allowSaveCard: false } })).id);
    assert.equal(fromPayload.customer_id, customer.customer_id);
    assert.equal(fromPayload.allowSaveCard, false);
    const fromBody = stored((await session({ customer_id: customer.customer_id })).id);
    assert.equal(fromBody.allowSaveCard, true);

    const unknownCard = await backend('/api/paiwise/session', { payload: { customer_id: customer.customer_id, card_id: 'nope' } });
    assert.equal(unknownCard.status, 400);
    assert.equal(unknownCard.json.field, 'card_id');
    const wrongType = await backend('/api/paiwise/session', { payload: { allowSaveCard: 'yes' } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.field, 'allowSaveCard');
  });

  it('puts frame_fault / pay_fault / return_params switches on the hosted page URL, for tests of the element', async () => {
    const answer = await backend('/api/paiwise/session?frame_fault=hang&pay_fault=500&return_params=none', {});
    const url = new URL(answer.json.url);
    assert.equal(url.searchParams.get('sandbox_fault'), 'hang');
    assert.equal(url.searchParams.get('pay_fault'), '500');
    assert.equal(url.searchParams.get('return_params'), 'none');
    assert.equal(url.searchParams.get('checkout_id'), answer.json.id);
  });

  it('turns a sandbox 500 into 502 provider_unavailable', async () => {
    const answer = await backend('/api/paiwise/session?sandbox_fault=500', {});
    assert.equal(answer.status, 502);
    assert.equal(answer.json.error, 'provider_unavailable');
  });

  it('passes the sandbox’s malformed and missing answers through unchanged', async () => {
    const malformed = await backend('/api/paiwise/session?sandbox_fault=malformed', {});
    assert.equal(malformed.status, 200);
    assert.equal(malformed.json, undefined);
    const missing = await backend('/api/paiwise/session?sandbox_fault=missing', {});
    assert.equal(missing.status, 200);
    assert.deepEqual(missing.json, {});
  });

  it('refuses other origins, other methods and bodies that are not JSON objects', async () => {
    assert.equal((await backend('/api/paiwise/session', {}, { Origin: 'https://evil.example' })).status, 403);
    assert.equal((await backend('/api/paiwise/session', {}, { Origin: server.origin })).status, 200);
    const get = await fetch(`${server.origin}/api/paiwise/session`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal((await backend('/api/paiwise/session', '[]')).status, 400);
    assert.equal((await backend('/api/paiwise/session', '{"mode": ')).status, 400);
  });
});

describe('demo backend verify, capture and refund', () => {
  it('verify reports the status Paiwise holds, not what the browser says', async () => {
    const { id } = await session({});
    const before = await backend('/api/paiwise/verify', { id, status: 'paid' });
    assert.deepEqual(before.json, { id, status: 'created', amount: 89_900, currency: 'SEK', amountRefunded: 0 });
    await payInSandbox(id);
    assert.equal((await backend('/api/paiwise/verify', { checkout_id: id })).json.status, 'paid');
  });

  it('answers 404 for a checkout this shop did not create', async () => {
    const foreign = await (
      await fetch(`${server.sandboxOrigin}/sandbox/paiwise/checkout/create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}` },
        body: JSON.stringify({
          amount: 100,
          currency: 'SEK',
          message: 'x',
          returnUrl: 'https://a.example/',
          returnUrlCancel: 'https://a.example/c',
        }),
      })
    ).json();
    for (const path of ['/api/paiwise/verify', '/api/paiwise/capture', '/api/paiwise/refund']) {
      for (const body of [{ id: foreign.checkout_id }, { id: 42 }, {}]) {
        const answer = await backend(path, body);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.json.error, 'unknown_checkout');
      }
    }
  });

  it('captures a reservation: reserved → paid', async () => {
    const { id } = await session({ product: 'bike-rental' });
    await payInSandbox(id);
    assert.equal((await backend('/api/paiwise/verify', { id })).json.status, 'reserved');
    const captured = await backend('/api/paiwise/capture', { id });
    assert.equal(captured.status, 200);
    assert.equal(captured.json.status, 'paid');
  });

  it('passes on 409 with the status when the checkout cannot be captured', async () => {
    const { id } = await session({});
    const answer = await backend('/api/paiwise/capture', { id });
    assert.equal(answer.status, 409);
    assert.equal(answer.json.error, 'invalid_status');
    assert.equal(answer.json.status, 'created');
  });

  it('refunds part then the rest, and releases a reservation', async () => {
    const paid = await session({});
    await payInSandbox(paid.id);
    const partial = await backend('/api/paiwise/refund', { id: paid.id, amount: 900 });
    assert.deepEqual(partial.json, { id: paid.id, status: 'partialRefund', amount: 89_900, currency: 'SEK', amountRefunded: 900 });
    assert.equal(stored(paid.id).refunds[0].reason, 'requested_by_customer');
    assert.equal((await backend('/api/paiwise/refund', { id: paid.id })).json.status, 'refunded');
    const tooMuch = await backend('/api/paiwise/refund', { id: paid.id, amount: 1 });
    assert.equal(tooMuch.status, 409);

    const reserved = await session({ product: 'bike-rental' });
    await payInSandbox(reserved.id);
    assert.equal((await backend('/api/paiwise/refund', { id: reserved.id })).json.status, 'reserve released');
  });

  it('answers 400 naming amount when a refund amount is not possible', async () => {
    const { id } = await session({});
    await payInSandbox(id);
    const answer = await backend('/api/paiwise/refund', { id, amount: 10_000_000 });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.field, 'amount');
  });
});

describe('demo backend against Paiwise itself', () => {
  it('reads PAIWISE_BASE_URL and PAIWISE_API_KEY, defaulting to the sandbox and its demo key', () => {
    assert.deepEqual(paiwiseConfigFromEnv('http://sandbox.test/sandbox/paiwise', {}), {
      baseUrl: 'http://sandbox.test/sandbox/paiwise',
      apiKey: KEY,
    });
    assert.deepEqual(paiwiseConfigFromEnv('unused', { PAIWISE_BASE_URL: 'https://api.paiwise.com', PAIWISE_API_KEY: 'live_key' }), {
      baseUrl: 'https://api.paiwise.com',
      apiKey: 'live_key',
    });
  });

  it('calls a real base URL with the bearer key, forwards no sandbox switch, and maps its answer to { id, url }', async () => {
    const seen = [];
    let answer = { checkout_id: 'cid_1', status: 'created', checkout_url: 'https://pay.paiwise.example/c/cid_1' };
    const provider = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      });
    });
    const handle = createPaiwiseBackend(
      paiwiseConfigFromEnv('unused', { PAIWISE_BASE_URL: `${provider.origin}/v1/`, PAIWISE_API_KEY: 'topsecret_key' }),
    );
    const merchant = await listen((req, res) => handle(req, res));
    try {
      const created = await fetch(`${merchant.origin}/api/paiwise/session?sandbox_fault=500&frame_fault=hang`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'modal' }),
      });
      assert.equal(created.status, 200);
      assert.deepEqual(await created.json(), { id: 'cid_1', url: 'https://pay.paiwise.example/c/cid_1' });
      assert.equal(seen.length, 1);
      assert.equal(seen[0].method, 'POST');
      assert.equal(seen[0].url, '/v1/checkout/create');
      assert.equal(seen[0].authorization, 'Bearer topsecret_key');
      assert.equal(seen[0].body.template, 'iframe');
      assert.equal(seen[0].body.amount, PAIWISE_PRODUCTS.backpack.amount);
      assert.equal(seen[0].body.returnUrl, `${merchant.origin}/?paiwise=return`);

      answer = '{"checkout_id": ';
      const broken = await fetch(`${merchant.origin}/api/paiwise/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'cid_1' }),
      });
      assert.equal(broken.status, 502);
      assert.doesNotMatch(await broken.text(), /topsecret_key/);
    } finally {
      await merchant.close();
      await provider.close();
    }
  });

  it('answers 502 when Paiwise refuses the key or fails', async () => {
    const provider = await listen((req, res) => {
      req.resume();
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error":"unauthorized","message":"bad key"}');
    });
    const handle = createPaiwiseBackend({ baseUrl: provider.origin, apiKey: 'wrong' });
    const merchant = await listen((req, res) => handle(req, res));
    try {
      const response = await fetch(`${merchant.origin}/api/paiwise/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(response.status, 502);
      assert.equal((await response.json()).error, 'provider_unavailable');
    } finally {
      await merchant.close();
      await provider.close();
    }
  });

  it('answers 502 when Paiwise does not answer in time', async () => {
    const handle = createPaiwiseBackend({
      baseUrl: `${server.sandboxOrigin}/sandbox/paiwise`,
      apiKey: KEY,
      upstreamTimeoutMs: 150,
    });
    const merchant = await listen((req, res) => handle(req, res));
    try {
      const response = await fetch(`${merchant.origin}/api/paiwise/session?sandbox_fault=hang`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(response.status, 502);
      assert.match((await response.json()).message, /in time/);
    } finally {
      await merchant.close();
    }
  });

  it('gives up with the browser when Paiwise hangs', async () => {
    await assert.rejects(
      fetch(`${server.origin}/api/paiwise/session?sandbox_fault=hang`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(200),
      }),
      { name: 'TimeoutError' },
    );
    assert.equal((await backend('/api/paiwise/session', {})).status, 200);
  });

  it('never sends the API key to the browser', () => {
    assert.ok(answers.length >= 30);
    for (const answer of answers) assert.ok(!answer.includes(KEY));
  });
});
