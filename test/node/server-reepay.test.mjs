// pay-checkout/server's ReepayClient (the built dist/server) against the Reepay sandbox over real HTTP: every
// request of the Reepay seed (fixtures/reepay-api-examples.txt) through the client, the charge lifecycle after
// the checkout, typed errors, time limits, and verifyReepayWebhook.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { createJsonHandler, ProviderApiError, ReepayClient, ReepayError, verifyReepayWebhook } from 'pay-checkout/server';
import { parseLeadingJson } from '../../sandbox/server/reepay/index.mjs';
import { startServer } from '../../demo/server.mjs';
import { failure, recordingFetch } from './support/calls.mjs';
import { reepaySeedRequests } from './support/reepay-seed.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {ReepayClient} */
let client;
/** Every request the client sent: method, URL, headers, body. */
const sent = [];
const KEY = 'priv_sandbox_demo';
const VISA = { number: '4242424242424242', expiry: '12/34', cvc: '123', name: 'Sarah Ng' };

before(async () => {
  server = await startServer({ port: 0, log: false });
  client = new ReepayClient({
    privateKey: KEY,
    checkoutApiUrl: `${server.sandboxOrigin}/sandbox/reepay/checkout-api`,
    apiUrl: `${server.sandboxOrigin}/sandbox/reepay/api/`,
    fetch: recordingFetch(sent),
  });
});
after(() => server.close());
beforeEach(() => {
  server.sandbox.reset();
  sent.length = 0;
});

/** Pays a session on the sandbox's hosted page, as a payer does; answers the accept parameters. */
async function pay(id, card = VISA) {
  const response = await fetch(`${server.sandboxOrigin}/sandbox/reepay/checkout/api/sessions/${id}/pay`, {
    method: 'POST',
    body: JSON.stringify({ card }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

/** The seed's requests: URL and JSON body, read as Reepay reads them (the stray `}` of the last one included). */
const seedRequests = () => reepaySeedRequests().map(({ url, body }) => ({ url: new URL(url), body: parseLeadingJson(body) }));

describe('ReepayClient: every request of the seed', () => {
  const seeds = seedRequests();
  /** Sends a seed request through the client method for its URL. */
  const send = ({ url, body }) => {
    if (url.pathname === '/v1/session/charge') return client.createChargeSession(body);
    if (url.pathname === '/v1/session/recurring') return client.createRecurringSession(body);
    if (url.pathname === '/v1/charge') return client.createCharge(body);
    throw new Error(`no client method for ${url.pathname}`);
  };

  it('runs the six requests, each to its API with Basic auth of the private key and an empty password', async () => {
    assert.deepEqual(
      seeds.map(({ url }) => `${url.origin}${url.pathname}`),
      [
        'https://checkout-api.reepay.com/v1/session/charge',
        'https://checkout-api.reepay.com/v1/session/charge',
        'https://checkout-api.reepay.com/v1/session/charge',
        'https://api.reepay.com/v1/charge',
        'https://checkout-api.reepay.com/v1/session/charge',
        'https://checkout-api.reepay.com/v1/session/recurring',
      ],
    );
    const [amount, lines, recurring, charge, unpaid, saveCard] = seeds;
    const first = await send(amount);
    assert.match(first.id, /^cs_[0-9a-f]{32}$/);
    assert.equal(server.sandbox.reepay.invoices.get('order-12345').amount, 50000);
    await send(lines);
    assert.equal(server.sandbox.reepay.invoices.get('order-123456').amount, 74000);

    server.sandbox.reset();
    const withCard = await send(recurring);
    const accepted = await pay(withCard.id);
    assert.match(accepted.payment_method, /^ca_[0-9a-f]{32}$/);
    const charged = await send({ ...charge, body: { ...charge.body, source: accepted.payment_method } });
    assert.deepEqual(
      [charged.handle, charged.state, charged.amount, charged.source.card],
      ['order_101', 'authorized', 20000, accepted.payment_method],
    );

    await client.createChargeSession({ order: { handle: 'order-123452', amount: 12345, customer: { handle: 'c-1' } } });
    assert.equal(server.sandbox.reepay.sessions.get((await send(unpaid)).id).invoice, 'order-123452');
    assert.equal(server.sandbox.reepay.sessions.get((await send(saveCard)).id).type, 'recurring');

    const auth = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
    for (const { input, init } of sent) {
      assert.equal(init.headers.Authorization, auth);
      assert.equal(init.headers.Accept, 'application/json');
      assert.equal(init.headers['Content-Type'], 'application/json');
      const { pathname } = new URL(input);
      assert.ok(pathname.startsWith(pathname.includes('/v1/session/') ? '/sandbox/reepay/checkout-api/' : '/sandbox/reepay/api/'), input);
    }
  });
});

describe('ReepayClient: sessions and charges', () => {
  it('creates a subscription session and deletes a session', async () => {
    const subscription = await client.createSubscriptionSession({
      prepare_subscription: { plan: 'plan-1', create_customer: { handle: 'c-2' } },
      accept_url: 'https://shop.example/ok',
    });
    assert.match(subscription.url, /#\/subscription\/cs_/);
    const charge = await client.createChargeSession({ order: { handle: 'o-1', amount: 100, customer: { handle: 'c-2' } } });
    assert.equal(await client.deleteSession(charge.id), undefined);
    assert.equal(server.sandbox.reepay.sessions.get(charge.id).state, 'deleted');
    assert.equal((await failure(client.deleteSession(charge.id))).status, 404);
  });

  it('reads a charge, settles part of it, refunds part then the rest, and cancels another', async () => {
    const session = await client.createChargeSession({ order: { handle: 'o-2', amount: 10000, customer: { handle: 'c-3' } } });
    assert.equal((await client.getCharge('o-2')).state, 'created');
    await pay(session.id);
    assert.equal((await client.getCharge('o-2')).state, 'authorized');
    const settled = await client.settleCharge('o-2', { amount: 8000 });
    assert.deepEqual([settled.state, settled.settled_amount], ['settled', 8000]);
    const refund = await client.refundCharge('o-2', { amount: 3000, key: 'r-1' });
    assert.deepEqual([refund.state, refund.invoice, refund.amount, refund.currency], ['refunded', 'o-2', 3000, 'DKK']);
    assert.deepEqual(await client.refundCharge('o-2', { amount: 3000, key: 'r-1' }), refund);
    assert.equal((await client.refundCharge('o-2')).amount, 5000);
    const tooMuch = await failure(client.refundCharge('o-2', { amount: 1 }));
    assert.deepEqual([tooMuch.status, tooMuch.code, tooMuch.reepayCode], [400, 'Refund amount too high', 65]);

    const other = await client.createChargeSession({ order: { handle: 'o-3', amount: 500, customer: { handle: 'c-3' } } });
    await pay(other.id);
    assert.equal((await client.cancelCharge('o-3')).state, 'cancelled');
    assert.equal((await failure(client.settleCharge('o-3'))).reepayCode, 106);
  });

  it("lists a customer's saved cards, the sources a charge can use", async () => {
    const { id } = await client.createRecurringSession({ create_customer: { handle: 'c-4' } });
    const { payment_method: card } = await pay(id);
    const { cards } = await client.listPaymentMethods('c-4');
    assert.deepEqual(
      cards.map((saved) => [saved.id, saved.customer, saved.masked_card]),
      [[card, 'c-4', '424242XXXXXX4242']],
    );
    assert.equal((await client.createCharge({ handle: 'o-4', amount: 700, source: cards[0].id, settle: true })).state, 'settled');
  });
});

describe('ReepayClient: errors', () => {
  it('refuses an id that is empty, "." or ".." before any request: it would call another endpoint with the key', async () => {
    for (const [call, id] of [
      [(id) => client.getCharge(id), '..'],
      [(id) => client.getCharge(id), '.'],
      [(id) => client.getCharge(id), ''],
      [(id) => client.settleCharge(id), '..'],
      [(id) => client.cancelCharge(id), '.'],
      [(id) => client.deleteSession(id), '..'],
      [(id) => client.listPaymentMethods(id), '..'],
    ]) {
      const error = await failure(call(id));
      assert.ok(error instanceof ReepayError, id);
      assert.deepEqual([error.status, error.code], [0, 'invalid_path_segment'], id);
    }
    assert.equal(sent.length, 0);
    // Dots inside an id are the id's: percent-encoding keeps everything else in its one segment.
    assert.equal((await failure(client.getCharge('a..b'))).status, 404);
    assert.notEqual((await failure(client.getCharge('../x'))).status, 0);
    assert.deepEqual(
      sent.map(({ input }) => new URL(input).pathname),
      ['/sandbox/reepay/api/v1/charge/a..b', '/sandbox/reepay/api/v1/charge/..%2Fx'],
    );
  });

  it('is answered 400 invalid_request by the handlers, without the provider path its message names', async () => {
    const verify = createJsonHandler({}, ['POST'], ({ body }) => client.getCharge(String(body.invoice)));
    const answer = await verify(
      new Request('http://shop.example/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"invoice":".."}',
      }),
    );
    const body = await answer.json();
    assert.deepEqual([answer.status, body.error], [400, 'invalid_request']);
    assert.ok(!JSON.stringify(body).includes('/v1/'));
  });

  it("rejects with a ReepayError carrying Reepay's status, error text and numeric code", async () => {
    const error = await failure(client.getCharge('no-such-order'));
    assert.ok(error instanceof ReepayError && error instanceof ProviderApiError);
    assert.deepEqual(
      [error.name, error.provider, error.status, error.code, error.reepayCode],
      ['ReepayError', 'reepay', 404, 'Invoice not found', 16],
    );
    assert.equal(error.path, '/sandbox/reepay/api/v1/charge/no-such-order');
    assert.equal(error.retryable, false);
  });

  it('rejects a wrong key with 401 and never carries the key', async () => {
    const wrong = new ReepayClient({ privateKey: 'priv_not_the_key', checkoutApiUrl: client.checkoutApiUrl, apiUrl: client.apiUrl });
    const error = await failure(wrong.createChargeSession({ order: { handle: 'o', amount: 1, customer: { handle: 'c' } } }));
    assert.equal(error.status, 401);
    const everything = JSON.stringify({ ...error, message: error.message }) + JSON.stringify(wrong) + inspect(wrong, { showHidden: true });
    assert.doesNotMatch(everything, /priv_not_the_key|cHJpdl9ub3RfdGhlX2tleTo/);
  });

  it('gives up after its time limit, stops when aborted, and needs its key', async () => {
    const error = await failure(
      client.createChargeSession({ order: { handle: 'o', amount: 1 } }, { query: { sandbox_fault: 'hang' }, timeout: 100 }),
    );
    assert.deepEqual([error.code, error.status, error.retryable], ['timeout', 0, true]);
    const call = new AbortController();
    const pending = failure(client.getCharge('x', { query: { sandbox_fault: 'hang' }, signal: call.signal }));
    call.abort();
    assert.equal((await pending).code, 'aborted');
    assert.throws(() => new ReepayClient({ privateKey: '' }), TypeError);
    assert.equal(new ReepayClient({ privateKey: 'priv_x' }).apiUrl, 'https://api.reepay.com');
  });
});

describe('verifyReepayWebhook', () => {
  const secret = 'webhook-secret';
  const event = {
    id: '0f1e2d3c',
    event_id: 'e1',
    event_type: 'invoice_settled',
    timestamp: '2024-05-01T10:00:00.000Z',
    invoice: 'o-1',
    customer: 'c-1',
  };
  const signature = createHmac('sha256', secret)
    .update(event.timestamp + event.id)
    .digest('hex');
  const body = JSON.stringify({ ...event, signature });

  it('accepts the hex HMAC-SHA256 of timestamp + id, from the raw body or the parsed one', async () => {
    assert.deepEqual(await verifyReepayWebhook(body, secret), JSON.parse(body));
    assert.equal((await verifyReepayWebhook(Buffer.from(body), secret)).invoice, 'o-1');
    assert.equal((await verifyReepayWebhook({ ...event, signature: signature.toUpperCase() }, secret)).id, event.id);
  });

  it('refuses, with maxAgeMs, an event signed further from now than that (stale_webhook), and a timestamp that is no date', async () => {
    const signedAt = Date.parse(event.timestamp);
    const fiveMinutes = 5 * 60_000;
    assert.equal((await verifyReepayWebhook(body, secret, { maxAgeMs: fiveMinutes, now: signedAt + 60_000 })).id, event.id);
    for (const now of [signedAt + fiveMinutes + 1, signedAt - fiveMinutes - 1]) {
      const error = await failure(verifyReepayWebhook(body, secret, { maxAgeMs: fiveMinutes, now }));
      assert.ok(error instanceof ReepayError);
      assert.equal(error.code, 'stale_webhook');
    }
    const fresh = { ...event, timestamp: new Date().toISOString() };
    const signed = createHmac('sha256', secret)
      .update(fresh.timestamp + fresh.id)
      .digest('hex');
    assert.equal((await verifyReepayWebhook({ ...fresh, signature: signed }, secret, { maxAgeMs: fiveMinutes })).id, event.id);
    const notADate = { ...event, timestamp: 'yesterday' };
    const signedNotADate = createHmac('sha256', secret)
      .update(notADate.timestamp + notADate.id)
      .digest('hex');
    const error = await failure(verifyReepayWebhook({ ...notADate, signature: signedNotADate }, secret, { maxAgeMs: fiveMinutes }));
    assert.equal(error.code, 'invalid_webhook');
    for (const maxAgeMs of [0, -1, NaN, Infinity, '300000']) {
      await assert.rejects(verifyReepayWebhook(body, secret, { maxAgeMs }), TypeError, String(maxAgeMs));
    }
  });

  it('refuses another secret, a changed id or timestamp, and bodies that are no Reepay event', async () => {
    for (const [changed, key] of [
      [body, 'other'],
      [JSON.stringify({ ...event, id: 'x', signature }), secret],
      [JSON.stringify({ ...event, timestamp: 'y', signature }), secret],
      [body, ''],
    ]) {
      const error = await failure(verifyReepayWebhook(changed, key));
      assert.ok(error instanceof ReepayError);
      assert.equal(error.code, 'invalid_signature');
    }
    for (const bad of [
      'not json',
      '[]',
      JSON.stringify({ ...event, id: undefined, signature }),
      JSON.stringify({ ...event, signature: undefined }),
    ]) {
      const error = await failure(verifyReepayWebhook(bad, secret));
      assert.ok(['invalid_webhook', 'invalid_signature'].includes(error.code), bad);
    }
  });
});
