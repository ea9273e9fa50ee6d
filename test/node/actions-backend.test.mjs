// The demo merchant's action endpoints over real HTTP, through createMerchantBackend: the idempotent
// JSON charge with its failure switches, and the plain form receiver.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createMerchantBackend } from '../../demo/backend.mjs';

let origin = '';
let server;

before(async () => {
  const backend = createMerchantBackend({
    pekopay: { baseUrl: 'http://127.0.0.1:9/sandbox/pekopay', tenantId: 't', clientId: 'c', clientSecret: 's' },
  });
  server = createServer(async (req, res) => {
    if (!(await backend(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));

const PAYMENT = {
  provider: 'pekopay',
  intent: 'charge',
  customerId: 'cus_1',
  paymentToken: 'sess_0123',
  card: { last4: '4242', cardType: 'VISA' },
  savedCard: false,
  saveCard: false,
};

const charge = async (body, key, query = '') => {
  const response = await fetch(`${origin}/api/actions/charge${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
};

describe('POST /api/actions/charge', () => {
  it('charges once per Idempotency-Key and replays the answer for the same key', async () => {
    const first = await charge(PAYMENT, 'key-replay-0001');
    assert.equal(first.status, 200);
    assert.match(first.json.chargeId, /^ch_[0-9a-f]{24}$/);
    assert.deepEqual(first.json.received, PAYMENT);
    assert.equal(first.json.attempts, 1);
    const again = await charge(PAYMENT, 'key-replay-0001');
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.json.chargeId, first.json.chargeId);
    const other = await charge(PAYMENT, 'key-replay-0002');
    assert.notEqual(other.json.chargeId, first.json.chargeId);
  });

  it('refuses a request without an Idempotency-Key, and a key reused with another body', async () => {
    assert.equal((await charge(PAYMENT)).status, 400);
    await charge(PAYMENT, 'key-mismatch-01');
    const reused = await charge({ ...PAYMENT, paymentToken: 'sess_other' }, 'key-mismatch-01');
    assert.equal(reused.status, 422);
    assert.equal(reused.json.error, 'idempotency_mismatch');
  });

  it('refuses a payment without a token unless a saved card was chosen', async () => {
    const empty = await charge({ ...PAYMENT, paymentToken: '' }, 'key-invalid-01');
    assert.equal(empty.status, 422);
    assert.match(empty.json.message, /saved card/);
    const saved = await charge({ ...PAYMENT, paymentToken: '', savedCard: true }, 'key-saved-0001');
    assert.equal(saved.status, 200);
  });

  it('fails with 500 and a message for the first fail_times requests of a key, then charges', async () => {
    const failed = await charge(PAYMENT, 'key-fail-00001', '?fail=500&fail_times=2');
    assert.equal(failed.status, 500);
    assert.equal(failed.json.message, 'The payment service did not answer. Please try again.');
    assert.equal((await charge(PAYMENT, 'key-fail-00001', '?fail=500&fail_times=2')).status, 500);
    const third = await charge(PAYMENT, 'key-fail-00001', '?fail=500&fail_times=2');
    assert.equal(third.status, 200);
    assert.equal(third.json.attempts, 3);
    assert.equal((await charge(PAYMENT, 'key-fail-always', '?fail=500')).status, 500);
  });

  it('cuts the answer off with fail=network', async () => {
    await assert.rejects(charge(PAYMENT, 'key-network-01', '?fail=network&fail_times=1'), TypeError);
    assert.equal((await charge(PAYMENT, 'key-network-01', '?fail=network&fail_times=1')).status, 200);
  });

  it('answers 405 to another method', async () => {
    const response = await fetch(`${origin}/api/actions/charge`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });
});

describe('POST /api/actions/form', () => {
  it('records an ordinary form post and shows the received fields, escaped', async () => {
    const form = new URLSearchParams([
      ['order', 'o-node-1'],
      ['payment', 'sess_abc'],
      ['note', '<b>&'],
      ['tag', 'a'],
      ['tag', 'b'],
    ]);
    const response = await fetch(`${origin}/api/actions/form`, { method: 'POST', body: form });
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<pre id="received">/);
    assert.match(page, /&#60;b&#62;&#38;/);
    assert.doesNotMatch(page, /<b>/);
    const received = await (await fetch(`${origin}/api/actions/form/received`)).json();
    assert.deepEqual(received.at(-1).fields, { order: 'o-node-1', payment: 'sess_abc', note: '<b>&', tag: ['a', 'b'] });
  });

  it('refuses a body that is not a urlencoded form', async () => {
    const response = await fetch(`${origin}/api/actions/form`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 415);
  });
});
