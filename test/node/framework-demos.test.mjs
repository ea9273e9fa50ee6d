// The React and Vue demos (demo/frameworks/, bundled by `npm run build` to demo/build/ with the package
// imported by name) in headless Chromium: test cards typed into the sandbox's cross-origin card frame make
// the element dispatch its events (a declined card's `pay-error`, then a `pay-token`), and each one reaches
// the framework's own handler; the token is what the framework renders.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server.mjs';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { pageProblems, payWithTestCard } from './support/browser-page.mjs';

const root = new URL('../..', import.meta.url);
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  assert.ok(existsSync(new URL('demo/build/react.js', root)), 'run npm run build first');
  server = await startServer({ port: 0, log: false });
  browser = await puppeteer.launch(chromiumLaunchOptions);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The element's events, as the page's framework code listens to them. */
const EVENT_TYPES = ['pay-ready', 'pay-change', 'pay-token', 'pay-error'];
const DECLINED_CARD = '4000000000000002';

describe('framework demos', () => {
  for (const { name, handlers } of [
    { name: 'react', handlers: 'the on… props of <PayCheckout> from pay-checkout/react' },
    { name: 'vue', handlers: 'the @pay-… listeners in the Vue template' },
  ]) {
    it(`the ${name} demo: a declined card, then a token, reach ${handlers}, event for event`, { timeout: 60_000 }, async () => {
      const page = await browser.newPage();
      const problems = pageProblems(page);
      try {
        // What the element itself dispatched, seen before any framework code runs.
        await page.evaluateOnNewDocument((types) => {
          const emitted = /** @type {any} */ (window.emitted = []);
          for (const type of types) document.addEventListener(type, (event) => emitted.push(event.type), true);
        }, EVENT_TYPES);
        await page.goto(`${server.origin}/demo/build/${name}.html`);
        const received = () => page.$$eval('#received li', (items) => items.map((item) => item.textContent));
        const failed = (/** @type {Error} */ error) => assert.fail(`${error.message}; the page said: ${problems.join('; ')}`);

        await payWithTestCard(page, DECLINED_CARD).catch(failed);
        await page.waitForFunction(() => document.querySelector('#received')?.textContent?.includes('pay-error'));
        await payWithTestCard(page).catch(failed);
        const shown = await page.waitForSelector('#token-value', { timeout: 15_000 });

        assert.match((await shown?.evaluate((element) => element.textContent)) ?? '', /^sess_[0-9a-f]+$/);
        assert.equal(await page.$eval('#token-card', (element) => element.textContent), 'VISA ending in 4242');
        const emitted = await page.evaluate(() => /** @type {any} */ (window).emitted);
        assert.deepEqual([...new Set(emitted)].sort(), [...EVENT_TYPES].sort(), 'the element dispatched each event');
        assert.deepEqual(await received(), emitted, 'the framework received every event the element dispatched');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
