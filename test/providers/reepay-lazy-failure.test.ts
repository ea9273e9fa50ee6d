// A checkout page code that cannot load (the server refuses its module) ends in a recoverable pay-error
// sdk-load, never a hang or an uncaught rejection. Runs on dist/cdn (built by `npm test`) in a page of its
// own (test/fixtures/built-refused-chunk.html, in a frame), whose import map, in place before any module
// loads, sends the shared hosted-page chunk to a URL that answers 404.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../../src/pay-checkout.component.js';
import { chunkUrl, createSession } from '../hosted-cdn-helpers.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from '../ports.js';

type Page = Window & typeof globalThis;

describe('reepay: the checkout page code cannot load', () => {
  let frame: HTMLIFrameElement;
  let page: Page;
  const uncaught: unknown[] = [];

  beforeEach(async () => {
    const refused = await chunkUrl(
      /import\(\s*["'](\.\/chunks\/reepay-[\w-]+\.js)/,
      /from\s*["'](\.\/hosted-checkout-[\w-]+\.js)/,
      /import\(\s*["'](\.\/hosted-page-[\w-]+\.js)/,
    );
    frame = Object.assign(document.createElement('iframe'), { title: 'Built element page' });
    const loaded = oneEvent(frame, 'load');
    frame.src = `/test/fixtures/built-refused-chunk.html#${encodeURIComponent(refused)}`;
    document.body.append(frame);
    await loaded;
    page = frame.contentWindow as Page;
    await page.customElements.whenDefined('pay-checkout');
    (page.customElements.get('pay-checkout') as unknown as typeof import('../../src/index.js').PayCheckout).allowOrigins([SANDBOX_ORIGIN]);
    uncaught.length = 0;
    page.addEventListener('unhandledrejection', (event) => uncaught.push(event.reason));
  });
  afterEach(() => frame.remove());

  /** A built Reepay element in the page, with `attributes`, not yet connected. */
  const builtElement = (attributes: Record<string, string>): PayCheckout => {
    const element = page.document.createElement('pay-checkout') as PayCheckout;
    for (const [name, value] of Object.entries({ provider: 'reepay', environment: 'sandbox', ...attributes }))
      element.setAttribute(name, value);
    return element;
  };

  /** Whether the page has tried the refused module (and had its 404). */
  const refusedTried = () =>
    page.performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/test/fixtures/no-such-module.js'));

  it('in a modal, is ready (the failed prefetch says nothing), and Pay reports pay-error sdk-load with Retry', async () => {
    const { url } = await createSession('/api/reepay/session');
    const element = builtElement({ mode: 'modal', 'session-url': url });
    const errors: Event[] = [];
    element.addEventListener('pay-error', (event) => errors.push(event));
    const ready = oneEvent(element, 'pay-ready');
    page.document.body.append(element);
    await ready;
    // The prefetch after pay-ready fails; that failure is for the Pay that needs the code to report.
    await waitUntil(refusedTried, 'the page code was not prefetched', { timeout: 10_000 });
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
  });

  it('in an inline frame with a given session, reports pay-error sdk-load instead of pay-ready', async () => {
    const { url } = await createSession('/api/reepay/session');
    const element = builtElement({ mode: 'iframe', 'session-url': url });
    const error = oneEvent(element, 'pay-error');
    page.document.body.append(element);
    expect((await error).detail).to.include({ code: 'sdk-load', recoverable: true });
    expect(element.status).to.equal('error');
    expect(uncaught).to.deep.equal([]);
  });
});
