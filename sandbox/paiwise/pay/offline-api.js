// Offline mode of the Paiwise sandbox's hosted checkout page (`?offline` on its URL): a stand-in for the
// page's public per-checkout endpoints that runs inside the page, so the checkout works from any static
// file host (Storybook's static build) with no sandbox server. It knows only checkouts of a documented
// fake shape, which the sandbox server never issues and always refuses. See "Offline mode of the hosted
// checkout page" under Paiwise in sandbox/README.md.
// @ts-check
import { hostedRoute, json, jsonError, takeCard } from '../../shared/offline.js';

/** Offline checkout ids: the sandbox's shape (32 hex digits), the first eight zeros. */
export const OFFLINE_CHECKOUT = /^0{8}[0-9a-f]{24}$/;

/**
 * The checkouts this page has seen, as the server's store would keep them. A checkout exists from the
 * moment the page first asks for it.
 * @typedef {{ id: string, status: 'created' | 'failed' | 'paid' | 'reserved', paying?: boolean }} OfflineCheckout
 * @type {Map<string, OfflineCheckout>}
 */
const checkouts = new Map();

const notFound = () => jsonError(404, 'checkout_not_found', 'This checkout does not exist.');

/**
 * A return URL from the page's query, resolved against the page: only on the page's own origin (the shop
 * that framed it, in a static build), else the offline default, `offline-return.html` next to the page.
 * @param {string | null} given
 * @param {string} fallback
 */
function returnUrl(given, fallback) {
  const url = new URL(given ?? fallback, location.href);
  return url.origin === location.origin ? url : new URL(fallback, location.href);
}

/**
 * Where the payer goes from a checkout in `status`: the return URL (`offline_return_url`, default
 * `offline-return.html?paiwise=return`) or, for `canceled`, the cancel URL (`offline_return_url_cancel`,
 * default `…?paiwise=cancel`), with `checkout_id` and `status` added, as the server adds them (and, as the
 * server, without them with `return_params=none`).
 * @param {string} id
 * @param {string} status
 * @param {URLSearchParams} page
 */
function returnLocation(id, status, page) {
  const canceled = status === 'canceled';
  const url = canceled
    ? returnUrl(page.get('offline_return_url_cancel'), 'offline-return.html?paiwise=cancel')
    : returnUrl(page.get('offline_return_url'), 'offline-return.html?paiwise=return');
  if (page.get('return_params') === 'none') return url.href;
  url.searchParams.set('checkout_id', id);
  url.searchParams.set('status', status);
  return url.href;
}

/**
 * The page view of a checkout, per the page's query: `offline_amount` (minor units, default 9900),
 * `offline_currency` (default SEK), `offline_message` (default "Offline order"), `offline_capture=false`
 * (reserve instead of pay). The cancel link goes straight to the cancel URL: no server to record it.
 * @param {{ id: string, status: string }} checkout
 * @param {URLSearchParams} page
 */
function pageView({ id, status }, page) {
  const settled = status === 'paid' || status === 'reserved';
  return {
    checkout_id: id,
    status,
    amount: Number(page.get('offline_amount') ?? 9900),
    currency: page.get('offline_currency') ?? 'SEK',
    message: page.get('offline_message') ?? 'Offline order',
    template: page.get('offline_template') === 'iframe' ? 'iframe' : null,
    offerSaveCard: false,
    cancelUrl: returnLocation(id, 'canceled', page),
    returnTo: settled ? returnLocation(id, status, page) : null,
  };
}

/**
 * Answers the page's calls (`GET …/pay/checkouts/:id`, `POST …/pay/checkouts/:id/pay`) as the sandbox
 * server would, with fetch's signature; `page` is the page's own query. Faults on the pay call (the page's
 * `pay_fault` / `pay_delay`): `hang` never answers, `slow` and a delay wait, every other fault answers 500.
 * @param {string} url
 * @param {RequestInit} init
 * @param {URLSearchParams} page
 * @returns {Promise<Response>}
 */
export async function offlineFetch(url, init, page) {
  const route = await hostedRoute(url, init, 'checkouts');
  if (route instanceof Response) return route;
  const { id, paying } = route;
  if (!OFFLINE_CHECKOUT.test(id)) return notFound();
  const checkout = checkouts.get(id) ?? /** @type {OfflineCheckout} */ ({ id, status: 'created' });
  checkouts.set(id, checkout);
  if (!paying) return json(200, pageView(checkout, page));

  if (checkout.paying || (checkout.status !== 'created' && checkout.status !== 'failed')) {
    return jsonError(409, 'invalid_status', 'This checkout cannot be paid any more.', { status: checkout.status });
  }
  const taken = await takeCard(init, checkout, {
    onDecline: () => {
      checkout.status = 'failed';
      return { status: checkout.status };
    },
  });
  if (taken instanceof Response) return taken;
  checkout.status = page.get('offline_capture') === 'false' ? 'reserved' : 'paid';
  return json(200, pageView(checkout, page));
}
