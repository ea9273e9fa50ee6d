// The demo merchant's endpoints that receive a payment's outcome from the browser: the JSON `action`
// endpoint <pay-checkout> POSTs to (an echoing "charge", idempotent by Idempotency-Key, with switches
// to fail), and a plain form receiver for a no-JavaScript checkout, recording what it received.
// @ts-check
import { randomBytes } from 'node:crypto';
import { BoundedMap, keepLast } from '../sandbox/shared/bounded.mjs';
import { HttpError, methodNotAllowed, readBody, readJson, send, sendError, sendJson } from '../sandbox/shared/http.mjs';

const CHARGE_PATH = '/api/actions/charge';
const FORM_PATH = '/api/actions/form';
const FORM_LOG_PATH = '/api/actions/form/received';
const CHARGE_LOG_PATH = '/api/actions/charge/received';
/** Kept per backend, oldest dropped first: a demo, not a database. */
const MAX_REMEMBERED = 500;
const MAX_FORMS = 50;
const FAILURE_MESSAGE = 'The payment service did not answer. Please try again.';
const DECLINE_MESSAGE = 'Your card was declined. Use another card.';

/**
 * @typedef {object} ChargeRecord
 * @property {string} request the first request's body, as JSON: a key is for one request only
 * @property {number} attempts requests seen with this key
 * @property {Record<string, unknown>} [answer] the successful answer, replayed for a repeated key
 */

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What the charge endpoint checks before "charging": the shape <pay-checkout> posts.
 * @param {any} body
 * @returns {string | null} what is wrong, or null
 */
function invalidCharge(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object.';
  if (typeof body.provider !== 'string' || !body.provider) return 'provider is required.';
  if (typeof body.paymentToken !== 'string') return 'paymentToken is required.';
  if (!body.paymentToken && body.savedCard !== true) return 'paymentToken is empty and no saved card was chosen.';
  if (body.savedCard === true && !(body.card && typeof body.card.last4 === 'string')) return 'A saved card needs card.';
  return null;
}

/**
 * `POST /api/actions/charge`, with the backend's record of each key.
 * @param {Map<string, ChargeRecord>} charges
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
async function charge(charges, req, res, url) {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !/^[\w-]{8,128}$/.test(key)) {
    throw new HttpError(400, 'idempotency_key_required', 'An Idempotency-Key header (8 to 128 characters) is required.');
  }
  const body = await readJson(req);
  const request = JSON.stringify(body);
  const record = charges.get(key) ?? { request, attempts: 0 };
  if (record.request !== request) {
    throw new HttpError(422, 'idempotency_mismatch', 'This Idempotency-Key was used with another request.');
  }
  record.attempts++;
  charges.set(key, record);
  if (record.answer) return sendJson(res, 200, record.answer, { 'Idempotent-Replayed': 'true' });

  const fail = url.searchParams.get('fail');
  const failTimes = Number(url.searchParams.get('fail_times') ?? Infinity);
  if (fail && record.attempts <= failTimes) {
    // Cut off mid-answer: a reset before any byte would make browsers silently resend the POST.
    if (fail === 'network') return void req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"status":');
    if (fail === 'hang') return; // never answers: the connection ends when the client gives up
    // A decline: refused for good, the element lets the token go.
    if (fail === '402') return sendError(res, 402, 'payment_declined', DECLINE_MESSAGE);
    // The same key still being charged (409): the element posts it again, later.
    if (fail === '409') return sendError(res, 409, 'in_progress', FAILURE_MESSAGE);
    return sendError(res, 500, 'charge_failed', FAILURE_MESSAGE);
  }
  const problem = invalidCharge(body);
  if (problem) throw new HttpError(422, 'invalid_request', problem);
  record.answer = {
    chargeId: `ch_${randomBytes(12).toString('hex')}`,
    status: 'succeeded',
    idempotencyKey: key,
    attempts: record.attempts,
    received: body,
  };
  sendJson(res, 200, record.answer);
}

/**
 * `POST /api/actions/form`, kept in `forms`.
 * @param {{ fields: Record<string, string | string[]>, receivedAt: string }[]} forms
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function receiveForm(forms, req, res) {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  /** @type {Record<string, string | string[]>} */
  const fields = {};
  for (const [name, value] of new URLSearchParams((await readBody(req)).toString('utf8'))) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [seen, value].flat();
  }
  forms.push({ fields, receivedAt: new Date().toISOString() });
  keepLast(forms, MAX_FORMS);
  const page =
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Order received</title>' +
    `<h1>Order received</h1><pre id="received">${escapeHtml(JSON.stringify(fields, null, 2))}</pre></html>`;
  send(res, 200, page, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
  });
}

/**
 * `POST /api/actions/charge` — the `action` endpoint. Answers `200 { chargeId, status: "succeeded",
 * idempotencyKey, attempts, received }`; the same key again replays that answer (`Idempotent-Replayed:
 * true`) and never charges twice; the same key with another body is refused (422). Switches in the
 * query: `fail=500` (answer 500 with a JSON `message`), `fail=402` (a decline), `fail=409` (the key still in
 * progress), `fail=network` (cut the answer off) or `fail=hang` (never answer), for the first `fail_times`
 * requests of each key (default: every request).
 *
 * `POST /api/actions/form` — an ordinary form post (`application/x-www-form-urlencoded`): records the
 * fields and answers a small HTML page showing them (`<pre id="received">` holds them as JSON).
 * `GET /api/actions/form/received` — the recorded form posts, oldest first.
 * `GET /api/actions/charge/received` — each key's requests so far: `[{ idempotencyKey, attempts, charged }]`.
 *
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createActionsBackend() {
  /** @type {BoundedMap<string, ChargeRecord>} */
  const charges = new BoundedMap({ max: MAX_REMEMBERED });
  /** @type {{ fields: Record<string, string | string[]>, receivedAt: string }[]} */
  const forms = [];

  return async function handleActionsRequest(req, res) {
    const url = new URL(req.url ?? '/', 'http://merchant.invalid');
    /** @type {Record<string, { method: string, run: () => unknown }>} */
    const routes = {
      [CHARGE_PATH]: { method: 'POST', run: () => charge(charges, req, res, url) },
      [FORM_PATH]: { method: 'POST', run: () => receiveForm(forms, req, res) },
      [FORM_LOG_PATH]: { method: 'GET', run: () => sendJson(res, 200, forms) },
      [CHARGE_LOG_PATH]: {
        method: 'GET',
        run: () =>
          sendJson(
            res,
            200,
            [...charges].map(([idempotencyKey, { attempts, answer }]) => ({ idempotencyKey, attempts, charged: !!answer })),
          ),
      },
    };
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!route) return false;
    try {
      if (req.method !== route.method) methodNotAllowed(res, [route.method], req.method);
      await route.run();
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(res, error.status, error.code, error.message, error.extra);
    }
    return true;
  };
}
