// The Paiwise demo page end to end, as a person uses it: the real demo server (pages on localhost, sandbox on
// 127.0.0.1), the built bundle, headless Chromium, the element's default return URLs (the demo page itself).
// Each mode pays; a deposit is reserved, then captured and refunded, or released; a cancel pays nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkoutFrame, openDemo, payWithCard, pressPay, resultTitle, useHostedDemo, waitForStatus } from './support/hosted-demo.mjs';

const demo = useHostedDemo();
const hosted = () => `${demo.server.sandboxOrigin}/sandbox/paiwise/pay/checkout.html`;
const VERIFIED = "verified by the shop's server";

/**
 * Runs `steps` on the demo page at `query`, then checks that nothing was thrown on it.
 * @param {string} query
 * @param {(page: import('puppeteer-core').Page) => Promise<void>} steps
 */
async function onDemo(query, steps) {
  const { page, errors } = await openDemo(demo, `/demo/paiwise.html${query}`);
  try {
    await steps(page);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}

/** @param {import('puppeteer-core').Page} page */
const payInFrame = async (page) => {
  await pressPay(page);
  await payWithCard(await checkoutFrame(page, hosted()), '#pay-button');
};

/**
 * Clicks a result-panel button and waits for the title Paiwise's new status gives.
 * @param {import('puppeteer-core').Page} page
 * @param {string} button
 * @param {string} title
 */
const backendDoes = async (page, button, title) => {
  // Clicked as the page's own click would: a mouse click at coordinates can miss while the layout still moves
  // (the inline frame just went away above the result panel).
  await page.$eval(button, (element) => /** @type {HTMLButtonElement} */ (element).click());
  return resultTitle(page, `${title}, ${VERIFIED}`);
};

describe('the Paiwise demo page', () => {
  for (const mode of ['modal', 'iframe']) {
    it(`pays the backpack in the ${mode}, and shows the status the shop's server got from Paiwise`, () =>
      onDemo(`?mode=${mode}`, async (page) => {
        await payInFrame(page);
        const list = await resultTitle(page, `Payment received, ${VERIFIED}`);
        assert.match(list, /Status \(from Paiwise\)paid/);
        assert.match(list, /899\.00 SEK/);
        await waitForStatus(page, 'complete');
        assert.equal(await page.$eval('pay-checkout', (element) => element.shadowRoot.querySelectorAll('iframe').length), 0);
      }));
  }

  it('pays on the checkout page with a redirect, and shows the verified result back on the shop', () =>
    onDemo('?mode=redirect', async (page) => {
      await Promise.all([page.waitForNavigation(), pressPay(page)]);
      assert.ok(page.url().startsWith(`${hosted()}?checkout_id=`), page.url());
      await Promise.all([page.waitForNavigation(), payWithCard(page.mainFrame(), '#pay-button')]);
      const back = new URL(page.url());
      assert.equal(back.origin + back.pathname, `${demo.server.origin}/demo/paiwise.html`);
      assert.equal(back.searchParams.get('mode'), 'redirect');
      assert.equal(back.searchParams.get('paiwise'), 'return');
      assert.equal(back.searchParams.get('status'), 'paid');
      const list = await resultTitle(page, `Payment received, ${VERIFIED}`);
      assert.ok(list.includes(back.searchParams.get('checkout_id') ?? 'no id'), list);
    }));

  it('reserves the bike deposit, then the backend captures it and refunds it', () =>
    onDemo('?mode=modal&product=bike-rental', async (page) => {
      await payInFrame(page);
      assert.match(await resultTitle(page, `Deposit reserved on your card, ${VERIFIED}`), /500\.00 SEK/);
      await backendDoes(page, '#capture', 'Payment received');
      const list = await backendDoes(page, '#refund', 'Payment refunded');
      assert.match(list, /Refunded500\.00 SEK/);
    }));

  it('reserves the bike deposit in the inline frame, then the backend releases it', () =>
    onDemo('?mode=iframe&product=bike-rental', async (page) => {
      await payInFrame(page);
      await resultTitle(page, `Deposit reserved on your card, ${VERIFIED}`);
      assert.match(await backendDoes(page, '#refund', 'Deposit released'), /reserve released/);
    }));

  it('comes back ready to pay when the payer cancels in the inline frame, and shows no result', () =>
    onDemo('?mode=iframe', async (page) => {
      await pressPay(page);
      const frame = await checkoutFrame(page, hosted());
      await frame.waitForSelector('#cancel-link', { visible: true });
      // Follow the link as the page's own click would: a mouse click at coordinates in an out-of-process
      // frame can miss on a loaded machine, and then nothing navigates.
      await frame.$eval('#cancel-link', (link) => /** @type {HTMLAnchorElement} */ (link).click());
      await page.waitForFunction(() => document.querySelector('.event-pay-cancel'));
      await waitForStatus(page, 'ready');
      assert.equal(await page.$eval('#result', (result) => result.hidden), true);
    }));
});
