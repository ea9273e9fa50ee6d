// The public endpoints of Paiwise's hosted pages, on the sandbox origin and without the API key: the unguessable
// checkout id (and, for the client page, a separate client token) is the credential, as on a real hosted page.
// The checkout page shows a checkout, pays it and cancels it; the client page lists a customer's saved cards,
// chooses the default one and removes one.
// @ts-check
import { OFFLINE_CHECKOUT } from '../../paiwise/pay/offline-api.js';
import { keepLast, MAX_SAVED_CARDS } from '../../shared/bounded.mjs';
import { delayWhileConnected, HttpError, isObject, readJson, send, sendJson, trackFields } from '../../shared/http.mjs';
import { judgeCard } from '../../shared/test-cards.js';
import { newId, OPEN, PAGES, returnLocation, settle, touch } from './model.mjs';

/**
 * @typedef {import('./model.mjs').PaiwiseStore} PaiwiseStore
 * @typedef {import('./model.mjs').Checkout} Checkout
 * @typedef {import('./model.mjs').Customer} Customer
 * @typedef {import('../../shared/http.mjs').Router<import('../index.mjs').RequestContext>} Router
 */

/**
 * Sandbox-only: `return_params=none` on the hosted page's URL, which the page passes on to these endpoints, sends
 * the payer back to `returnUrl` / `returnUrlCancel` as they were created, without the `checkout_id` and `status`
 * the sandbox adds (the document does not promise them), so that a client can be tried on a return without them.
 */
const RETURN_SWITCH = 'return_params';

/**
 * Whether a request of the page asks for bare return URLs (`?return_params=none`); 400 for another value.
 * @param {URL} url
 */
function bareReturn(url) {
  const value = url.searchParams.get(RETURN_SWITCH);
  if (value !== null && value !== 'none') {
    throw new HttpError(400, 'invalid_switch', `${RETURN_SWITCH} must be "none", or left out.`, { field: RETURN_SWITCH });
  }
  return value === 'none';
}

/**
 * `path` with the return switch on it, when it is on.
 * @param {string} path
 * @param {boolean} bare
 */
const keepingSwitch = (path, bare) => (bare ? `${path}${path.includes('?') ? '&' : '?'}${RETURN_SWITCH}=none` : path);

/**
 * What the hosted page needs to show: no return URLs until the payer is due to go back, no metaData.
 * @param {PaiwiseStore} store
 * @param {Checkout} checkout
 * @param {boolean} bare the return switch: the return URLs without the sandbox's parameters
 */
const pageView = (store, checkout, bare) => ({
  checkout_id: checkout.checkout_id,
  status: checkout.status,
  amount: checkout.amount,
  currency: checkout.currency,
  message: checkout.message,
  template: checkout.template,
  offerSaveCard: checkout.allowSaveCard && checkout.customer_id !== null && store.customers.has(checkout.customer_id),
  cancelUrl: keepingSwitch(`${PAGES}/checkouts/${checkout.checkout_id}/cancel`, bare),
  returnTo: returnLocation(checkout, bare),
});

/**
 * Keeps the card a checkout was paid with on its customer, once.
 * @param {Customer} customer
 * @param {{ brand: string, last4: string }} paidWith
 * @param {string} expiry
 */
function keepCard(customer, paidWith, expiry) {
  const known = customer.savedCards.find(
    (saved) => saved.last4 === paidWith.last4 && saved.brand === paidWith.brand && saved.expiry === expiry,
  );
  if (!known) customer.savedCards.push({ card_id: newId(), ...paidWith, expiry, default: customer.savedCards.length === 0 });
  keepLast(customer.savedCards, MAX_SAVED_CARDS, (saved) => !saved.default);
}

/**
 * @param {Router} router
 * @param {PaiwiseStore} store
 */
export function registerCheckoutPageRoutes(router, store) {
  /** @param {string} id */
  const hostedCheckout = (id) => {
    const checkout = OFFLINE_CHECKOUT.test(id) ? undefined : store.checkouts.get(id);
    if (!checkout) throw new HttpError(404, 'checkout_not_found', 'This checkout does not exist.');
    return checkout;
  };

  router.on('GET', `${PAGES}/checkouts/:id`, ({ res, url }, { id }) => {
    const bare = bareReturn(url);
    sendJson(res, 200, pageView(store, hostedCheckout(id), bare));
  });

  router.on('POST', `${PAGES}/checkouts/:id/pay`, async ({ req, res, url }, { id }) => {
    const bare = bareReturn(url);
    const body = trackFields(req, await readJson(req));
    const checkout = hostedCheckout(id);
    if (!OPEN.includes(checkout.status) || checkout.paying) {
      throw new HttpError(409, 'invalid_status', 'This checkout cannot be paid any more.', { status: checkout.status });
    }
    const outcome = judgeCard(isObject(body) ? body.card : undefined);
    if (!outcome.ok && outcome.status === 422) throw new HttpError(422, outcome.code, outcome.message, { fields: outcome.fields });
    if (!outcome.ok) {
      checkout.status = 'failed';
      touch(checkout);
      throw new HttpError(402, 'card_declined', 'The card was declined.', { status: checkout.status });
    }
    checkout.paying = true;
    const stillThere = await delayWhileConnected(res, outcome.delayMs);
    checkout.paying = false;
    if (!stillThere) return;
    const paidWith = { brand: outcome.brand, last4: outcome.card.last4Digits };
    settle(checkout, paidWith);
    const customer = checkout.customer_id ? store.customers.get(checkout.customer_id) : undefined;
    if (isObject(body) && body.saveCard === true && checkout.allowSaveCard && customer) keepCard(customer, paidWith, outcome.expiry);
    sendJson(res, 200, pageView(store, checkout, bare));
  });

  // A link, so that it works as one (and inside any frame): it navigates the window it is in.
  router.on('GET', `${PAGES}/checkouts/:id/cancel`, ({ res, url }, { id }) => {
    const bare = bareReturn(url);
    const checkout = hostedCheckout(id);
    if (OPEN.includes(checkout.status) && !checkout.paying) {
      checkout.status = 'canceled';
      touch(checkout);
    }
    // Already settled (a stale page): back to the page, which says so, rather than to returnUrlCancel.
    const location =
      checkout.status === 'canceled'
        ? returnLocation(checkout, bare)
        : keepingSwitch(`${PAGES}/checkout.html?checkout_id=${checkout.checkout_id}`, bare);
    send(res, 303, '', { Location: /** @type {string} */ (location) });
  });
}

/** @param {Customer} customer */
const clientView = (customer) => ({
  first_name: customer.first_name,
  last_name: customer.last_name,
  savedCards: structuredClone(customer.savedCards),
});

/**
 * @param {Router} router
 * @param {PaiwiseStore} store
 */
export function registerClientPageRoutes(router, store) {
  /** @param {string} token */
  const clientOf = (token) => {
    const customer = [...store.customers.values()].find((candidate) => candidate.clientToken === token);
    if (!customer) throw new HttpError(404, 'customer_not_found', 'This client page does not exist.');
    return customer;
  };
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
