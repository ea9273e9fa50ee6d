// What every pay-checkout/server handler shares, without a provider: what the browser learns of a provider's
// refusal in a merchant's own createJsonHandler endpoint.
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
