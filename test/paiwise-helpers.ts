// Paiwise test helpers: checkouts from the demo merchant backend, returning to a light page of this origin.
import { expect } from '@open-wc/testing';

export const SESSION_ENDPOINT = '/api/paiwise/session';
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
