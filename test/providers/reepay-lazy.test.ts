// What the self-contained build fetches for a Reepay checkout, and when: the adapter before `pay-ready`, the
// checkout page code (frame protocol, modal, session endpoint, redirect) only after it, or before it when
// an inline checkout is shown at once. Runs on dist/cdn (built by `npm test`), each file in a fresh page.
import { expect, waitUntil } from '@open-wc/testing';
import { builtElement, createSession, expectPageCodeAfterReady, fetchedChunks, isPageCode } from '../hosted-cdn-helpers.js';

describe('reepay: what the built file loads, and when', () => {
  it('in a modal, loads only the Reepay adapter before pay-ready, the checkout page code right after, and opens on Pay', async () => {
    const { url } = await createSession('/api/reepay/session');
    const element = await builtElement({ provider: 'reepay', mode: 'modal', 'session-url': url });
    try {
      await expectPageCodeAfterReady(element, 'reepay');
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      await waitUntil(() => element.shadowRoot!.querySelector('dialog')?.open, 'the modal did not open', { timeout: 10_000 });
      expect(fetchedChunks().filter(isPageCode).length, 'each fetched once').to.equal(2);
    } finally {
      element.remove();
    }
  });
});
