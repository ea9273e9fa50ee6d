// The Reepay stand-in: the Checkout API (charge, recurring and subscription sessions), the charge API (a
// saved `ca_…` as source), Basic auth with a `priv_` key, errors shaped like Reepay's, and the internal API
// the sandbox's hosted checkout page calls. Everything is in memory.
// @ts-check
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { checkCard, digitsOf } from '../pekopay/frame/card-rules.js';
import { OFFLINE_SESSION, SESSION_ERRORS } from '../reepay/checkout/offline-api.js';
import { delayWhileConnected, parseBasicAuth, readBody, send, sendJson } from './http.mjs';

export const REEPAY_PRIVATE_KEY = 'priv_sandbox_demo';
/** The account's defaults, used when a request leaves them out. */
const ACCOUNT_CURRENCY = 'DKK';
const ACCOUNT_VAT = 0.25;
const MAX_TTL_SECONDS = 30 * 24 * 3600;
/** Per account unique references: `[a-zA-Z0-9_.-@]`, at most 255. */
const HANDLE = /^[\w.@-]{1,255}$/;
const SESSION_ID = /^cs_[0-9a-f]{32}$/;
/** Test cards that do something other than succeed. */
const DECLINED_CARD = '4000000000000002';
const SLOW_CARD = '4000000000000077';
/** Saves fine, but every later charge with it fails with insufficient funds. */
const EMPTY_ACCOUNT_CARD = '4000000000000341';
const SLOW_CARD_DELAY_MS = 3000;
const CARD_TYPES = /** @type {Record<string, string>} */ ({ VISA: 'visa', MASTERCARD: 'mc', AMEX: 'amex' });
const HTTP_REASONS = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
});

/**
 * A failure answered in Reepay's error shape: `{ code, error, message, path, timestamp, http_status,
 * http_reason, request_id }`.
 */
export class ReepayError extends Error {
  /**
   * @param {number} status
   * @param {number} code Reepay's numeric error code
   * @param {string} error Reepay's short error text
   * @param {string} [message] what exactly was wrong
   */
  constructor(status, code, error, message) {
    super(message ?? error);
    this.status = status;
    this.code = code;
    this.error = error;
    this.detail = message;
  }
}

/** @param {string} message */
export const invalidParameter = (message) => new ReepayError(400, 3, 'Invalid parameter(s)', message);
/** @param {string} message */
const invalidRequest = (message) => new ReepayError(400, 1, 'Invalid request', message);

/**
 * @typedef {object} Customer
 * @property {string} handle
 * @property {string | null} email
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {string | null} phone
 * @property {string} created
 *
 * @typedef {object} OrderLine
 * @property {string} id
 * @property {string} ordertext
 * @property {number} amount total of the line, VAT included
 * @property {number} vat
 * @property {number} quantity
 * @property {number} unit_amount VAT included
 * @property {number} amount_vat
 * @property {number} amount_ex_vat
 * @property {boolean} amount_defined_incl_vat
 *
 * @typedef {object} Invoice a charge: one per handle
 * @property {string} handle
 * @property {'created' | 'authorized' | 'settled' | 'failed' | 'cancelled'} state
 * @property {string} customer
 * @property {number} amount
 * @property {string} currency
 * @property {string | null} ordertext
 * @property {OrderLine[]} order_lines
 * @property {string} created
 * @property {string} [authorized]
 * @property {string} [settled]
 * @property {string} [transaction]
 * @property {string} [error]
 * @property {string} [error_state]
 * @property {Record<string, unknown>} [source]
 * @property {string} [recurring_payment_method]
 * @property {string} [cancelled]
 * @property {number} [settled_amount] less than `amount` after a partial settle
 * @property {number} [refunded_amount]
 *
 * @typedef {object} PaymentMethod
 * @property {string} id `ca_…`
 * @property {'active'} state
 * @property {string} customer
 * @property {string} card_type
 * @property {string} masked_card
 * @property {string} exp_date `MM-YY`
 * @property {string} fingerprint
 * @property {string} created
 * @property {boolean} emptyAccount charges with it fail (test card 4000 0000 0000 0341)
 *
 * @typedef {object} Subscription
 * @property {string} handle
 * @property {'pending' | 'active'} state
 * @property {string} plan
 * @property {string} customer
 * @property {string | null} payment_method
 * @property {string} created
 *
 * @typedef {object} Session
 * @property {string} id
 * @property {'charge' | 'recurring' | 'subscription'} type
 * @property {'created' | 'completed' | 'deleted'} state
 * @property {number} expiresAt epoch ms
 * @property {string} customer
 * @property {string} [invoice]
 * @property {string} [subscription]
 * @property {boolean} recurring a charge session that also saves the card
 * @property {boolean} settle
 * @property {string | null} accept_url
 * @property {string | null} cancel_url
 * @property {Record<string, string>} [result] the accept parameters once completed
 */

/**
 * @param {{ now?: () => number }} [options]
 */
export function createReepayStore({ now = Date.now } = {}) {
  const store = {
    now,
    /** @type {Map<string, Customer>} */
    customers: new Map(),
    /** @type {Map<string, Invoice>} */
    invoices: new Map(),
    /** @type {Map<string, PaymentMethod>} */
    paymentMethods: new Map(),
    /** @type {Map<string, Subscription>} */
    subscriptions: new Map(),
    /** @type {Map<string, Session>} */
    sessions: new Map(),
    /** Charge results by `handle` + idempotency `key`. @type {Map<string, Record<string, unknown>>} */
    idempotent: new Map(),
    customerSequence: 0,
    clear() {
      for (const map of [store.customers, store.invoices, store.paymentMethods, store.subscriptions, store.sessions, store.idempotent]) {
        map.clear();
      }
      store.customerSequence = 0;
    },
  };
  return store;
}

/** @typedef {ReturnType<typeof createReepayStore>} ReepayStore */

export const hex = (bytes = 16) => randomBytes(bytes).toString('hex');
/** @param {ReepayStore} store */
export const iso = (store) => new Date(store.now()).toISOString();

/**
 * Parses the first JSON value of `text` and ignores what follows it, as Java's Jackson does by default
 * (an assumption about Reepay's parser). The seed's recurring-session example has a stray `}` that closes
 * the object early; Reepay accepts it and never sees the fields after it, and so does the sandbox.
 * @param {string} text
 */
export function parseLeadingJson(text) {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: maybe a complete value followed by trailing content
  }
  if (trimmed[0] !== '{' && trimmed[0] !== '[') throw invalidRequest('The request body is not valid JSON.');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        try {
          return JSON.parse(trimmed.slice(0, i + 1));
        } catch {
          break;
        }
      }
    }
  }
  throw invalidRequest('The request body is not valid JSON.');
}

/** @param {import('node:http').IncomingMessage} req */
export async function readReepayJson(req) {
  let raw;
  try {
    raw = await readBody(req);
  } catch {
    throw new ReepayError(413, 1, 'Invalid request', 'Request bodies are limited to 100 KB.');
  }
  const text = raw.toString('utf8');
  const body = text.trim() ? parseLeadingJson(text) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  return /** @type {Record<string, any>} */ (body);
}

/**
 * @param {string} given
 * @param {string} expected
 */
function safeEqual(given, expected) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reepay takes the private key as the Basic user name; the password is ignored. @param {import('node:http').IncomingMessage} req */
function authorize(req) {
  const auth = parseBasicAuth(req);
  if (!auth || !safeEqual(auth.user, REEPAY_PRIVATE_KEY)) {
    throw new ReepayError(401, 401, 'Unauthorized', `Basic auth with the private key as user is required (sandbox: ${REEPAY_PRIVATE_KEY}).`);
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {ReepayError} error
 */
function sendReepayError(res, url, error) {
  sendJson(res, error.status, {
    code: error.code,
    error: error.error,
    ...(error.detail ? { message: error.detail } : {}),
    path: url.pathname,
    timestamp: new Date().toISOString(),
    http_status: error.status,
    http_reason: HTTP_REASONS[error.status] ?? 'Error',
    request_id: hex(),
  });
}

/**
 * Wraps a public API handler: Basic auth first, Reepay-shaped errors.
 * @param {(ctx: import('./index.mjs').RequestContext, params: Record<string, string>) => Promise<void> | void} handler
 * @returns {(ctx: import('./index.mjs').RequestContext, params: Record<string, string>) => Promise<void>}
 */
export const api = (handler) => async (ctx, params) => {
  try {
    authorize(ctx.req);
    await handler(ctx, params);
  } catch (error) {
    if (!(error instanceof ReepayError)) throw error;
    ctx.req.resume();
    sendReepayError(ctx.res, ctx.url, error);
  }
};

// ── validation helpers ────────────────────────────────────────────────────────────────────────────────

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
export function optionalString(value, name, max = 1024) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw invalidParameter(`${name} must be a string of at most ${max} characters.`);
  return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
function optionalBoolean(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(`${name} must be true or false.`);
  return value;
}

/**
 * Reepay's "either this argument must be provided or that one".
 * @param {Record<string, unknown>} body
 * @param {string} one
 * @param {string} other
 */
function exactlyOne(body, one, other) {
  if ((body[one] === undefined) === (body[other] === undefined)) {
    throw invalidParameter(`Either ${one} or ${other} must be provided.`);
  }
}

/**
 * @param {unknown} value
 * @param {string} name
 */
function handleOf(value, name) {
  if (typeof value !== 'string' || !HANDLE.test(value)) {
    throw invalidParameter(`${name} must be 1 to 255 characters of a-z, A-Z, 0-9, _ . - @.`);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
function returnUrl(value, name) {
  const text = optionalString(value, name, 2048);
  if (text === undefined) return null;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // refused below
  }
  throw invalidParameter(`${name} must be an absolute http(s) URL.`);
}

/**
 * An ISO-8601 duration such as `PT3H` or `P1DT30M`, in milliseconds.
 * @param {unknown} value
 * @param {number} fallbackSeconds
 */
function ttlOf(value, fallbackSeconds) {
  if (value === undefined || value === null) return fallbackSeconds * 1000;
  const match = typeof value === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value) : null;
  const seconds = match
    ? Number(match[1] ?? 0) * 86400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0)
    : NaN;
  if (!(seconds > 0) || seconds > MAX_TTL_SECONDS || (typeof value === 'string' && value.endsWith('T'))) {
    throw invalidParameter('ttl must be an ISO-8601 duration such as PT3H, at most 30 days.');
  }
  return seconds * 1000;
}

/**
 * @param {unknown} value
 * @param {string} name
 */
export function integerOf(value, name, min = 0) {
  if (!Number.isSafeInteger(value) || /** @type {number} */ (value) < min) {
    throw invalidParameter(`${name} must be an integer of at least ${min} (minor units).`);
  }
  return /** @type {number} */ (value);
}

/**
 * Computes order lines as Reepay does: `amount` per unit, VAT included unless `amount_incl_vat` is false
 * (then VAT is added on top); `vat` defaults to the account's rate.
 * @param {unknown} lines
 * @returns {OrderLine[]}
 */
function orderLinesOf(lines) {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 100) {
    throw invalidParameter('order_lines must be a list of 1 to 100 order lines.');
  }
  return lines.map((line, index) => {
    const name = `order_lines[${index}]`;
    if (typeof line !== 'object' || line === null) throw invalidParameter(`${name} must be an object.`);
    const ordertext = optionalString(line.ordertext, `${name}.ordertext`);
    if (!ordertext) throw invalidParameter(`${name}.ordertext is required.`);
    if (!Number.isSafeInteger(line.amount)) throw invalidParameter(`${name}.amount must be an integer (minor units).`);
    const quantity = line.quantity === undefined ? 1 : integerOf(line.quantity, `${name}.quantity`, 1);
    const vat = line.vat === undefined || line.vat === null ? ACCOUNT_VAT : Number(line.vat);
    if (typeof (line.vat ?? 0) !== 'number' || !(vat >= 0 && vat <= 1)) throw invalidParameter(`${name}.vat must be a number from 0 to 1.`);
    const inclVat = optionalBoolean(line.amount_incl_vat, `${name}.amount_incl_vat`) ?? true;
    const unit = inclVat ? line.amount : Math.round(line.amount * (1 + vat));
    const amount = unit * quantity;
    const exVat = inclVat ? Math.round(amount / (1 + vat)) : line.amount * quantity;
    return {
      id: `ol_${hex(8)}`,
      ordertext,
      amount,
      vat,
      quantity,
      unit_amount: unit,
      amount_vat: amount - exVat,
      amount_ex_vat: exVat,
      amount_defined_incl_vat: inclVat,
    };
  });
}

// ── customers, invoices, sessions ─────────────────────────────────────────────────────────────────────

/**
 * A create-customer object: the existing customer when its handle is known, else a new one.
 * @param {ReepayStore} store
 * @param {unknown} value
 * @param {string} name
 */
function customerFrom(store, value, name) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter(`${name} must be an object.`);
  const input = /** @type {Record<string, unknown>} */ (value);
  let handle;
  if (input.handle !== undefined) handle = handleOf(input.handle, `${name}.handle`);
  else if (input.generate_handle === true) handle = `cust-${String(++store.customerSequence).padStart(4, '0')}`;
  else throw invalidParameter(`${name}.handle is required unless generate_handle is true.`);
  const existing = store.customers.get(handle);
  if (existing) return existing;
  /** @type {Customer} */
  const customer = {
    handle,
    email: optionalString(input.email, `${name}.email`, 255) ?? null,
    first_name: optionalString(input.first_name, `${name}.first_name`, 255) ?? null,
    last_name: optionalString(input.last_name, `${name}.last_name`, 255) ?? null,
    phone: optionalString(input.phone, `${name}.phone`, 64) ?? null,
    created: iso(store),
  };
  store.customers.set(handle, customer);
  return customer;
}

/**
 * @param {ReepayStore} store
 * @param {unknown} handle
 */
export function existingCustomer(store, handle) {
  const customer = store.customers.get(handleOf(handle, 'customer'));
  if (!customer) throw new ReepayError(404, 9, 'Customer not found', `No customer "${handle}".`);
  return customer;
}

/** An invoice can be paid only in these states. @param {Invoice} invoice */
function assertPayable(invoice) {
  if (invoice.state === 'settled') throw new ReepayError(400, 79, 'Invoice already settled');
  if (invoice.state === 'authorized') throw new ReepayError(400, 105, 'Invoice already authorized');
  if (invoice.state === 'cancelled') throw new ReepayError(400, 29, 'Invoice already cancelled');
}

/**
 * @param {ReepayStore} store
 * @param {unknown} handle
 */
export function existingInvoice(store, handle) {
  const invoice = store.invoices.get(handleOf(handle, 'invoice'));
  if (!invoice) throw new ReepayError(404, 16, 'Invoice not found', `No invoice or charge "${handle}".`);
  return invoice;
}

/**
 * The invoice an `order` (or a charge request) describes: a new one, or the existing unpaid one with its
 * handle, its amount adjusted. Exactly one of `amount` and `order_lines` for a new invoice.
 * @param {ReepayStore} store
 * @param {Record<string, any>} order
 * @param {Customer | undefined} impliedCustomer the saved card's owner, for charges
 */
function invoiceFromOrder(store, order, impliedCustomer) {
  const handle = handleOf(order.handle, 'handle');
  const existing = store.invoices.get(handle);
  if (existing) assertPayable(existing);
  const hasAmount = order.amount !== undefined;
  const hasLines = order.order_lines !== undefined;
  if (hasAmount && hasLines) throw invalidParameter('Either amount or order_lines must be provided, not both.');
  if (!hasAmount && !hasLines && !existing) throw invalidParameter('Either amount or order_lines must be provided.');
  const ordertext = optionalString(order.ordertext, 'ordertext') ?? null;
  const currency = optionalString(order.currency, 'currency', 3);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw invalidParameter('currency must be an ISO 4217 code such as DKK.');
  let customer = impliedCustomer;
  if (order.customer !== undefined) customer = customerFrom(store, order.customer, 'customer');
  else if (order.customer_handle !== undefined) customer = existingCustomer(store, order.customer_handle);
  if (impliedCustomer && customer !== impliedCustomer) {
    throw invalidParameter('The customer does not own the payment method given as source.');
  }
  customer ??= existing ? store.customers.get(existing.customer) : undefined;
  if (!customer) throw new ReepayError(400, 18, 'Customer could not be determined', 'Give customer, customer_handle or a saved payment method.');
  if (existing && existing.customer !== customer.handle) throw invalidParameter('The customer of an existing invoice cannot be changed.');
  if (existing && currency && currency !== existing.currency) throw invalidParameter('The currency of an existing invoice cannot be changed.');
  const lines = hasLines
    ? orderLinesOf(order.order_lines)
    : hasAmount
      ? orderLinesOf([{ ordertext: ordertext ?? 'Order', amount: integerOf(order.amount, 'amount', 1) }])
      : /** @type {Invoice} */ (existing).order_lines;
  const amount = lines.reduce((sum, line) => sum + line.amount, 0);
  if (amount < 1) throw invalidParameter('The order total must be positive.');
  /** @type {Invoice} */
  const invoice = existing ?? {
    handle,
    state: 'created',
    customer: customer.handle,
    amount,
    currency: currency ?? ACCOUNT_CURRENCY,
    ordertext,
    order_lines: lines,
    created: iso(store),
  };
  Object.assign(invoice, { amount, order_lines: lines, ordertext: ordertext ?? invoice.ordertext });
  store.invoices.set(handle, invoice);
  return invoice;
}

/**
 * @param {ReepayStore} store
 * @param {Omit<Session, 'id' | 'state' | 'expiresAt'>} fields
 * @param {number} ttlMs
 */
function createSession(store, fields, ttlMs) {
  /** @type {Session} */
  let id;
  // Offline ids (the hosted page's offline mode) are never issued, so they can never reach a real session.
  do id = `cs_${hex()}`;
  while (OFFLINE_SESSION.test(id));
  const session = { id, state: 'created', expiresAt: store.now() + ttlMs, ...fields };
  store.sessions.set(session.id, session);
  return session;
}

/**
 * The hosted page's URL for a session: always the 127.0.0.1 origin (another origin than the pages on
 * localhost), on the port the API was called on.
 * @param {import('node:http').IncomingMessage} req
 * @param {string} pageBase
 * @param {Session} session
 */
function sessionUrl(req, pageBase, session) {
  const { port } = new URL(`http://${req.headers.host || 'localhost'}`);
  const kind = session.type === 'subscription' ? 'subscription/' : '';
  return `http://127.0.0.1${port ? `:${port}` : ''}${pageBase}/#/${kind}${session.id}`;
}

/**
 * @param {string | null} base
 * @param {Record<string, string | undefined>} params
 */
function withParams(base, params) {
  if (!base) return null;
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.href;
}

/**
 * Where the checkout sends the payer when they cancel: the session id (and the invoice of a charge session).
 * @param {Session} session
 */
const cancelUrlOf = (session) => withParams(session.cancel_url, { id: session.id, invoice: session.invoice });

/**
 * The charge object Reepay's charge API answers.
 * @param {Invoice} invoice
 */
export function chargeOf(invoice) {
  const { handle, state, customer, amount, currency, created, order_lines, ordertext, ...rest } = invoice;
  return {
    handle,
    state,
    customer,
    amount,
    currency,
    created,
    ...(rest.authorized ? { authorized: rest.authorized } : {}),
    ...(rest.settled ? { settled: rest.settled } : {}),
    ...(rest.transaction ? { transaction: rest.transaction } : {}),
    ...(rest.error ? { error: rest.error, error_state: rest.error_state } : {}),
    ...(rest.source ? { source: rest.source } : {}),
    ...(rest.recurring_payment_method ? { recurring_payment_method: rest.recurring_payment_method } : {}),
    ...(rest.cancelled ? { cancelled: rest.cancelled } : {}),
    order_lines,
    refunded_amount: rest.refunded_amount ?? 0,
    authorized_amount: state === 'authorized' || state === 'settled' ? amount : 0,
    settled_amount: state === 'settled' ? rest.settled_amount ?? amount : 0,
  };
}

/**
 * @param {PaymentMethod} card
 */
const sourceOf = (card) => ({
  type: 'card',
  card: card.id,
  fingerprint: card.fingerprint,
  provider: 'reepay',
  card_type: card.card_type,
  exp_date: card.exp_date,
  masked_card: card.masked_card,
});

/**
 * Marks `invoice` paid with `card`: authorized, or settled when `settle`.
 * @param {ReepayStore} store
 * @param {Invoice} invoice
 * @param {PaymentMethod | Record<string, unknown>} source
 * @param {boolean} settle
 */
function pay(store, invoice, source, settle) {
  const now = iso(store);
  Object.assign(invoice, {
    state: settle ? 'settled' : 'authorized',
    authorized: now,
    ...(settle ? { settled: now } : {}),
    transaction: hex(),
    source,
  });
  delete invoice.error;
  delete invoice.error_state;
}

/**
 * @param {ReepayStore} store
 * @param {string} customer
 * @param {string} digits
 * @param {string} brand
 * @param {string} expiry `MM/YY`
 */
function saveCard(store, customer, digits, brand, expiry) {
  /** @type {PaymentMethod} */
  const card = {
    id: `ca_${hex()}`,
    state: 'active',
    customer,
    card_type: CARD_TYPES[brand] ?? 'unknown',
    masked_card: `${digits.slice(0, 6)}XXXXXX${digits.slice(-4)}`,
    exp_date: expiry.replace(/\s/g, '').replace('/', '-'),
    fingerprint: `cst_${hex()}`,
    created: iso(store),
    emptyAccount: digits === EMPTY_ACCOUNT_CARD,
  };
  store.paymentMethods.set(card.id, card);
  return card;
}

/**
 * Registers the Reepay routes.
 * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
 * @param {{ checkoutApiBase: string, apiBase: string, pageBase: string, store: ReepayStore, sessionTtlSeconds: number }} options
 */
export function registerReepayRoutes(router, { checkoutApiBase, apiBase, pageBase, store, sessionTtlSeconds }) {
  /**
   * A session-creating route: `describe` reads what is particular to the kind of session; accept_url,
   * cancel_url and ttl are common to all.
   * @param {string} path
   * @param {(body: Record<string, any>) => Omit<Session, 'id' | 'state' | 'expiresAt' | 'accept_url' | 'cancel_url'>} describe
   */
  const sessionRoute = (path, describe) =>
    router.on('POST', `${checkoutApiBase}${path}`, api(async ({ req, res }) => {
      const body = await readReepayJson(req);
      const urls = { accept_url: returnUrl(body.accept_url, 'accept_url'), cancel_url: returnUrl(body.cancel_url, 'cancel_url') };
      const ttlMs = ttlOf(body.ttl, sessionTtlSeconds);
      const session = createSession(store, { ...describe(body), ...urls }, ttlMs);
      sendJson(res, 200, { id: session.id, url: sessionUrl(req, pageBase, session) });
    }));

  sessionRoute('/v1/session/charge', (body) => {
    const recurring = optionalBoolean(body.recurring, 'recurring') ?? false;
    const settle = optionalBoolean(body.settle, 'settle') ?? false;
    exactlyOne(body, 'order', 'invoice');
    let invoice;
    if (body.invoice !== undefined) {
      invoice = existingInvoice(store, body.invoice);
      assertPayable(invoice);
    } else {
      if (typeof body.order !== 'object' || body.order === null) throw invalidParameter('order must be an object.');
      invoice = invoiceFromOrder(store, body.order, undefined);
    }
    return { type: 'charge', customer: invoice.customer, invoice: invoice.handle, recurring, settle };
  });

  sessionRoute('/v1/session/recurring', (body) => {
    exactlyOne(body, 'customer', 'create_customer');
    const customer =
      body.customer !== undefined ? existingCustomer(store, body.customer) : customerFrom(store, body.create_customer, 'create_customer');
    return { type: 'recurring', customer: customer.handle, recurring: true, settle: false };
  });

  sessionRoute('/v1/session/subscription', (body) => {
    exactlyOne(body, 'subscription', 'prepare_subscription');
    let subscription;
    if (body.subscription !== undefined) {
      subscription = store.subscriptions.get(handleOf(body.subscription, 'subscription'));
      if (!subscription) throw new ReepayError(404, 10, 'Subscription not found', `No subscription "${body.subscription}".`);
    } else {
      const prepare = body.prepare_subscription;
      if (typeof prepare !== 'object' || prepare === null) throw invalidParameter('prepare_subscription must be an object.');
      const plan = handleOf(prepare.plan, 'prepare_subscription.plan');
      const customer =
        prepare.create_customer !== undefined
          ? customerFrom(store, prepare.create_customer, 'prepare_subscription.create_customer')
          : existingCustomer(store, prepare.customer);
      const handle = prepare.handle !== undefined ? handleOf(prepare.handle, 'prepare_subscription.handle') : `sub-${hex(4)}`;
      if (store.subscriptions.has(handle)) throw new ReepayError(400, 11, 'Duplicate handle provided', `Subscription "${handle}" exists.`);
      subscription = { handle, state: /** @type {const} */ ('pending'), plan, customer: customer.handle, payment_method: null, created: iso(store) };
      store.subscriptions.set(handle, subscription);
    }
    return { type: 'subscription', customer: subscription.customer, subscription: subscription.handle, recurring: true, settle: false };
  });

  router.on('DELETE', `${checkoutApiBase}/v1/session/:id`, api(({ res }, { id }) => {
    const session = store.sessions.get(id);
    if (!session || session.state === 'deleted') throw new ReepayError(404, 1, 'Session not found', `No session "${id}".`);
    session.state = 'deleted';
    send(res, 200, '', {});
  }));

  router.on('POST', `${apiBase}/v1/charge`, api(async ({ req, res }) => {
    const body = await readReepayJson(req);
    const handle = handleOf(body.handle, 'handle');
    const key = optionalString(body.key, 'key', 255);
    const replay = key && store.idempotent.get(`${handle}\n${key}`);
    if (replay) return sendJson(res, 200, replay);
    if (typeof body.source !== 'string' || !body.source) throw invalidParameter('source is required (a saved payment method ca_…).');
    if (!body.source.startsWith('ca_')) throw invalidParameter('The sandbox charges saved cards (ca_…) only.');
    const card = store.paymentMethods.get(body.source);
    if (!card) throw new ReepayError(404, 40, 'Payment method not found', `No payment method "${body.source}".`);
    const settle = optionalBoolean(body.settle, 'settle') ?? false;
    const invoice = invoiceFromOrder(store, body, store.customers.get(card.customer));
    if (card.emptyAccount) {
      Object.assign(invoice, { state: 'failed', error: 'insufficient_funds', error_state: 'soft_declined', transaction: hex(), source: sourceOf(card) });
    } else {
      pay(store, invoice, sourceOf(card), settle);
    }
    const charge = chargeOf(invoice);
    if (key) store.idempotent.set(`${handle}\n${key}`, charge);
    sendJson(res, 200, charge);
  }));

  router.on('GET', `${apiBase}/v1/charge/:handle`, api(({ res }, { handle }) => {
    sendJson(res, 200, chargeOf(existingInvoice(store, handle)));
  }));

  router.on('GET', `${apiBase}/v1/customer/:handle`, api(({ res }, { handle }) => {
    sendJson(res, 200, existingCustomer(store, handle));
  }));

  router.on('GET', `${apiBase}/v1/payment_method/:id`, api(({ res }, { id }) => {
    const card = store.paymentMethods.get(id);
    if (!card) throw new ReepayError(404, 40, 'Payment method not found', `No payment method "${id}".`);
    const { emptyAccount, ...visible } = card;
    sendJson(res, 200, { ...visible, type: 'card' });
  }));

  router.on('GET', `${apiBase}/v1/subscription/:handle`, api(({ res }, { handle }) => {
    const subscription = store.subscriptions.get(handle);
    if (!subscription) throw new ReepayError(404, 10, 'Subscription not found', `No subscription "${handle}".`);
    sendJson(res, 200, subscription);
  }));

  registerCheckoutPageRoutes(router, `${pageBase}/api`, store);
}

// ── the internal API of the hosted checkout page ──────────────────────────────────────────────────────

/**
 * The session a hosted page asks about, or the error string it reports to the parent window
 * (`error.session.…`). The session id is the credential, as for Reepay's own page.
 * @param {ReepayStore} store
 * @param {string} id
 */
function openSession(store, id) {
  const session = SESSION_ID.test(id) && !OFFLINE_SESSION.test(id) ? store.sessions.get(id) : undefined;
  if (!session || session.state === 'deleted') throw sessionError('error.session.not_found');
  if (session.state === 'completed') throw sessionError('error.session.already_completed');
  if (store.now() >= session.expiresAt) throw sessionError('error.session.expired');
  return session;
}

/** @param {keyof typeof SESSION_ERRORS} error */
const sessionError = (error) => new PageError(SESSION_ERRORS[error][0], error, SESSION_ERRORS[error][1]);

class PageError extends Error {
  /**
   * @param {number} status
   * @param {string} error
   * @param {string} message
   * @param {Record<string, unknown>} [extra]
   */
  constructor(status, error, message, extra = {}) {
    super(message);
    this.status = status;
    this.error = error;
    this.extra = extra;
  }
}

/**
 * @param {(ctx: import('./index.mjs').RequestContext, params: Record<string, string>) => Promise<void> | void} handler
 * @returns {(ctx: import('./index.mjs').RequestContext, params: Record<string, string>) => Promise<void>}
 */
const page = (handler) => async (ctx, params) => {
  try {
    await handler(ctx, params);
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    sendJson(ctx.res, error.status, { error: error.error, message: error.message, ...error.extra });
  }
};

/**
 * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
 * @param {string} base
 * @param {ReepayStore} store
 */
function registerCheckoutPageRoutes(router, base, store) {
  router.on('GET', `${base}/sessions/:id`, page(({ res }, { id }) => {
    const session = openSession(store, id);
    const invoice = session.invoice ? store.invoices.get(session.invoice) : undefined;
    const subscription = session.subscription ? store.subscriptions.get(session.subscription) : undefined;
    sendJson(res, 200, {
      id: session.id,
      type: session.type,
      expires: new Date(session.expiresAt).toISOString(),
      customer: session.customer,
      recurring: session.recurring,
      ...(invoice && {
        invoice: invoice.handle,
        amount: invoice.amount,
        currency: invoice.currency,
        order_lines: invoice.order_lines.map(({ ordertext, quantity, amount }) => ({ ordertext, quantity, amount })),
      }),
      ...(subscription && { plan: subscription.plan }),
      cancel_url: cancelUrlOf(session),
    });
  }));

  router.on('POST', `${base}/sessions/:id/pay`, page(async ({ req, res }, { id }) => {
    let body;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    } catch {
      throw new PageError(400, 'invalid_request', 'The request body is not valid JSON.');
    }
    const session = openSession(store, id);
    const card = body?.card ?? {};
    const input = ['number', 'expiry', 'cvc', 'name'].map((key) => (typeof card[key] === 'string' ? card[key] : ''));
    const [number, expiry, cvc, name] = input;
    const checked = checkCard({ number, expiry, cvc, name });
    if (!checked.isValid || !checked.brand) {
      const fields = Object.entries(checked.fields)
        .filter(([, field]) => !field.isValid)
        .map(([field, { error }]) => ({ field, error }));
      throw new PageError(422, 'validation_error', 'The card details are not valid.', { fields });
    }
    const digits = digitsOf(number);
    const invoice = session.invoice ? store.invoices.get(session.invoice) : undefined;
    if (invoice && invoice.state !== 'created' && invoice.state !== 'failed') {
      throw new PageError(409, 'error.session.already_completed', 'This invoice is already paid.');
    }
    if (digits === DECLINED_CARD) {
      if (invoice) Object.assign(invoice, { state: 'failed', error: 'credit_card_declined', error_state: 'hard_declined' });
      throw new PageError(402, 'declined', 'The card was declined.');
    }
    if (digits === SLOW_CARD && !(await delayWhileConnected(res, SLOW_CARD_DELAY_MS))) return;
    if (session.state !== 'created') throw sessionError('error.session.already_completed');

    /** @type {Record<string, string>} */
    const result = { id: session.id, customer: session.customer };
    const saved = session.recurring ? saveCard(store, session.customer, digits, checked.brand, expiry) : undefined;
    if (saved) result.payment_method = saved.id;
    if (invoice) {
      pay(store, invoice, saved ? sourceOf(saved) : { type: 'card', card_type: CARD_TYPES[checked.brand], masked_card: `${digits.slice(0, 6)}XXXXXX${digits.slice(-4)}` }, session.settle);
      if (saved) invoice.recurring_payment_method = saved.id;
      result.invoice = invoice.handle;
    }
    const subscription = session.subscription ? store.subscriptions.get(session.subscription) : undefined;
    if (subscription) {
      Object.assign(subscription, { state: 'active', payment_method: saved?.id ?? null });
      result.subscription = subscription.handle;
    }
    session.state = 'completed';
    session.result = result;
    sendJson(res, 200, { ...result, accept_url: withParams(session.accept_url, result) });
  }));
}
