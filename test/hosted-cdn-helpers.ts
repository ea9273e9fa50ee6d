// Helpers of the tests of the self-contained build (dist/cdn, built by `npm test` first): the element it
// defines, and what it fetches for a hosted checkout, and when. They must not import src/: the element under
// test is the built one.
import { expect, waitUntil } from '@open-wc/testing';
import type { PayCheckout } from '../src/pay-checkout.component.js';
// @ts-expect-error plain JS module shared with the Node config
import { SANDBOX_ORIGIN } from './ports.js';

const CDN = '/dist/cdn/';

/** The file names of the build's chunks this page has fetched so far, in order. */
export const fetchedChunks = (): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith(`${CDN}chunks/`))
    .map((path) => path.slice(`${CDN}chunks/`.length));

/**
 * The URL of a chunk, found by following `steps` from the entry: each step is a pattern whose first group
 * is the next file's path relative to the current one.
 */
export const chunkUrl = async (...steps: RegExp[]): Promise<string> => {
  let url = new URL(`${CDN}pay-checkout.min.js`, location.href);
  for (const step of steps) {
    const text = await (await fetch(url)).text();
    const found = step.exec(text);
    if (!found) throw new Error(`${step} not in ${url.pathname}: ${text.slice(0, 300)}`);
    url = new URL(found[1], url);
  }
  return url.href;
};

/**
 * Makes every import of `url` fail, as a server refusing it would (404): an import map, added before
 * anything resolves that URL, points it at a module that does not exist.
 */
export const refuseModule = (url: string): void => {
  const map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ imports: { [url]: '/test/fixtures/no-such-module.js' } });
  document.head.append(map);
};

/** A <pay-checkout> of the built file (imported first), sandbox origins allowed, with `attributes`. */
export const builtElement = async (attributes: Record<string, string>): Promise<PayCheckout> => {
  // @ts-expect-error the built file has no declarations next to it
  await import('../dist/cdn/pay-checkout.min.js');
  const PayCheckoutClass = customElements.get('pay-checkout') as unknown as typeof PayCheckout;
  PayCheckoutClass.allowOrigins([SANDBOX_ORIGIN]);
  const element = document.createElement('pay-checkout') as PayCheckout;
  for (const [name, value] of Object.entries({ environment: 'sandbox', ...attributes })) element.setAttribute(name, value);
  return element;
};

/**
 * Connects `element` and resolves with the chunks fetched by the time it emitted `pay-ready`: read in the
 * event's listener, before the element goes on (it prefetches the page code right after; a cached chunk can be
 * in the resource timeline before a promise callback would run).
 */
export const chunksAtReady = (element: PayCheckout): Promise<string[]> => {
  const ready = new Promise<string[]>((resolve) => element.addEventListener('pay-ready', () => resolve(fetchedChunks()), { once: true }));
  document.body.append(element);
  return ready;
};

/** The checkout page code: the part hosted checkouts share (hosted-page) and the provider's own (reepay-page, paiwise-page). */
export const isPageCode = (file: string): boolean => /^([a-z]+-)?page-[\w-]+\.js$/.test(file);

/**
 * Connects `element` and checks that by `pay-ready` it fetched `provider`'s adapter and no checkout page code,
 * which it then fetches without a click (so that Pay does not wait on the network).
 */
export const expectPageCodeAfterReady = async (element: PayCheckout, provider: string): Promise<void> => {
  const before = await chunksAtReady(element);
  expect(
    before.some((file) => file.startsWith(`${provider}-`)),
    'the adapter',
  ).to.equal(true);
  expect(before.filter(isPageCode), 'no checkout page code before pay-ready').to.deep.equal([]);
  await waitUntil(() => fetchedChunks().filter(isPageCode).length == 2, 'the page code is not prefetched', { timeout: 10_000 });
};

/** `{ id, url }` of a session the demo merchant backend creates (`path`: its session endpoint). */
export const createSession = async (path: string, body: Record<string, unknown> = {}): Promise<{ id: string; url: string }> =>
  (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
