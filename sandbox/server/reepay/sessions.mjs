// Reepay's Checkout API: charge, recurring and subscription sessions, and deleting one. A session is what the
// hosted checkout page (checkout-page.mjs) pays; where it sends the payer afterwards is said here too.
// @ts-check
import { OFFLINE_SESSION } from '../../reepay/checkout/offline-api.js';
import { send, sendJson } from '../../shared/http.mjs';
import { api, exactlyOne, handleOf, invalidParameter, optionalBoolean, readReepayJson, ReepayError, returnUrl, ttlOf } from './api.mjs';
import { assertPayable, customerFrom, existingCustomer, existingInvoice, invoiceFromOrder } from './invoices.mjs';
import { hex, iso } from './store.mjs';

/**
 * @typedef {import('./store.mjs').ReepayStore} ReepayStore
 * @typedef {import('./store.mjs').Session} Session
 * @typedef {Omit<Session, 'id' | 'state' | 'expiresAt' | 'accept_url' | 'cancel_url'>} SessionKind
 */

/** The parameters Reepay appends to `accept_url` (each only when the session has it). */
export const ACCEPT_PARAMETERS = ['id', 'invoice', 'customer', 'payment_method', 'subscription'];

/**
 * `base` with `params` set in its query (those with a value).
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
 * Where the checkout sends the payer once a session is paid: `accept_url` with `id`, `invoice` (charge
 * sessions), `customer`, `payment_method` (when a card was saved) and `subscription` (subscription sessions),
 * and nothing else.
 * @param {Session} session
 * @param {Record<string, string>} result what the payment produced, by those names
 */
export const acceptUrlOf = (session, result) =>
  withParams(session.accept_url, Object.fromEntries(Object.entries(result).filter(([key]) => ACCEPT_PARAMETERS.includes(key))));

/**
 * Where the checkout sends the payer who cancels: `cancel_url` with the session's `id` only (neither the seed nor
 * DESIGN.md documents more for it).
 * @param {Session} session
 */
export const cancelUrlOf = (session) => withParams(session.cancel_url, { id: session.id });

/**
 * @param {ReepayStore} store
 * @param {Omit<Session, 'id' | 'state' | 'expiresAt'>} fields
 * @param {number} ttlMs
 */
function createSession(store, fields, ttlMs) {
  let id;
  // Offline ids (the hosted page's offline mode) are never issued, so they can never reach a real session.
  do id = `cs_${hex()}`;
  while (OFFLINE_SESSION.test(id));
  /** @type {Session} */
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
 * `POST /v1/session/charge`: a new `order`, or an existing unpaid `invoice`.
 * @param {ReepayStore} store
 * @param {Record<string, any>} body
 * @returns {SessionKind}
 */
function chargeSession(store, body) {
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
}

/**
 * `POST /v1/session/recurring`: saves a card for an existing `customer` or a `create_customer`.
 * @param {ReepayStore} store
 * @param {Record<string, any>} body
 * @returns {SessionKind}
 */
function recurringSession(store, body) {
  exactlyOne(body, 'customer', 'create_customer');
  const customer =
    body.customer !== undefined ? existingCustomer(store, body.customer) : customerFrom(store, body.create_customer, 'create_customer');
  return { type: 'recurring', customer: customer.handle, recurring: true, settle: false };
}

/**
 * `POST /v1/session/subscription`: an existing `subscription`, or a `prepare_subscription` (pending until paid).
 * @param {ReepayStore} store
 * @param {Record<string, any>} body
 * @returns {SessionKind}
 */
function subscriptionSession(store, body) {
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
    subscription = {
      handle,
      state: /** @type {const} */ ('pending'),
      plan,
      customer: customer.handle,
      payment_method: null,
      created: iso(store),
    };
    store.subscriptions.set(handle, subscription);
  }
  return { type: 'subscription', customer: subscription.customer, subscription: subscription.handle, recurring: true, settle: false };
}

/**
 * Registers the Checkout API under `checkoutApiBase`.
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {{ checkoutApiBase: string, pageBase: string, store: ReepayStore, sessionTtlSeconds: number }} options
 */
export function registerSessionRoutes(router, { checkoutApiBase, pageBase, store, sessionTtlSeconds }) {
  /** @type {[string, (store: ReepayStore, body: Record<string, any>) => SessionKind][]} */
  const kinds = [
    ['/v1/session/charge', chargeSession],
    ['/v1/session/recurring', recurringSession],
    ['/v1/session/subscription', subscriptionSession],
  ];
  for (const [path, describe] of kinds) {
    // accept_url, cancel_url and ttl are common to every kind of session.
    router.on(
      'POST',
      `${checkoutApiBase}${path}`,
      api(async ({ req, res }) => {
        const body = await readReepayJson(req);
        const urls = { accept_url: returnUrl(body.accept_url, 'accept_url'), cancel_url: returnUrl(body.cancel_url, 'cancel_url') };
        const ttlMs = ttlOf(body.ttl, sessionTtlSeconds);
        const session = createSession(store, { ...describe(store, body), ...urls }, ttlMs);
        sendJson(res, 200, { id: session.id, url: sessionUrl(req, pageBase, session) });
      }),
    );
  }

  router.on(
    'DELETE',
    `${checkoutApiBase}/v1/session/:id`,
    api(({ res }, { id }) => {
      const session = store.sessions.get(id);
      if (!session || session.state === 'deleted') throw new ReepayError(404, 1, 'Session not found', `No session "${id}".`);
      session.state = 'deleted';
      send(res, 200, '', {});
    }),
  );
}
