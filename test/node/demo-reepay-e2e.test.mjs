// The Reepay demo page end to end, as a person uses it: the real demo server (pages on localhost, sandbox on
// 127.0.0.1), the built bundle, headless Chromium. Each mode pays; a saved card is charged afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('puppeteer-core').Browser} */
let browser;
const TIMEOUT = 15_000;
const CARD = { 'cc-number': '4242 4242 4242 4242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };

before(async () => {
  assert.ok(existsSync(new URL('../../dist/cdn/pay-checkout.min.js', import.meta.url)), 'run `npm run build` first');
  server = await startServer({ port: 0, log: false });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the demo page and waits until its element is ready. */
async function openDemo(query) {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${server.origin}/demo/reepay.html${query}`);
  await page.waitForFunction(() => document.querySelector('pay-checkout')?.getAttribute('status') === 'ready');
  return { page, errors };
}

/** @param {import('puppeteer-core').Page} page */
const pressPay = (page) =>
  page.evaluate(() => document.querySelector('pay-checkout').shadowRoot.querySelector('[part="button"]').click());

/** The checkout page: a frame in the element's shadow root, or (redirect) the page itself. */
async function checkoutFrame(page) {
  for (const started = Date.now(); Date.now() - started < TIMEOUT; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(`${server.sandboxOrigin}/sandbox/reepay/checkout/`));
    if (frame) return frame;
  }
  throw new Error('the checkout page did not open');
}

/** @param {import('puppeteer-core').Frame} frame */
async function payWithCard(frame) {
  for (const [autocomplete, text] of Object.entries(CARD)) {
    const selector = `[autocomplete="${autocomplete}"]`;
    await frame.waitForSelector(selector, { visible: true });
    await frame.type(selector, text);
  }
  await frame.click('#pay');
}

/** @param {import('puppeteer-core').Page} page */
const resultTitle = async (page, text) => {
  await page.waitForFunction((expected) => document.getElementById('result-title')?.textContent?.includes(expected), {}, text);
  return page.$eval('#result-list', (list) => list.textContent);
};

describe('the Reepay demo page', () => {
  for (const mode of ['modal', 'iframe']) {
    it(`pays an order with order lines in the ${mode}, and the shop's server verifies it`, async () => {
      const { page, errors } = await openDemo(`?mode=${mode}`);
      try {
        await pressPay(page);
        await payWithCard(await checkoutFrame(page));
        const list = await resultTitle(page, "Payment authorized, verified by the shop's server");
        assert.match(list, /1055\.75 DKK/);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }

  it('pays on the checkout page with a redirect, and shows the verified result back on the shop', async () => {
    const { page, errors } = await openDemo('?mode=redirect');
    try {
      await Promise.all([page.waitForNavigation(), pressPay(page)]);
      assert.ok(page.url().startsWith(`${server.sandboxOrigin}/sandbox/reepay/checkout/#/cs_`), page.url());
      await Promise.all([page.waitForNavigation(), payWithCard(page.mainFrame())]);
      const back = new URL(page.url());
      assert.equal(back.origin + back.pathname, `${server.origin}/demo/reepay.html`);
      assert.match(back.searchParams.get('id') ?? '', /^cs_/);
      const list = await resultTitle(page, "Payment authorized, verified by the shop's server");
      assert.match(list, /1055\.75 DKK/);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('saves a card in a recurring session, then the backend charges the saved card', async () => {
    const { page, errors } = await openDemo('?mode=modal&kind=recurring');
    try {
      await pressPay(page);
      await payWithCard(await checkoutFrame(page));
      assert.match(await resultTitle(page, 'Card saved'), /ca_[0-9a-f]{32}/);
      await page.click('#charge-saved');
      await page.waitForFunction(() => document.getElementById('charge-result')?.textContent?.includes('settled'));
      assert.match(await page.$eval('#charge-result', (node) => node.textContent), /settled, 199\.00 DKK/);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
