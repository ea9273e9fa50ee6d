// The Paiwise (Neuro-Pay) stand-in: the checkout API under /sandbox/paiwise/checkout/… (bearer API key), the
// public per-checkout endpoints its hosted checkout page and customer client page call, and the in-memory store.
// Every request of the Neuro-Pay Checkout API document runs unchanged here with only the host swapped.
// @ts-check
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isDeclinedCard, readCard, slowCardDelay } from './cards.mjs';
import { HttpError, readJson, send, sendJson } from './http.mjs';
import { OFFLINE_CHECKOUT } from '../paiwise/pay/offline-api.js';

export const PAIWISE_BASE = '/sandbox/paiwise';
export const PAIWISE_API_KEY = 'paiwise_sandbox_demo';
/** Where the hosted pages and their public endpoints live (on the sandbox origin, 127.0.0.1). */
const PAGES = `${PAIWISE_BASE}/pay`;

/** The browser files of the hosted pages, by URL path, for the sandbox's ASSETS map. */
export const PAIWISE_ASSETS = /** @type {[string, string][]} */ (
  ['checkout.html', 'checkout.js', 'checkout.css', 'offline-api.js', 'offline-return.html', 'client.html', 'client.js'].map((file) => [
    `${PAGES}/${file}`,
    `paiwise/pay/${file}`,
  ])
);

export const CHECKOUT_STATUSES = /** @type {const} */ ([
  'created',
  'reserved',
  'reserve released',
  'paid',
  'refunded',
  'partialRefund',
  'revoked',
  'failed',
  'canceled',
]);
/** @typedef {typeof CHECKOUT_STATUSES[number]} CheckoutStatus */

/** As the document spells them ("fraudolent" included). */
export const REFUND_REASONS = ['duplicate', 'requested_by_customer', 'fraudolent'];

/** A payer may (re)try paying or cancel only while nothing has been paid. */
const OPEN = ['created', 'failed'];
/** After these the payer is sent to `returnUrl`. */
const SETTLED = ['reserved', 'reserve released', 'paid', 'refunded', 'partialRefund'];

const MAX_AMOUNT = 99_999_999;
const MAX_METADATA_KEYS = 50;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * @typedef {Record<string, string | number | boolean>} MetaData
 * @typedef {{ card_id: string, brand: string, last4: string, expiry: string, default: boolean }} SavedCard
 * @typedef {{ amount: number, reason: string | null, refundDetails: string | null, created_at: string }} Refund
 * @typedef {object} Checkout
 * @property {string} checkout_id
 * @property {string} identifier
 * @property {CheckoutStatus} status
 * @property {number} amount
 * @property {string} currency
 * @property {string} message
 * @property {boolean} capture
 * @property {boolean} allowSaveCard
 * @property {string} returnUrl
 * @property {string} returnUrlCancel
 * @property {string | null} customer_id
 * @property {string | null} card_id
 * @property {'iframe' | null} template
 * @property {MetaData} metaData
 * @property {string} url the hosted checkout page
 * @property {{ brand: string, last4: string } | null} card never the number or the CVC
 * @property {number} amount_refunded
 * @property {Refund[]} refunds
 * @property {string} created_at
 * @property {string} updated_at
 * @property {boolean} [paying] a payment is in flight (the slow test card)
 * @typedef {object} Customer
 * @property {string} customer_id
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} email
 * @property {MetaData} metaData
 * @property {string} client_page
 * @property {SavedCard[]} savedCards
 * @property {string} created_at
 * @property {string} clientToken the client page's credential, apart from the id merchants pass around
 */

const randomId = () => randomBytes(16).toString('hex');
/** A new id; never one of the hosted page's offline shape, so an offline id can never reach a real checkout. */
const newId = () => {
  let id;
  do id = randomId();
  while (OFFLINE_CHECKOUT.test(id));
  return id;
};
const nowIso = () => new Date().toISOString();
/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects field errors so that one answer names every invalid field. */
class FieldErrors {
  /** @type {{ field: string, error: string, message: string }[]} */
  list = [];

  /**
   * @param {string} field
   * @param {'required' | 'invalid' | 'unknown'} error
   * @param {string} message
   */
  add(field, error, message) {
    this.list.push({ field, error, message });
  }

  throwIfAny() {
    if (!this.list.length) return;
    const [first] = this.list;
    throw new HttpError(422, 'validation_error', first.message, { field: first.field, fields: this.list });
  }
}

/**
 * @param {FieldErrors} errors
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {{ required?: boolean, max?: number }} [rules]
 * @returns {string | undefined}
 */
function readString(errors, body, field, { required = false, max = 500 } = {}) {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (required) errors.add(field, 'required', `${field} is required.`);
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) {
    errors.add(field, 'invalid', `${field} must be a string of at most ${max} characters.`);
    return undefined;
  }
  return value;
}

/**
 * @param {FieldErrors} errors
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {boolean} fallback
 */
function readBoolean(errors, body, field, fallback) {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') errors.add(field, 'invalid', `${field} must be true or false.`);
  return value === true || (value !== false && fallback);
}

/**
 * @param {FieldErrors} errors
 * @param {Record<string, unknown>} body
 * @param {string} field
 */
function readUrl(errors, body, field) {
  const value = readString(errors, body, field, { required: true, max: 2000 });
  if (value === undefined) return '';
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  errors.add(field, 'invalid', `${field} must be an absolute http(s) URL.`);
  return '';
}

/**
 * metaData as the document describes it: a key-value object, a "key value pair array" (`[{ key, value }]` or
 * `[[key, value]]`), or, for update, a string holding a JSON object. Values are strings, numbers or booleans;
 * an empty value ("" or null) means "delete this key".
 * @param {FieldErrors} errors
 * @param {unknown} value
 * @returns {[string, string | number | boolean | null][] | undefined}
 */
function readMetaData(errors, value) {
  let source = value;
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source);
    } catch {
      source = undefined;
    }
  }
  /** @type {unknown[][] | undefined} */
  let pairs;
  if (isRecord(source)) pairs = Object.entries(source);
  else if (Array.isArray(source)) {
    pairs = source.map((item) => (isRecord(item) ? [item.key, item.value] : Array.isArray(item) ? item : [undefined]));
  }
  const valid =
    pairs !== undefined &&
    pairs.length <= MAX_METADATA_KEYS &&
    pairs.every(
      ([key, entry]) =>
        typeof key === 'string' &&
        key.length > 0 &&
        key.length <= 40 &&
        (entry === null || ['string', 'number', 'boolean'].includes(typeof entry)) &&
        String(entry).length <= 500,
    );
  if (!valid) {
    errors.add(
      'metaData',
      'invalid',
      `metaData must be key-value pairs (an object, or an array of { key, value }): at most ${MAX_METADATA_KEYS} keys of up to 40 characters, values up to 500.`,
    );
    return undefined;
  }
  return /** @type {[string, string | number | boolean | null][]} */ (pairs);
}

/**
 * @param {MetaData} target
 * @param {[string, string | number | boolean | null][]} pairs
 */
function applyMetaData(target, pairs) {
  for (const [key, value] of pairs) {
    if (value === null || value === '') delete target[key];
    else target[key] = value;
  }
  return target;
}

/**
 * The sandbox origin that serves the hosted pages: 127.0.0.1 on the port the API was called on, so that the
 * pages are another origin than the shop's (localhost) even when the API was called through localhost.
 * @param {import('node:http').IncomingMessage} req
 */
function pagesOrigin(req) {
  const host = /^[A-Za-z0-9.\-[\]:]+$/.test(req.headers.host ?? '') ? String(req.headers.host) : '127.0.0.1';
  const local = /^(?:localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.exec(host);
  return local ? `http://127.0.0.1${local[1] ?? ''}` : `http://${host}`;
}

/**
 * Where the payer goes once the checkout is settled or canceled: `returnUrl` / `returnUrlCancel` with
 * `checkout_id` and `status` added to its query. Null while the checkout is still open (or revoked).
 * @param {Checkout} checkout
 */
function returnLocation(checkout) {
  const canceled = checkout.status === 'canceled';
  if (!canceled && !SETTLED.includes(checkout.status)) return null;
  const url = new URL(canceled ? checkout.returnUrlCancel : checkout.returnUrl);
  url.searchParams.set('checkout_id', checkout.checkout_id);
  url.searchParams.set('status', checkout.status);
  return url.href;
}

/**
 * The checkout object as the API returns it, in its current state.
 * @param {Checkout} checkout
 */
function checkoutJson(checkout) {
  const { paying, ...fields } = checkout;
  return structuredClone(fields);
}

/**
 * The customer object; the document calls its page "Client_page", the provider's current reference `client_page`:
 * both are returned.
 * @param {Customer} customer
 * @param {{ deleted?: boolean }} [extra]
 */
function customerJson(customer, extra = {}) {
  const { clientToken, ...fields } = customer;
  return { ...structuredClone(fields), Client_page: customer.client_page, ...extra };
}

/** @param {Checkout} checkout */
function touch(checkout) {
  checkout.updated_at = nowIso();
}

/**
 * @param {Checkout} checkout
 * @param {string} action what was tried, for the message
 */
function invalidStatus(checkout, action) {
  return new HttpError(409, 'invalid_status', `A checkout with status "${checkout.status}" cannot be ${action}.`, {
    status: checkout.status,
  });
}

/** Compares API keys in constant time (both sides hashed to one length). */
function isApiKey(/** @type {string} */ given) {
  const digest = (/** @type {string} */ text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(PAIWISE_API_KEY));
}

/** @param {import('node:http').IncomingMessage} req */
function authorize(req) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match || !isApiKey(match[1])) {
    throw new HttpError(401, 'unauthorized', `The bearer API key is missing or wrong (sandbox: ${PAIWISE_API_KEY}).`);
  }
}

/**
 * Registers the Paiwise routes and returns the store behind them.
 * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
 * @param {{ base?: string }} [options]
 */
export function registerPaiwiseRoutes(router, { base = PAIWISE_BASE } = {}) {
  /** @type {Map<string, Checkout>} */
  const checkouts = new Map();
  /** @type {Map<string, Customer>} */
  const customers = new Map();

  /**
   * An API route: POST, bearer key, a JSON object body.
   * @param {string} name
   * @param {(body: Record<string, unknown>, req: import('node:http').IncomingMessage) => object} handler
   */
  const api = (name, handler) =>
    router.on('POST', `${base}/checkout/${name}`, async ({ req, res }) => {
      authorize(req);
      const body = await readJson(req);
      if (!isRecord(body)) throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object.');
      sendJson(res, 200, handler(body, req));
    });

  /**
   * The checkout or customer a request names by `checkout_id` / `customer_id`; 404 naming the field if none.
   * @template T
   * @param {Map<string, T>} store
   * @param {Record<string, unknown>} body
   * @param {'checkout' | 'customer'} kind
   * @returns {T}
   */
  function findBy(store, body, kind) {
    const errors = new FieldErrors();
    const field = `${kind}_id`;
    const id = readString(errors, body, field, { required: true, max: 100 });
    errors.throwIfAny();
    const found = store.get(/** @type {string} */ (id));
    if (!found) throw new HttpError(404, `${kind}_not_found`, `No ${kind} "${id}".`, { field });
    return found;
  }
  /** @param {Record<string, unknown>} body */
  const findCheckout = (body) => findBy(checkouts, body, 'checkout');
  /** @param {Record<string, unknown>} body */
  const findCustomer = (body) => findBy(customers, body, 'customer');

  /**
   * Marks a checkout paid or reserved with `card`, as a successful payment does.
   * @param {Checkout} checkout
   * @param {{ brand: string, last4: string }} card
   */
  function settle(checkout, card) {
    checkout.status = checkout.capture ? 'paid' : 'reserved';
    checkout.card = { brand: card.brand, last4: card.last4 };
    touch(checkout);
  }

  api('create', (body, req) => {
    const errors = new FieldErrors();
    const identifier = readString(errors, body, 'identifier', { max: 100 });
    const amount = body.amount;
    if (amount === undefined || amount === null) errors.add('amount', 'required', 'amount is required.');
    else if (!Number.isSafeInteger(amount) || Number(amount) < 1 || Number(amount) > MAX_AMOUNT) {
      errors.add('amount', 'invalid', `amount must be an integer in minor units, 1 to ${MAX_AMOUNT}.`);
    }
    const currency = readString(errors, body, 'currency', { required: true, max: 3 })?.toUpperCase();
    if (currency !== undefined && !CURRENCIES.has(currency)) {
      errors.add('currency', 'invalid', 'currency must be an ISO 4217 code such as SEK, EUR or USD.');
    }
    const message = readString(errors, body, 'message', { required: true });
    const capture = readBoolean(errors, body, 'capture', true);
    const allowSaveCard = readBoolean(errors, body, 'allowSaveCard', true);
    const returnUrl = readUrl(errors, body, 'returnUrl');
    const returnUrlCancel = readUrl(errors, body, 'returnUrlCancel');
    const template = readString(errors, body, 'template', { max: 20 });
    if (template !== undefined && template !== 'iframe') {
      errors.add('template', 'invalid', 'template can only be "iframe".');
    }
    const customerId = readString(errors, body, 'customer_id', { max: 100 });
    const customer = customerId === undefined ? undefined : customers.get(customerId);
    if (customerId !== undefined && !customer) errors.add('customer_id', 'unknown', `customer_id "${customerId}" is not a customer.`);
    const cardId = readString(errors, body, 'card_id', { max: 100 });
    const savedCard = cardId === undefined ? undefined : customer?.savedCards.find((card) => card.card_id === cardId);
    if (cardId !== undefined && customerId === undefined) {
      errors.add('card_id', 'invalid', 'card_id needs customer_id: the card must be one of that customer’s saved cards.');
    } else if (cardId !== undefined && customer && !savedCard) {
      errors.add('card_id', 'unknown', `card_id "${cardId}" is not a saved card of customer "${customerId}".`);
    }
    const metaData =
      body.metaData === undefined || body.metaData === null ? [] : readMetaData(errors, body.metaData);
    errors.throwIfAny();

    const checkoutId = newId();
    const created = nowIso();
    /** @type {Checkout} */
    const checkout = {
      checkout_id: checkoutId,
      identifier: identifier ?? checkoutId,
      status: 'created',
      amount: Number(amount),
      currency: /** @type {string} */ (currency),
      message: /** @type {string} */ (message),
      capture,
      allowSaveCard,
      returnUrl,
      returnUrlCancel,
      customer_id: customerId ?? null,
      card_id: cardId ?? null,
      template: template === 'iframe' ? 'iframe' : null,
      metaData: applyMetaData({}, metaData ?? []),
      url: `${pagesOrigin(req)}${PAGES}/checkout.html?checkout_id=${checkoutId}`,
      card: null,
      amount_refunded: 0,
      refunds: [],
      created_at: created,
      updated_at: created,
    };
    // A saved card pays at once: the "automatic payment" of the document; the payer never sees the page.
    if (savedCard) settle(checkout, savedCard);
    checkouts.set(checkoutId, checkout);
    return checkoutJson(checkout);
  });

  api('retrieve', (body) => checkoutJson(findCheckout(body)));

  api('capture', (body) => {
    const checkout = findCheckout(body);
    if (checkout.status !== 'reserved') throw invalidStatus(checkout, 'captured (only "reserved" can)');
    checkout.status = 'paid';
    touch(checkout);
    return checkoutJson(checkout);
  });

  api('refund', (body) => {
    const checkout = findCheckout(body);
    const refundable = checkout.amount - checkout.amount_refunded;
    if (!['paid', 'partialRefund', 'reserved'].includes(checkout.status)) {
      throw invalidStatus(checkout, 'refunded (only "paid", "partialRefund" and "reserved" can)');
    }
    const errors = new FieldErrors();
    const amount = body.amount ?? refundable;
    if (!Number.isSafeInteger(amount) || Number(amount) < 1 || Number(amount) > refundable) {
      errors.add('amount', 'invalid', `amount must be an integer from 1 to ${refundable} (what is left to refund).`);
    } else if (checkout.status === 'reserved' && amount !== refundable) {
      errors.add('amount', 'invalid', `A reservation is released in full: leave amount out or send ${refundable}.`);
    }
    const reason = readString(errors, body, 'reason', { max: 40 });
    if (reason !== undefined && !REFUND_REASONS.includes(reason)) {
      errors.add('reason', 'invalid', `reason must be one of ${REFUND_REASONS.map((r) => `"${r}"`).join(', ')}.`);
    }
    const refundDetails = readString(errors, body, 'refundDetails', { max: 1000 });
    errors.throwIfAny();

    const refunded = Number(amount);
    checkout.refunds.push({ amount: refunded, reason: reason ?? null, refundDetails: refundDetails ?? null, created_at: nowIso() });
    if (checkout.status === 'reserved') checkout.status = 'reserve released';
    else {
      checkout.amount_refunded += refunded;
      checkout.status = checkout.amount_refunded === checkout.amount ? 'refunded' : 'partialRefund';
    }
    touch(checkout);
    return checkoutJson(checkout);
  });

  api('update', (body) => {
    const checkout = findCheckout(body);
    const errors = new FieldErrors();
    if (body.metaData === undefined || body.metaData === null) errors.add('metaData', 'required', 'metaData is required.');
    const pairs = errors.list.length ? undefined : readMetaData(errors, body.metaData);
    errors.throwIfAny();
    applyMetaData(checkout.metaData, pairs ?? []);
    touch(checkout);
    return checkoutJson(checkout);
  });

  api('delete', (body) => {
    const checkout = findCheckout(body);
    if (!OPEN.includes(checkout.status)) throw invalidStatus(checkout, 'deleted (only "created" and "failed" can)');
    checkout.status = 'revoked';
    touch(checkout);
    return checkoutJson(checkout);
  });

  api('create-customer', (body, req) => {
    const errors = new FieldErrors();
    const firstName = readString(errors, body, 'first_name', { required: true, max: 100 });
    const lastName = readString(errors, body, 'last_name', { required: true, max: 100 });
    const email = readString(errors, body, 'email', { required: true, max: 254 });
    if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.add('email', 'invalid', 'email is not an email address.');
    const metaData = body.metaData === undefined || body.metaData === null ? [] : readMetaData(errors, body.metaData);
    errors.throwIfAny();
    const clientToken = newId();
    /** @type {Customer} */
    const customer = {
      customer_id: newId(),
      first_name: /** @type {string} */ (firstName),
      last_name: /** @type {string} */ (lastName),
      email: /** @type {string} */ (email),
      metaData: applyMetaData({}, metaData ?? []),
      client_page: `${pagesOrigin(req)}${PAGES}/client.html?token=${clientToken}`,
      savedCards: [],
      created_at: nowIso(),
      clientToken,
    };
    customers.set(customer.customer_id, customer);
    return customerJson(customer);
  });

  api('retrieve-customer', (body) => customerJson(findCustomer(body)));

  api('delete-customer', (body) => {
    const customer = findCustomer(body);
    customers.delete(customer.customer_id);
    return customerJson(customer, { deleted: true });
  });

  registerHostedRoutes(router, { checkouts, customers, settle });

  return {
    checkouts,
    customers,
    clear() {
      checkouts.clear();
      customers.clear();
    },
  };
}

/**
 * The public endpoints of the hosted pages, on the sandbox origin, without the API key: the unguessable
 * checkout id (and, for the client page, a separate client token) is the credential, as on a real hosted page.
 * @param {import('./http.mjs').Router<import('./index.mjs').RequestContext>} router
 * @param {{ checkouts: Map<string, Checkout>, customers: Map<string, Customer>, settle: (checkout: Checkout, card: { brand: string, last4: string }) => void }} store
 */
function registerHostedRoutes(router, { checkouts, customers, settle }) {
  /** @param {string} id */
  const hostedCheckout = (id) => {
    const checkout = OFFLINE_CHECKOUT.test(id) ? undefined : checkouts.get(id);
    if (!checkout) throw new HttpError(404, 'checkout_not_found', 'This checkout does not exist.');
    return checkout;
  };
  /** @param {string} token */
  const clientOf = (token) => {
    const customer = [...customers.values()].find((candidate) => candidate.clientToken === token);
    if (!customer) throw new HttpError(404, 'customer_not_found', 'This client page does not exist.');
    return customer;
  };
  /** @param {Checkout} checkout */
  const customerOf = (checkout) => (checkout.customer_id ? customers.get(checkout.customer_id) : undefined);

  /**
   * What the hosted page needs to show: no return URLs until the payer is due to go back, no metaData.
   * @param {Checkout} checkout
   */
  const pageView = (checkout) => ({
    checkout_id: checkout.checkout_id,
    status: checkout.status,
    amount: checkout.amount,
    currency: checkout.currency,
    message: checkout.message,
    template: checkout.template,
    offerSaveCard: checkout.allowSaveCard && customerOf(checkout) !== undefined,
    cancelUrl: `${PAGES}/checkouts/${checkout.checkout_id}/cancel`,
    returnTo: returnLocation(checkout),
  });

  router.on('GET', `${PAGES}/checkouts/:id`, ({ res }, { id }) => sendJson(res, 200, pageView(hostedCheckout(id))));

  router.on('POST', `${PAGES}/checkouts/:id/pay`, async ({ req, res }, { id }) => {
    const body = await readJson(req);
    const checkout = hostedCheckout(id);
    if (!OPEN.includes(checkout.status) || checkout.paying) {
      throw new HttpError(409, 'invalid_status', 'This checkout cannot be paid any more.', { status: checkout.status });
    }
    const { digits, brand, expiry } = readCard(isRecord(body) ? body.card : undefined);
    if (isDeclinedCard(digits)) {
      checkout.status = 'failed';
      touch(checkout);
      throw new HttpError(402, 'card_declined', 'The card was declined.', { status: checkout.status });
    }
    checkout.paying = true;
    const stillThere = await slowCardDelay(res, digits);
    checkout.paying = false;
    if (!stillThere) return;
    const paidWith = { brand, last4: digits.slice(-4) };
    settle(checkout, paidWith);
    const customer = customerOf(checkout);
    if (isRecord(body) && body.saveCard === true && checkout.allowSaveCard && customer) {
      const known = customer.savedCards.find((saved) => saved.last4 === paidWith.last4 && saved.brand === paidWith.brand && saved.expiry === expiry);
      if (!known) {
        customer.savedCards.push({ card_id: newId(), ...paidWith, expiry, default: customer.savedCards.length === 0 });
      }
    }
    sendJson(res, 200, pageView(checkout));
  });

  // A link, so that it works as one (and inside any frame): it navigates the window it is in.
  router.on('GET', `${PAGES}/checkouts/:id/cancel`, ({ res }, { id }) => {
    const checkout = hostedCheckout(id);
    if (OPEN.includes(checkout.status) && !checkout.paying) {
      checkout.status = 'canceled';
      touch(checkout);
    }
    // Already settled (a stale page): back to the page, which says so, rather than to returnUrlCancel.
    const location =
      checkout.status === 'canceled' ? returnLocation(checkout) : `${PAGES}/checkout.html?checkout_id=${checkout.checkout_id}`;
    send(res, 303, '', { Location: /** @type {string} */ (location) });
  });

  /** @param {Customer} customer */
  const clientView = (customer) => ({
    first_name: customer.first_name,
    last_name: customer.last_name,
    savedCards: structuredClone(customer.savedCards),
  });
  /**
   * @param {Customer} customer
   * @param {string} cardId
   */
  const savedCardOf = (customer, cardId) => {
    const card = customer.savedCards.find((saved) => saved.card_id === cardId);
    if (!card) throw new HttpError(404, 'card_not_found', 'This card is not saved any more.');
    return card;
  };

  router.on('GET', `${PAGES}/clients/:token`, ({ res }, { token }) => sendJson(res, 200, clientView(clientOf(token))));

  router.on('POST', `${PAGES}/clients/:token/cards/:cardId/default`, ({ res }, { token, cardId }) => {
    const customer = clientOf(token);
    const chosen = savedCardOf(customer, cardId);
    for (const card of customer.savedCards) card.default = card === chosen;
    sendJson(res, 200, clientView(customer));
  });

  router.on('DELETE', `${PAGES}/clients/:token/cards/:cardId`, ({ res }, { token, cardId }) => {
    const customer = clientOf(token);
    const removed = savedCardOf(customer, cardId);
    customer.savedCards = customer.savedCards.filter((card) => card !== removed);
    if (removed.default && customer.savedCards[0]) customer.savedCards[0].default = true;
    sendJson(res, 200, clientView(customer));
  });
}
