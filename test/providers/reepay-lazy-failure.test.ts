// A checkout page code that cannot load (the server refuses its module) ends in a recoverable pay-error
// sdk-load, never a hang or an uncaught rejection. Runs on dist/cdn (built by `npm test`) in a page of its
// own, where an import map sends the shared hosted-page chunk to a URL that answers 404.
import { expect, oneEvent } from '@open-wc/testing';
import { builtElement, chunkUrl, createSession, refuseModule } from '../hosted-cdn-helpers.js';

describe('reepay: the checkout page code cannot load', () => {
  const uncaught: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
  before(async () => {
    refuseModule(
      await chunkUrl(
        /import\(\s*["'](\.\/chunks\/reepay-[\w-]+\.js)/,
        /from\s*["'](\.\/hosted-checkout-[\w-]+\.js)/,
        /import\(\s*["'](\.\/hosted-page-[\w-]+\.js)/,
      ),
    );
    addEventListener('unhandledrejection', onRejection);
  });
  after(() => removeEventListener('unhandledrejection', onRejection));

  it('in a modal, is ready (the failed prefetch says nothing), and Pay reports pay-error sdk-load with Retry', async () => {
    const { url } = await createSession('/api/reepay/session');
    const element = await builtElement({ provider: 'reepay', mode: 'modal', 'session-url': url });
    const errors: Event[] = [];
    element.addEventListener('pay-error', (event) => errors.push(event));
    const ready = oneEvent(element, 'pay-ready');
    document.body.append(element);
    try {
      await ready;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(errors, 'no error before Pay').to.deep.equal([]);
      expect(element.status).to.equal('ready');
      const error = oneEvent(element, 'pay-error');
      element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
      const { detail } = await error;
      expect(detail).to.include({ code: 'sdk-load', recoverable: true, provider: 'reepay' });
      expect(element.status).to.equal('error');
      expect(element.shadowRoot!.querySelector('[part="retry"]'), 'Retry').to.not.equal(null);
      expect(!element.shadowRoot!.querySelector('dialog'), 'no modal').to.equal(true);
      expect(uncaught).to.deep.equal([]);
    } finally {
      element.remove();
    }
  });

  it('in an inline frame with a given session, reports pay-error sdk-load instead of pay-ready', async () => {
    const { url } = await createSession('/api/reepay/session');
    const element = await builtElement({ provider: 'reepay', mode: 'iframe', 'session-url': url });
    const error = oneEvent(element, 'pay-error');
    document.body.append(element);
    try {
      expect((await error).detail).to.include({ code: 'sdk-load', recoverable: true });
      expect(element.status).to.equal('error');
      expect(uncaught).to.deep.equal([]);
    } finally {
      element.remove();
    }
  });
});
