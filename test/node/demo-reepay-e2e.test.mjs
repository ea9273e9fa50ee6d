// The Reepay demo page end to end, as a person uses it: the real demo server (pages on localhost, sandbox on
// 127.0.0.1), the built bundle, headless Chromium. Each mode pays; a saved card is charged afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkoutFrame, openDemo, payWithCard, pressPay, resultTitle, useHostedDemo } from './support/hosted-demo.mjs';

const demo = useHostedDemo();
const checkout = () => `${demo.server.sandboxOrigin}/sandbox/reepay/checkout/`;

describe('the Reepay demo page', () => {
  for (const mode of ['modal', 'iframe']) {
    it(`pays an order with order lines in the ${mode}, and the shop's server verifies it`, async () => {
      const { page, errors } = await openDemo(demo, `/demo/reepay.html?mode=${mode}`);
      try {
        await pressPay(page);
        await payWithCard(await checkoutFrame(page, checkout()), '#pay');
        const list = await resultTitle(page, "Payment authorized, verified by the shop's server");
        assert.match(list, /1055\.75 DKK/);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }

  it('pays on the checkout page with a redirect, and shows the verified result back on the shop', async () => {
    const { page, errors } = await openDemo(demo, '/demo/reepay.html?mode=redirect');
    try {
      await Promise.all([page.waitForNavigation(), pressPay(page)]);
      assert.ok(page.url().startsWith(`${checkout()}#/cs_`), page.url());
      await Promise.all([page.waitForNavigation(), payWithCard(page.mainFrame(), '#pay')]);
      const back = new URL(page.url());
      assert.equal(back.origin + back.pathname, `${demo.server.origin}/demo/reepay.html`);
      assert.match(back.searchParams.get('id') ?? '', /^cs_/);
      const list = await resultTitle(page, "Payment authorized, verified by the shop's server");
      assert.match(list, /1055\.75 DKK/);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('saves a card in a recurring session, then the backend charges the saved card', async () => {
    const { page, errors } = await openDemo(demo, '/demo/reepay.html?mode=modal&kind=recurring');
    try {
      await pressPay(page);
      await payWithCard(await checkoutFrame(page, checkout()), '#pay');
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
