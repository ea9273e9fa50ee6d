// Drives a hosted-checkout demo page (Reepay, Paiwise) as a person does: the real demo server (pages on
// localhost, sandbox on 127.0.0.1), the built bundle, headless Chromium. No tests here; node --test finds none.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../../demo/server.mjs';
import { chromiumLaunchOptions } from '../../browsers.mjs';

const TIMEOUT = 15_000;
export const TEST_CARD = { 'cc-number': '4242 4242 4242 4242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };

/**
 * Starts the demo server and Chromium before the calling file's tests and stops them after; the returned
 * object's `server` is set once they run.
 */
export function useHostedDemo() {
  /** @type {{ server: Awaited<ReturnType<typeof startServer>>, browser: import('puppeteer-core').Browser }} */
  const demo = /** @type {any} */ ({});
  before(async () => {
    assert.ok(existsSync(new URL('../../../dist/cdn/pay-checkout.min.js', import.meta.url)), 'run `npm run build` first');
    demo.server = await startServer({ port: 0, log: false });
    demo.browser = await puppeteer.launch(chromiumLaunchOptions);
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  });
  return demo;
}

/**
 * Opens `path` of the demo server and waits until its element is ready; `errors` collects uncaught exceptions.
 * @param {ReturnType<typeof useHostedDemo>} demo
 * @param {string} path
 */
export async function openDemo(demo, path) {
  const page = await demo.browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  /** @type {Error[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${demo.server.origin}${path}`);
  await waitForStatus(page, 'ready');
  return { page, errors };
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} status
 */
export const waitForStatus = (page, status) =>
  page.waitForFunction((wanted) => document.querySelector('pay-checkout')?.getAttribute('status') === wanted, {}, status);

/** @param {import('puppeteer-core').Page} page */
export const pressPay = (page) =>
  page.evaluate(() => document.querySelector('pay-checkout').shadowRoot.querySelector('[part="button"]').click());

/**
 * The checkout page whose URL starts with `prefix`: a frame in the element's shadow root, or the page itself.
 * @param {import('puppeteer-core').Page} page
 * @param {string} prefix
 */
export async function checkoutFrame(page, prefix) {
  for (const started = Date.now(); Date.now() - started < TIMEOUT; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(prefix));
    if (frame) return frame;
  }
  throw new Error('the checkout page did not open');
}

/**
 * Types the test card into the checkout page and presses its Pay button (`submit`).
 * @param {import('puppeteer-core').Frame} frame
 * @param {string} submit
 */
export async function payWithCard(frame, submit) {
  for (const [autocomplete, text] of Object.entries(TEST_CARD)) {
    const selector = `[autocomplete="${autocomplete}"]`;
    await frame.waitForSelector(selector, { visible: true });
    await frame.type(selector, text);
  }
  // The page's own click, not a mouse click at coordinates: in an out-of-process frame that is still laid out
  // (an inline checkout growing under the page's layout), a click at coordinates can miss, and nothing is paid.
  await frame.$eval(submit, (button) => /** @type {HTMLButtonElement} */ (button).click());
}

/**
 * Waits for the result panel's title to contain `text`; resolves with the result list's text.
 * @param {import('puppeteer-core').Page} page
 * @param {string} text
 */
export async function resultTitle(page, text) {
  await page.waitForFunction((expected) => document.getElementById('result-title')?.textContent?.includes(expected), {}, text);
  return page.$eval('#result-list', (list) => list.textContent);
}
