// Helpers for the Node tests of the PekoPay sandbox, the server client and the demo backend: the sandbox's
// credentials, payment tokens with a card already tokenized (as the card frame does), JSON calls, and a
// webhook receiver that records what it was sent.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

export const TENANT = 'demo-tenant';
export const AUTH = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;
export const FUTURE_EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
export const CARDS = {
  visa: '4242 4242 4242 4242',
  visa1111: '4111 1111 1111 1111',
  mastercard: '5555 5555 5555 4444',
  declinedAtTokenize: '4000 0000 0000 0002',
  declinedAtCharge: '4000 0000 0000 0341',
};
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A JSON call with the sandbox's Basic credentials (override with `headers.Authorization`, or `null` to omit).
 * @returns {Promise<{ status: number, headers: Headers, body: any }>}
 */
export async function call(base, method, path, body, headers = {}) {
  const allHeaders = { Authorization: AUTH, ...headers };
  if (allHeaders.Authorization === null) delete allHeaders.Authorization;
  if (body !== undefined) allHeaders['Content-Type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers: allHeaders,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/**
 * A payment token whose card was tokenized through the checkout API, as after the card frame's submit.
 * @param {string} api the sandbox's PekoPay base URL
 */
export async function tokenizedToken(api, number = CARDS.visa, { ttl } = {}) {
  const generated = await call(api, 'POST', `/payment-token/${TENANT}/generate${ttl ? `?ttl=${ttl}` : ''}`);
  assert.equal(generated.status, 200);
  const { token } = generated.body;
  const cvc = number.replace(/\D/g, '').length === 15 ? '1234' : '123';
  const tokenized = await call(api, 'POST', '/checkout/tokenize', {
    sessionToken: token,
    card: { number, expiry: FUTURE_EXPIRY, cvc, name: 'Sarah Ng' },
  });
  assert.equal(tokenized.status, 200, JSON.stringify(tokenized.body));
  return token;
}

/**
 * An HTTP server that records each request (method, path, headers, raw body) and answers `status()`.
 * @param {(request: { headers: import('node:http').IncomingHttpHeaders }) => number} [status]
 */
export async function webhookReceiver(status = () => 200) {
  /** @type {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders, body: string }[]} */
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      res.writeHead(status(request), { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/webhooks`,
    received,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}
