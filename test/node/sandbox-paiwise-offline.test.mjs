// The offline mode of the Paiwise sandbox's hosted checkout page (pay/offline-api.js), in Node: where it sends the
// payer, with and without the return_params=none switch, as the sandbox server does. The page itself (and the rest
// of its offline mode) is tested in the browser (test/sandbox/paiwise-offline.test.ts).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

const PAGE = 'http://static.example/sandbox/paiwise/pay/checkout.html';
const RETURN_PAGE = 'http://static.example/sandbox/paiwise/pay/offline-return.html';
const ID = `00000000${'ab'.repeat(12)}`;
const CARD = { number: '4242 4242 4242 4242', expiry: '12/34', cvc: '123', name: 'Ada Lovelace' };
/** @type {typeof import('../../sandbox/paiwise/pay/offline-api.js').offlineFetch} */
let offlineFetch;

before(async () => {
  // The stand-in runs in the page: it resolves its URLs against the page's location.
  globalThis.location = /** @type {any} */ (new URL(`${PAGE}?offline`));
  ({ offlineFetch } = await import('../../sandbox/paiwise/pay/offline-api.js'));
});

/** The page view after paying checkout `id` on a page with this query (a new id each time: a checkout is paid once). */
async function payOffline(id, query) {
  const page = new URLSearchParams(query);
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ card: CARD }) };
  const response = await offlineFetch(`/sandbox/paiwise/pay/checkouts/${id}/pay`, init, page);
  assert.equal(response.status, 200);
  return response.json();
}

describe('paiwise offline mode: where the payer goes', () => {
  it('adds checkout_id and status to the return and cancel URLs, as the server does', async () => {
    const view = await payOffline(ID, 'offline');
    assert.equal(view.returnTo, `${RETURN_PAGE}?paiwise=return&checkout_id=${ID}&status=paid`);
    assert.equal(view.cancelUrl, `${RETURN_PAGE}?paiwise=cancel&checkout_id=${ID}&status=canceled`);
  });

  it('adds nothing with return_params=none, as the server does', async () => {
    const id = `00000000${'cd'.repeat(12)}`;
    const view = await payOffline(id, 'offline&return_params=none');
    assert.deepEqual([view.returnTo, view.cancelUrl], [`${RETURN_PAGE}?paiwise=return`, `${RETURN_PAGE}?paiwise=cancel`]);
  });
});
