// Offline mode of the Reepay sandbox's hosted checkout page (`?offline` on its URL): a stand-in for the
// page's internal session API that runs inside the page, so the checkout works from any static file host
// (Storybook's static build) with no sandbox server. It knows only sessions of a documented fake shape,
// which the sandbox server never issues and always refuses. See "Offline mode" under Reepay in
// sandbox/README.md. The session errors are the server's too (server/reepay/).
// @ts-check
import { hostedRoute, json, takeCard } from '../../shared/offline.js';

/** Offline session ids: Reepay's shape, with the 32 hex digits starting with eight zeros. */
export const OFFLINE_SESSION = /^(cs|pa)_0{8}[0-9a-f]{24}$/;
const LIFETIME_MS = 3600_000;

/** Status and message of each session error the page reports (`error.session.…`), shared with the server. */
export const SESSION_ERRORS = /** @type {const} */ ({
  'error.session.not_found': [404, 'This payment session does not exist.'],
  'error.session.already_completed': [409, 'This payment session is already completed.'],
  'error.session.expired': [410, 'This payment session has expired.'],
});
/** @typedef {keyof typeof SESSION_ERRORS} SessionError */

/** `offline_error` values: the session error every offline session then answers. */
const FORCED_ERRORS = /** @type {Record<string, SessionError>} */ ({
  not_found: 'error.session.not_found',
  expired: 'error.session.expired',
  already_completed: 'error.session.already_completed',
});
const TYPES = ['charge', 'recurring', 'subscription'];

/**
 * The sessions this page has seen, as the server's store would keep them. A session exists from the
 * moment the page first asks for it.
 * @type {Map<string, { id: string, type: string, expiresAt: number, completed: boolean, paying?: boolean }>}
 */
const sessions = new Map();

/** @param {SessionError} error */
const sessionError = (error) => json(SESSION_ERRORS[error][0], { error, message: SESSION_ERRORS[error][1] });

/** The last eight hex digits of a session id: its offline objects' handles end with them. */
const suffix = (/** @type {string} */ id) => id.slice(-8);

/**
 * The session `id` describes, per the page's query: `offline_type` (`charge`, the default; `recurring`;
 * `subscription`), `offline_amount` (minor units, default 9900) and `offline_currency` (default DKK).
 * @param {{ id: string, type: string }} session
 * @param {URLSearchParams} page
 */
function sessionView({ id, type }, page) {
  const base = { id, type, customer: `offline-customer-${suffix(id)}`, recurring: type !== 'charge', cancel_url: null };
  if (type === 'recurring') return base;
  if (type === 'subscription') return { ...base, plan: 'Offline plan' };
  const amount = Number(page.get('offline_amount') ?? 9900);
  const currency = page.get('offline_currency') ?? 'DKK';
  const invoice = `offline-order-${suffix(id)}`;
  return { ...base, invoice, amount, currency, order_lines: [{ ordertext: 'Offline order', quantity: 1, amount }] };
}

/**
 * @param {string} id
 * @param {URLSearchParams} page
 */
function lookup(id, page) {
  const forced = FORCED_ERRORS[page.get('offline_error') ?? ''];
  if (forced) return { error: forced };
  if (!OFFLINE_SESSION.test(id)) return { error: /** @type {SessionError} */ ('error.session.not_found') };
  let session = sessions.get(id);
  if (!session) {
    const type = page.get('offline_type') ?? 'charge';
    session = { id, type: TYPES.includes(type) ? type : 'charge', expiresAt: Date.now() + LIFETIME_MS, completed: false };
    sessions.set(id, session);
  }
  if (session.completed) return { error: /** @type {SessionError} */ ('error.session.already_completed') };
  if (Date.now() >= session.expiresAt) return { error: /** @type {SessionError} */ ('error.session.expired') };
  return { session };
}

/**
 * Answers the page's API (`GET …/checkout/api/sessions/:id`, `POST …/sessions/:id/pay`) as the sandbox
 * server would, with fetch's signature; `page` is the page's own query. Faults on the API URL (the page's
 * `api_fault` / `api_delay`): `hang` never answers, `slow` and a delay wait, every other fault answers 500.
 * @param {string} url
 * @param {RequestInit} init
 * @param {URLSearchParams} page
 * @returns {Promise<Response>}
 */
export async function offlineFetch(url, init, page) {
  const route = await hostedRoute(url, init, 'sessions');
  if (route instanceof Response) return route;
  const { id, paying } = route;
  const found = lookup(id, page);
  if (found.error) return sessionError(found.error);
  const { session } = found;
  const view = sessionView(session, page);
  if (!paying) return json(200, { ...view, expires: new Date(session.expiresAt).toISOString() });

  if (session.paying) return sessionError('error.session.already_completed');
  const taken = await takeCard(init, session, { declinedCode: 'declined' });
  if (taken instanceof Response) return taken;
  session.completed = true;
  /** @type {Record<string, string>} */
  const result = { id: session.id, customer: view.customer };
  if (view.recurring) result.payment_method = `ca_${'0'.repeat(24)}${suffix(session.id)}`;
  if ('invoice' in view) result.invoice = view.invoice;
  if (session.type === 'subscription') result.subscription = `offline-subscription-${suffix(session.id)}`;
  return json(200, result);
}
