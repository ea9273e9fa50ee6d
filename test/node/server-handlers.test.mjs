// What every pay-checkout/server handler shares, without a provider: CORS for the allowed origins (the preflight
// and the answers a page on another origin may read), and what the browser learns of a provider's refusal in
// a merchant's own createJsonHandler endpoint.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createJsonHandler, createPekoPayActionHandler, HandlerError, PekoPayClient, ReepayError } from 'pay-checkout/server';

const API = 'https://api.shop.example';
const SHOP = 'https://www.shop.example';
const client = new PekoPayClient({ baseUrl: 'http://127.0.0.1:9', tenantId: 't', clientId: 'c', clientSecret: 's' });

/** A call from a page of `origin` to the endpoint on `API`. */
const call = (handler, { method = 'POST', origin, headers = {}, body = method == 'POST' ? '{}' : undefined } = {}) =>
  handler(
    new Request(`${API}/pay`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(origin ? { origin } : {}), ...headers },
      body,
    }),
  );

const preflight = (handler, origin, method = 'POST') =>
  call(handler, {
    method: 'OPTIONS',
    origin,
    body: undefined,
    headers: { 'access-control-request-method': method, 'access-control-request-headers': 'content-type,idempotency-key' },
  });

describe('CORS for allowedOrigins', () => {
  const ok = createJsonHandler({ allowedOrigins: [SHOP] }, ['POST'], async () => ({ ok: true }));

  it('answers the preflight of an allowed origin: 204, that origin, the methods and the headers the element sends', async () => {
    const action = createPekoPayActionHandler({
      client,
      allowedOrigins: [`${SHOP}/`],
      order: () => assert.fail('no order on a preflight'),
    });
    for (const handler of [ok, action]) {
      const response = await preflight(handler, SHOP);
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
      assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
      assert.equal(response.headers.get('access-control-allow-headers'), 'content-type, idempotency-key');
      assert.match(response.headers.get('access-control-max-age') ?? '', /^\d+$/);
      assert.equal(response.headers.get('vary'), 'Origin');
      assert.equal(response.headers.get('access-control-allow-credentials'), null, 'no credentials: the element sends none');
      assert.equal(await response.text(), '');
    }
  });

  it('lets an allowed page of another origin read every answer, the failures too', async () => {
    const failing = createJsonHandler({ allowedOrigins: [SHOP] }, ['GET', 'POST'], async () => {
      throw new HandlerError(404, 'cart_not_found', 'No such cart.');
    });
    for (const [handler, method, status] of [
      [ok, 'POST', 200],
      [failing, 'GET', 404],
      [ok, 'PUT', 405],
      [ok, 'OPTIONS', 405], // an OPTIONS that is no preflight
    ]) {
      const response = await call(handler, { method, origin: SHOP, body: method == 'POST' ? '{}' : undefined });
      assert.equal(response.status, status, method);
      assert.equal(response.headers.get('access-control-allow-origin'), SHOP, method);
      assert.equal(response.headers.get('vary'), 'Origin', method);
    }
    const mine = createJsonHandler(
      { allowedOrigins: [SHOP], onError: () => Response.json({ mine: true }, { status: 418 }) },
      ['POST'],
      () => {
        throw new Error('x');
      },
    );
    const answered = await call(mine, { origin: SHOP });
    assert.deepEqual([answered.status, answered.headers.get('access-control-allow-origin')], [418, SHOP]);
  });

  it('refuses another origin with 403 and no CORS, preflight or not, and never answers *', async () => {
    for (const response of [await preflight(ok, 'https://evil.example'), await call(ok, { origin: 'https://evil.example' })]) {
      assert.equal(response.status, 403);
      assert.equal((await response.json()).error, 'forbidden_origin');
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    }
  });

  it('adds no CORS for the endpoint’s own origin, a request without Origin, or a handler without allowedOrigins', async () => {
    const own = createJsonHandler({ allowedOrigins: [SHOP, API] }, ['POST'], async () => ({ ok: true }));
    const open = createJsonHandler({}, ['POST'], async () => ({ ok: true }));
    for (const [handler, origin] of [
      [own, API],
      [ok, undefined],
      [open, SHOP],
    ]) {
      const response = await call(handler, { origin });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    }
    assert.equal((await preflight(open, SHOP)).status, 405, 'no allowedOrigins: no cross-origin page may call');
  });
});

describe("createJsonHandler: the provider's refusals", () => {
  const refusal = () =>
    new ReepayError({
      status: 404,
      code: 'Invoice not found',
      message: 'Invoice order-7 not found for account acc_secret_internal',
      method: 'GET',
      path: '/v1/charge/order-7',
    });

  it("passes the refusal of what the browser named on (status, code), without the provider's message", async () => {
    const handler = createJsonHandler({}, ['POST'], async () => {
      throw refusal();
    });
    const response = await call(handler);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: 'Invoice not found', message: 'Reepay refused the request.' });
  });

  it('answers 502 with passProviderRefusals: false, and onError still sees the whole error', async () => {
    const seen = [];
    const handler = createJsonHandler({ passProviderRefusals: false, onError: (error) => void seen.push(error) }, ['POST'], async () => {
      throw refusal();
    });
    const response = await call(handler);
    assert.equal(response.status, 502);
    assert.deepEqual(await response.json(), { error: 'provider_unavailable', message: 'Reepay failed to answer. Try again in a moment.' });
    assert.match(seen[0].message, /acc_secret_internal/);
  });
});
