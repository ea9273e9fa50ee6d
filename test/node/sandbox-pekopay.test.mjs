// The PekoPay sandbox over real HTTP: payment tokens (Basic auth, ttl), session lookup, tokenize outcomes.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../demo/server.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
let api = '';
const AUTH = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;
const FUTURE = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  server = await startServer({ port: 0, log: false });
  api = `${server.sandboxOrigin}/sandbox/pekopay`;
});
after(() => server.close());
beforeEach(() => server.sandbox.reset());

async function generate({ query = '', method = 'POST', auth = AUTH, tenant = 'demo-tenant' } = {}) {
  const headers = auth ? { Authorization: auth } : {};
  return fetch(`${api}/payment-token/${tenant}/generate${query}`, { method, headers });
}

async function newToken(query = '') {
  const response = await generate({ query });
  assert.equal(response.status, 200);
  return (await response.json()).token;
}

function tokenize(sessionToken, card = {}) {
  return fetch(`${api}/checkout/tokenize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      sessionToken,
      card: { number: '4242 4242 4242 4242', expiry: FUTURE, cvc: '123', name: 'Ada Lovelace', ...card },
    }),
  });
}

describe('payment-token generate', () => {
  for (const method of ['GET', 'POST']) {
    it(`issues a sess_ token on ${method} with the demo credentials`, async () => {
      const response = await generate({ method });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^application\/json/);
      assert.match((await response.json()).token, /^sess_[0-9a-f]{32}$/);
    });
  }

  it('answers 401 unauthorized without credentials', async () => {
    const response = await generate({ auth: null });
    assert.equal(response.status, 401);
    const body = await response.json();
    assert.equal(body.error, 'unauthorized');
    assert.equal(typeof body.message, 'string');
  });

  it('answers 401 unauthorized with a wrong secret', async () => {
    const response = await generate({ auth: `Basic ${Buffer.from('demo-client:nope').toString('base64')}` });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'unauthorized');
  });

  it('answers 404 for an unknown tenant', async () => {
    const response = await generate({ tenant: 'other-tenant' });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error, 'tenant_not_found');
  });

  it('refuses a ttl outside 1..3600 seconds', async () => {
    for (const ttl of ['0', '3601', 'abc', '1.5']) {
      const response = await generate({ query: `?ttl=${ttl}` });
      assert.equal(response.status, 400, `ttl=${ttl}`);
    }
  });

  it('refuses a body over 100 KB with 413', async () => {
    const response = await fetch(`${api}/payment-token/demo-tenant/generate`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(101 * 1024) }),
    });
    assert.equal(response.status, 413);
    assert.equal((await response.json()).code, 'payload_too_large');
  });
});

describe('checkout sessions', () => {
  it('reports an issued token with its expiry, one hour ahead by default', async () => {
    const token = await newToken();
    const response = await fetch(`${api}/checkout/sessions/${token}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.state, 'issued');
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `lifetime ${lifetime}`);
  });

  it('answers 404 invalid_session_token for an unknown token', async () => {
    const response = await fetch(`${api}/checkout/sessions/sess_00000000000000000000000000000000`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'invalid_session_token');
  });

  it('expires a token after its ttl: lookup and tokenize answer 401 token_expired', async () => {
    const token = await newToken('?ttl=1');
    assert.equal((await fetch(`${api}/checkout/sessions/${token}`)).status, 200);
    await sleep(1100);
    const lookup = await fetch(`${api}/checkout/sessions/${token}`);
    assert.equal(lookup.status, 401);
    assert.equal((await lookup.json()).code, 'token_expired');
    const attempt = await tokenize(token);
    assert.equal(attempt.status, 401);
    assert.equal((await attempt.json()).code, 'token_expired');
  });
});

describe('checkout tokenize', () => {
  const successCards = [
    ['4242 4242 4242 4242', 'VISA', '4242', '123'],
    ['5555 5555 5555 4444', 'MASTERCARD', '4444', '123'],
    ['3782 822463 10005', 'AMEX', '0005', '1234'],
  ];
  for (const [number, cardType, last4Digits, cvc] of successCards) {
    it(`tokenizes the ${cardType} test card`, async () => {
      const token = await newToken();
      const response = await tokenize(token, { number, cvc });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { sessionToken: token, cardData: { last4Digits, cardType } });
      const session = await (await fetch(`${api}/checkout/sessions/${token}`)).json();
      assert.equal(session.state, 'tokenized');
    });
  }

  it('keeps only last4 and brand of the card', async () => {
    const token = await newToken();
    await tokenize(token);
    const { record } = server.sandbox.pekopay.tokens.lookup(token);
    assert.deepEqual(record.card, { last4Digits: '4242', cardType: 'VISA' });
    assert.doesNotMatch(JSON.stringify(record), /424242|"123"/);
  });

  it('declines 4000 0000 0000 0002 with 402 card_declined and leaves the token usable', async () => {
    const token = await newToken();
    const declined = await tokenize(token, { number: '4000 0000 0000 0002' });
    assert.equal(declined.status, 402);
    assert.equal((await declined.json()).code, 'card_declined');
    assert.equal((await tokenize(token)).status, 200);
  });

  it('tokenizes 4000 0000 0000 0077 after about 3 seconds', async () => {
    const token = await newToken();
    const started = Date.now();
    const response = await tokenize(token, { number: '4000000000000077' });
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 2900, `took ${Date.now() - started} ms`);
  });

  it('answers 422 validation_error naming every invalid field', async () => {
    const token = await newToken();
    const response = await tokenize(token, {
      number: '4242 4242 4242 4241',
      expiry: '01/20',
      cvc: '12',
      name: ' ',
    });
    assert.equal(response.status, 422);
    const body = await response.json();
    assert.equal(body.code, 'validation_error');
    assert.deepEqual(body.fields, [
      { field: 'cardNumber', error: 'invalid' },
      { field: 'expiry', error: 'expired' },
      { field: 'cvc', error: 'incomplete' },
      { field: 'cardholderName', error: 'required' },
    ]);
  });

  it('wants a four-digit CVC for Amex', async () => {
    const token = await newToken();
    const response = await tokenize(token, { number: '378282246310005', cvc: '123' });
    assert.equal(response.status, 422);
    assert.deepEqual((await response.json()).fields, [{ field: 'cvc', error: 'incomplete' }]);
  });

  it('answers 409 token_used when a token tokenizes a second time', async () => {
    const token = await newToken();
    assert.equal((await tokenize(token)).status, 200);
    const again = await tokenize(token, { number: '5555555555554444' });
    assert.equal(again.status, 409);
    assert.equal((await again.json()).code, 'token_used');
  });

  it('answers 404 invalid_session_token for an unknown token', async () => {
    const response = await tokenize('sess_unknown');
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'invalid_session_token');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${api}/checkout/tokenize`, { method: 'POST', body: '{nope' });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).code, 'invalid_json');
  });
});

describe('sandbox housekeeping', () => {
  it('answers unknown /sandbox/ paths with 404 JSON', async () => {
    const response = await fetch(`${server.sandboxOrigin}/sandbox/nowhere`);
    assert.equal(response.status, 404);
    const body = await response.json();
    assert.equal(body.error, 'not_found');
    assert.equal(typeof body.message, 'string');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await fetch(`${api}/checkout/tokenize`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  it('forgets every token on reset()', async () => {
    const token = await newToken();
    server.sandbox.reset();
    assert.equal((await fetch(`${api}/checkout/sessions/${token}`)).status, 404);
  });

  it('lets later APIs consume a tokenized token exactly once', async () => {
    const { tokens } = server.sandbox.pekopay;
    const token = await newToken();
    assert.equal(tokens.consume(token, 'demo-tenant').error, 'token_not_tokenized');
    await tokenize(token);
    assert.equal(tokens.consume(token, 'other-tenant').error, 'invalid_session_token');
    assert.equal(tokens.consume(token, 'demo-tenant').error, null);
    assert.equal(tokens.consume(token, 'demo-tenant').error, 'token_used');
    const session = await (await fetch(`${api}/checkout/sessions/${token}`)).json();
    assert.equal(session.state, 'used');
  });
});
