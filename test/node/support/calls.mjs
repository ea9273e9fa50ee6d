// Helpers for the Node tests of pay-checkout/server's clients: the error a call rejects with, and a fetch that
// records every request it sends. No tests here; node --test finds none.
import assert from 'node:assert/strict';

/** Resolves to the error `promise` rejects with; fails the test when it resolves. */
export async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/**
 * A fetch for a client's `fetch` option that pushes `{ input, init }` of each request onto `sent`.
 * @param {{ input: string, init: RequestInit }[]} sent
 */
export const recordingFetch = (sent) => (input, init) => {
  sent.push({ input, init });
  return fetch(input, init);
};
