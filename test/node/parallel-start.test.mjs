// Issue 20, point 1: once an element is connected with a valid configuration, the entry starts what the
// provider's chunk will need beside that chunk's import, not after it. Checked on the self-contained build
// (what `npm run build` wrote) in headless Chromium against the sandbox: the provider's chunk is held back,
// and what the page requests while it is held is what the entry started by itself: not the chunk's imports,
// which the browser would find only once the chunk has arrived (one request after another).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { firstLoadCases } from '../../bench/first-load.mjs';
import { startBenchServer } from '../../bench/server.mjs';

const server = await startBenchServer({ port: 0 });
const browser = await puppeteer.launch(chromiumLaunchOptions);
after(async () => {
  await browser.close();
  await server.close();
});

const CASES = firstLoadCases(server.sandboxOrigin);
const caseOf = (/** @type {string} */ provider, /** @type {string} */ mode, /** @type {string} */ variant) => {
  const found = CASES.find((setup) => setup.provider == provider && setup.mode == mode && setup.variant == variant);
  assert.ok(found, `${provider} ${mode} (${variant}) is a first-load case`);
  return found;
};

/**
 * Opens the first-load page, inserts `setup`'s element with the request for its provider's chunk held, and
 * gives `whileHeld` the URLs requested since the insertion (and the page) before letting the chunk go.
 * Resolves once the element is ready, with every URL requested since the insertion.
 * @param {import('../../bench/first-load.mjs').FirstLoadCase} setup
 * @param {(requested: () => string[], page: import('puppeteer-core').Page) => Promise<void>} whileHeld
 */
async function withChunkHeld(setup, whileHeld) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/bench/first-load.html`);
    await page.waitForFunction(() => 'firstLoad' in globalThis);
    /** @type {string[]} */
    const requested = [];
    /** @type {import('puppeteer-core').HTTPRequest | undefined} */
    let held;
    const chunk = new RegExp(`/dist/cdn/chunks/${setup.provider}-[\\w-]{8}\\.js$`);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      requested.push(request.url());
      if (!held && chunk.test(request.url())) held = request;
      else void request.continue();
    });
    await page.evaluate((s) => {
      globalThis.readyOrError = globalThis.firstLoad.mount(s).then(
        () => 'ready',
        (/** @type {Error} */ error) => error.message,
      );
    }, /** @type {any} */ (setup));
    for (const deadline = Date.now() + 5000; !held; await new Promise((resolve) => setTimeout(resolve, 20))) {
      assert.ok(Date.now() < deadline, `the ${setup.provider} chunk is requested`);
    }
    await whileHeld(() => [...requested], page);
    await /** @type {import('puppeteer-core').HTTPRequest} */ (held).continue();
    assert.equal(await page.evaluate(() => globalThis.readyOrError), 'ready');
    return requested;
  } finally {
    await context.close();
  }
}

/** Waits (up to 5 s) until `requested()` holds a URL matching each of `patterns`; fails naming those missing. */
async function untilRequested(/** @type {() => string[]} */ requested, /** @type {RegExp[]} */ patterns) {
  const missing = () => patterns.filter((pattern) => !requested().some((url) => pattern.test(url)));
  for (const deadline = Date.now() + 5000; missing().length && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(missing(), [], `requested while the chunk was held: ${requested().join(', ')}`);
}

const SDK = /\/sandbox\/pekopay\/web\/dist\/index\.js$/;
const TOKEN = /\/api\/pekopay\/token$/;

describe('the entry starts what the provider needs beside its chunk', () => {
  it(
    'PekoPay: the SDK import and the token-url fetch start before the chunk arrives, and the chunk uses both',
    { timeout: 60_000 },
    async () => {
      const requested = await withChunkHeld(caseOf('pekopay', 'embedded', 'new card'), (requestedSoFar) =>
        untilRequested(requestedSoFar, [SDK, TOKEN]),
      );
      assert.equal(requested.filter((url) => TOKEN.test(url)).length, 1, 'one token fetched: the chunk took the early one');
      assert.equal(requested.filter((url) => SDK.test(url)).length, 1, 'the SDK imported once');
    },
  );

  it('PekoPay with saved cards: neither SDK nor token before the payer asks for a new card', { timeout: 60_000 }, async () => {
    const requested = await withChunkHeld(caseOf('pekopay', 'embedded', 'saved cards'), async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    assert.deepEqual(
      requested.filter((url) => SDK.test(url) || TOKEN.test(url)),
      [],
      'a saved card is chosen at first: the card fields load only for a new card',
    );
  });

  const HOSTED_CHECKOUT = /\/dist\/cdn\/chunks\/hosted-checkout-[\w-]{8}\.js$/;
  const HOSTED_PAGE = /\/dist\/cdn\/chunks\/hosted-page-[\w-]{8}\.js$/;
  const pageOf = (/** @type {string} */ provider) => new RegExp(`/dist/cdn/chunks/${provider}-page-[\\w-]{8}\\.js$`);

  for (const provider of ['reepay', 'paiwise']) {
    it(
      `${provider}: the hosted-checkout code its chunk imports is requested beside it, not once it has arrived`,
      { timeout: 60_000 },
      async () => {
        const requested = await withChunkHeld(caseOf(provider, 'modal', 'session-url'), async (requestedSoFar) => {
          await untilRequested(requestedSoFar, [HOSTED_CHECKOUT]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          const early = requestedSoFar().filter((url) => HOSTED_PAGE.test(url) || pageOf(provider).test(url));
          assert.deepEqual(early, [], 'a modal loads its page code after pay-ready, not in its first load');
        });
        assert.equal(requested.filter((url) => HOSTED_CHECKOUT.test(url)).length, 1, 'the hosted-checkout code imported once');
      },
    );

    it(`${provider}: a connection to the given session's checkout origin opens before the chunk arrives`, { timeout: 60_000 }, async () => {
      await withChunkHeld(caseOf(provider, 'modal', 'session-url'), async (_, page) => {
        const hrefs = await page.evaluate(() =>
          [...document.head.querySelectorAll('link[rel="preconnect"]')].map((link) => link.getAttribute('href')),
        );
        assert.deepEqual(hrefs, [server.sandboxOrigin]);
      });
    });
  }
});
