// What the self-contained build fetches for a Paiwise checkout, and when (see reepay-lazy.test.ts). Runs on
// dist/cdn (built by `npm test`), in a page of its own.
import { expect, oneEvent } from '@open-wc/testing';
import { builtElement, chunksAtReady, createSession, expectPageCodeAfterReady, isPageCode } from '../hosted-cdn-helpers.js';
import { RETURN_URLS, SESSION_ENDPOINT } from '../paiwise-helpers.js';

describe('paiwise: what the built file loads, and when', () => {
  it('for a redirect, loads only the Paiwise adapter before pay-ready, and the rest before Pay leaves', async () => {
    const { url } = await createSession(SESSION_ENDPOINT, { mode: 'redirect', ...RETURN_URLS });
    const element = await builtElement({ provider: 'paiwise', mode: 'redirect', 'session-url': url });
    try {
      await expectPageCodeAfterReady(element, 'paiwise');
      const redirect = oneEvent(element, 'pay-redirect');
      element.addEventListener('pay-redirect', (event) => event.preventDefault(), { once: true });
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      expect((await redirect).detail).to.include({ provider: 'paiwise', url });
    } finally {
      element.remove();
    }
  });

  it('in an inline frame with a given session, loads the page code before pay-ready (the frame is shown at once)', async () => {
    const { url } = await createSession(SESSION_ENDPOINT, RETURN_URLS);
    const element = await builtElement({ provider: 'paiwise', mode: 'iframe', 'session-url': url });
    try {
      const chunks = await chunksAtReady(element);
      expect(
        chunks
          .filter(isPageCode)
          .map((file) => file.replace(/-[\w-]{8}\.js$/, ''))
          .sort(),
        'the page code',
      ).to.deep.equal(['hosted-page', 'paiwise-page']);
      expect(element.shadowRoot!.querySelector('iframe')?.hidden).to.equal(false);
    } finally {
      element.remove();
    }
  });
});
