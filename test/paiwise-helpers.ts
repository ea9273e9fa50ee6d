// Paiwise test helpers: checkouts from the demo merchant backend, returning to a light page of this origin,
// and where the hosted page sends the payer (a return URL with its parameters, its cancel link), so that a
// test can move the element's frame there as the page would, without anyone acting in the page.
// Imports nothing of src/ (nor ./helpers.js, which does): the tests of the built file use these too.
import { expect } from '@open-wc/testing';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from './ports.js';

export const SESSION_ENDPOINT = '/api/paiwise/session';
/** The sandbox's hosted pages (another origin than this page). */
export const HOSTED = `${SANDBOX_ORIGIN}/sandbox/paiwise/pay/`;
/** A light page on this origin for the checkout to come back to (the test page itself must not load in a frame). */
export const RETURN_PAGE = '/test/fixtures/return.html';
export const RETURN_URLS = { returnUrl: `${RETURN_PAGE}?outcome=return`, returnUrlCancel: `${RETURN_PAGE}?outcome=cancel` };

export interface Session {
  id: string;
  url: string;
}

/** POSTs JSON to the demo backend and returns its answer, which must be 200. */
export const post = async (path: string, body: object): Promise<Record<string, unknown>> => {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).to.equal(200);
  return response.json();
};

/** A checkout the demo merchant backend creates with its API key (inline template), returning to RETURN_PAGE. */
export const createSession = (body: Record<string, unknown> = {}): Promise<Session> =>
  post(SESSION_ENDPOINT, { mode: 'iframe', ...RETURN_URLS, ...body }) as Promise<unknown> as Promise<Session>;

/** What Paiwise says about the checkout (the backend's `retrieve`): the proof the element's event only hints at. */
export const verify = async (id: string): Promise<string> => (await post('/api/paiwise/verify', { id })).status as string;

/** The checkout id a hosted page URL (a frame's `src`) names. */
export const checkoutIdOf = (url: string): string => new URL(url, location.href).searchParams.get('checkout_id')!;

/**
 * Where the hosted page sends the payer once the checkout is paid (or reserved): `returnUrl` (default: this
 * page's RETURN_URLS) with `checkout_id` and `status` added, its own query kept.
 */
export const returnedTo = (checkoutId: string, status = 'paid', returnUrl = RETURN_URLS.returnUrl): string => {
  const url = new URL(returnUrl, location.href);
  url.searchParams.set('checkout_id', checkoutId);
  url.searchParams.set('status', status);
  return url.href;
};

/**
 * The hosted page's cancel link: the sandbox cancels the open checkout and answers 303 to its
 * `returnUrlCancel` with `checkout_id` and `status=canceled`.
 */
export const cancelLink = (checkoutId: string): string => `${HOSTED}checkouts/${checkoutId}/cancel`;
