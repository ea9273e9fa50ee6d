// The internal API of the Reepay sandbox's hosted checkout page (sandbox/reepay/checkout/): the session to show,
// and paying it with a card. Same origin as the page, no key: the session id is the credential, as for Reepay's
// own page. Errors are the page's `error.session.…` (shared with its offline mode), `declined` and
// `validation_error`.
// @ts-check
import { OFFLINE_SESSION, SESSION_ERRORS } from '../../reepay/checkout/offline-api.js';
import { delayWhileConnected, HttpError, readJson, sendJson, trackFields } from '../../shared/http.mjs';
import { judgeCard } from '../../shared/test-cards.js';
import { cardOf, pay, saveCard, sourceOf } from './invoices.mjs';
import { acceptUrlOf, cancelUrlOf } from './sessions.mjs';

const SESSION_ID = /^cs_[0-9a-f]{32}$/;

/**
 * @typedef {import('./store.mjs').ReepayStore} ReepayStore
 * @typedef {import('./store.mjs').Session} Session
 */

/** @param {keyof typeof SESSION_ERRORS} error */
const sessionError = (error) => new HttpError(SESSION_ERRORS[error][0], error, SESSION_ERRORS[error][1]);

/**
 * The session a hosted page asks about, or the error it reports to the parent window (`error.session.…`).
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

/**
 * What the page shows of a session.
 * @param {ReepayStore} store
 * @param {Session} session
 */
function sessionView(store, session) {
  const invoice = session.invoice ? store.invoices.get(session.invoice) : undefined;
  const subscription = session.subscription ? store.subscriptions.get(session.subscription) : undefined;
  return {
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
  };
}

/**
 * Completes a session paid with `card`: the invoice paid, the card saved (recurring and subscription sessions),
 * the subscription active. Answers what Accept carries.
 * @param {ReepayStore} store
 * @param {Session} session
 * @param {import('../../shared/test-cards.js').CardAccepted} card
 */
function complete(store, session, card) {
  /** @type {Record<string, string>} */
  const result = { id: session.id, customer: session.customer };
  const saved = session.recurring ? saveCard(store, session.customer, card) : undefined;
  if (saved) result.payment_method = saved.id;
  const invoice = session.invoice ? store.invoices.get(session.invoice) : undefined;
  if (invoice) {
    pay(store, invoice, saved ? sourceOf(saved) : { type: 'card', ...cardOf(card) }, session.settle);
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
  return result;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<any>}
 */
async function payBody(req) {
  try {
    return await readJson(req);
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== 'invalid_json') throw error;
    throw new HttpError(400, 'invalid_request', error.message);
  }
}

/**
 * Registers the page's API under `base` (`…/checkout/api`).
 * @param {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} router
 * @param {string} base
 * @param {ReepayStore} store
 */
export function registerCheckoutPageRoutes(router, base, store) {
  router.on('GET', `${base}/sessions/:id`, ({ res }, { id }) => sendJson(res, 200, sessionView(store, openSession(store, id))));

  router.on('POST', `${base}/sessions/:id/pay`, async ({ req, res }, { id }) => {
    const body = trackFields(req, await payBody(req));
    const session = openSession(store, id);
    const outcome = judgeCard(body?.card ?? {});
    if (!outcome.ok && outcome.status === 422) throw new HttpError(422, 'validation_error', outcome.message, { fields: outcome.fields });
    const invoice = session.invoice ? store.invoices.get(session.invoice) : undefined;
    if (invoice && invoice.state !== 'created' && invoice.state !== 'failed') {
      throw new HttpError(409, 'error.session.already_completed', 'This invoice is already paid.');
    }
    if (!outcome.ok) {
      if (invoice) Object.assign(invoice, { state: 'failed', error: 'credit_card_declined', error_state: 'hard_declined' });
      throw new HttpError(402, 'declined', 'The card was declined.');
    }
    if (outcome.delayMs && !(await delayWhileConnected(res, outcome.delayMs))) return;
    if (session.state !== 'created') throw sessionError('error.session.already_completed');
    const result = complete(store, session, outcome);
    sendJson(res, 200, { ...result, accept_url: acceptUrlOf(session, result) });
  });
}
