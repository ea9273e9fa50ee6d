// The React and Vue demos (demo/frameworks/, bundled by `npm run build` to demo/build/ with the package
// imported by name) in headless Chromium: a test card typed into the sandbox's cross-origin card frame
// produces a `pay-token` that reaches the framework's own handler, which renders it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server.mjs';
import { chromiumLaunchOptions, pageProblems, payWithTestCard } from '../chromium.mjs';

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

describe('framework demos', () => {
  for (const { name, handler } of [
    { name: 'react', handler: 'the onPayToken prop of <PayCheckout> from pay-checkout/react' },
    { name: 'vue', handler: 'the @pay-token listener in the Vue template' },
  ]) {
    it(`the ${name} demo shows the token that ${handler} received`, { timeout: 60_000 }, async () => {
      const page = await browser.newPage();
      const problems = pageProblems(page);
      try {
        // What the element itself emitted, seen before any framework code runs.
        await page.evaluateOnNewDocument(() => {
          const emitted = (/** @type {any} */ (window).emitted = []);
          const record = (/** @type {any} */ event) => emitted.push(event.detail.paymentToken);
          document.addEventListener('pay-token', record, true);
        });
        await page.goto(`${server.origin}/demo/build/${name}.html`);
        await payWithTestCard(page).catch((error) => assert.fail(`${error.message}; the page said: ${problems.join('; ')}`));
        const shown = await page.waitForSelector('#token-value', { timeout: 15_000 });
        const token = await shown?.evaluate((element) => element.textContent);
        const emitted = await page.evaluate(() => /** @type {any} */ (window).emitted);
        assert.match(token ?? '', /^sess_[0-9a-f]+$/);
        assert.deepEqual(emitted, [token], 'the element emitted one pay-token, and the framework rendered its token');
        assert.equal(await page.$eval('#token-card', (element) => element.textContent), 'VISA ending in 4242');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
