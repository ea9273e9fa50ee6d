// End to end: headless Chromium drives the real demo (the server `npm start` runs, on a free port) as a
// person would: it types a test card into the cross-origin card frame, pays, and the test then asks the
// PekoPay sandbox itself that the transaction exists with the right total. One-time checkout, subscription
// signup and upgrade, and the bare one-script-tag page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { PekoPayClient } from 'pay-checkout/server';
import { startServer } from '../../demo/server.mjs';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { TENANT } from './pekopay-helpers.mjs';

/** Generous: the machine running this may be a loaded 2-core CI box. */
const STEP_MS = 30_000;
const TEST_MS = 120_000;

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** @type {import('puppeteer-core').Browser} */
let browser;
/** @type {PekoPayClient} */
let pekopay;

before(async () => {
  server = await startServer({ port: 0, log: false });
  pekopay = new PekoPayClient({
    baseUrl: `${server.sandboxOrigin}/sandbox/pekopay`,
    tenantId: TENANT,
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
  });
  browser = await puppeteer.launch(chromiumLaunchOptions);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Runs `steps` in a fresh page (own cookies and storage) on the demo page at `path`, then checks that the
 * page threw nothing; the page is closed either way.
 * @param {string} path
 * @param {(page: import('puppeteer-core').Page) => Promise<void>} steps
 */
async function onDemo(path, steps) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}${path}`);
    await steps(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

/** @param {import('puppeteer-core').Page} page */
const elementReady = (page) => page.waitForFunction(() => document.querySelector('pay-checkout')?.getAttribute('status') === 'ready');

/**
 * Types a card into the hosted fields, which live in a frame from another origin (127.0.0.1).
 * @param {import('puppeteer-core').Page} page
 */
async function typeCard(page, number = '4242 4242 4242 4242', name = 'Sarah Ng') {
  const frame = page.frames().find((candidate) => candidate.name().startsWith('peko-card-'));
  assert.ok(frame, 'the card frame is mounted');
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin, 'the card frame is cross-origin');
  for (const [autocomplete, text] of Object.entries({ 'cc-number': number, 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': name })) {
    const selector = `[autocomplete="${autocomplete}"]`;
    await frame.waitForSelector(selector, { visible: true });
    // Focused with its text selected, as a keyboard user tabbing in finds it, then typed over: a mouse click into
    // a frame of another site waits for Chromium's hit test, which a loaded machine can lose.
    await frame.$eval(selector, (input) => {
      /** @type {HTMLInputElement} */ (input).focus();
      /** @type {HTMLInputElement} */ (input).select();
    });
    await frame.type(selector, text);
  }
}

/** Presses the element's Pay button, inside its shadow root. @param {import('puppeteer-core').Page} page */
const pay = (page) => page.click('pay-checkout >>> button[part="button"]');

/** @param {import('puppeteer-core').Page} page @param {string} selector */
const text = (page, selector) => page.$eval(selector, (node) => node.textContent?.trim() ?? '');

describe('demo pages in Chromium', { timeout: TEST_MS * 4 }, () => {
  it(
    'e-commerce checkout: pays the cart and PekoPay holds the transaction with the server-computed total',
    { timeout: TEST_MS },
    async () => {
      await onDemo('/demo/pekopay-checkout.html', async (page) => {
        await page.waitForSelector('input.quantity');
        await page.click('#continue');
        await page.waitForSelector('#payment:not([hidden])');
        await elementReady(page);
        assert.equal(await page.$eval('pay-checkout', (element) => element.getAttribute('amount')), '27775');
        await typeCard(page);
        await pay(page);
        await page.waitForSelector('#confirmation:not([hidden])');
        const transactionId = await text(page, '#transaction-id');
        assert.match(await text(page, '#order-id'), /^ord_/);
        assert.equal(await text(page, '#order-total'), '$277.75');

        const transaction = await pekopay.getTransaction(transactionId);
        assert.equal(transaction.status, 'SUCCEEDED');
        assert.equal(transaction.type, 'ONE_TIME');
        assert.equal(transaction.total, 277.75);
        assert.deepEqual(
          transaction.items.map((item) => [item.name, item.quantity]),
          [
            ['Trailhead 30 L backpack', 2],
            ['Rechargeable headlamp', 1],
          ],
        );
        assert.deepEqual(transaction.card, { cardLastFourDigits: '4242', cardType: 'VISA' });
        assert.equal((await pekopay.getCustomer(transaction.customerId)).email, 'sarah@example.com');

        // The sandbox's signed webhook reached the shop, which says so on the page and in its activity panel.
        await page.waitForFunction(() => document.getElementById('order-webhook')?.textContent?.startsWith('yes'));
        await page.waitForFunction(() =>
          document.getElementById('activity-log')?.textContent?.includes('transaction.succeeded (signature verified)'),
        );
        assert.ok((await text(page, '#event-log')).includes('pay-token'));
      });
    },
  );

  it(
    'e-commerce checkout: a returning customer pays with the saved card, which the backend makes the default and charges',
    { timeout: TEST_MS },
    async () => {
      // Runs after the first test: sarah@example.com paid with 4242 there, and PekoPay kept the card.
      await onDemo('/demo/pekopay-checkout.html', async (page) => {
        await page.waitForSelector('input.quantity');
        await page.click('#continue');
        await elementReady(page);
        const options = await page.$$eval('pay-checkout >>> [part="card-option"]', (labels) =>
          labels.map((label) => label.textContent?.trim()),
        );
        assert.deepEqual(options, ['Visa ending in 4242', 'Use a new card']);
        assert.equal(await page.$$eval('pay-checkout iframe', (frames) => frames.length), 0, 'no card fields until a new card is chosen');
        await pay(page);
        await page.waitForSelector('#confirmation:not([hidden])');
        const transaction = await pekopay.getTransaction(await text(page, '#transaction-id'));
        assert.equal(transaction.status, 'SUCCEEDED');
        assert.deepEqual(transaction.card, { cardLastFourDigits: '4242', cardType: 'VISA' });
        assert.equal((await pekopay.getCustomer(transaction.customerId)).email, 'sarah@example.com');
      });
    },
  );

  it('e-commerce checkout: a card declined when charged shows the error, and another card then pays', { timeout: TEST_MS }, async () => {
    await onDemo('/demo/pekopay-checkout.html', async (page) => {
      await page.waitForSelector('input.quantity');
      // A new customer: no saved cards, so the card fields show at once.
      await page.$eval('#email', (input) => {
        /** @type {HTMLInputElement} */ (input).value = 'lee@example.com';
      });
      await page.click('#continue');
      await elementReady(page);
      await typeCard(page, '4000 0000 0000 0341');
      await pay(page);
      await page.waitForFunction(() => document.getElementById('pay-error')?.textContent?.includes('payment_declined'));
      await elementReady(page); // reset() fetched a fresh token: the spent one is never reused
      await typeCard(page, '5555 5555 5555 4444');
      await pay(page);
      await page.waitForSelector('#confirmation:not([hidden])');
      const transaction = await pekopay.getTransaction(await text(page, '#transaction-id'));
      assert.equal(transaction.status, 'SUCCEEDED');
      assert.equal(transaction.card.cardType, 'MASTERCARD');
      const declined = (await pekopay.listTransactions({ customerId: transaction.customerId })).filter((txn) => txn.status === 'DECLINED');
      assert.ok(declined.some((txn) => txn.card.cardLastFourDigits === '0341'));
    });
  });

  it(
    'SaaS signup: starts the trial, upgrades with switch-plan, and the first charge is the new plan with taxes',
    { timeout: TEST_MS },
    async () => {
      await onDemo('/demo/pekopay-saas.html', async (page) => {
        await page.waitForSelector('input[name="plan"][value="starter"]:checked');
        await elementReady(page);
        assert.equal(await text(page, 'pay-checkout > [slot="button-label"]'), 'Start 14-day free trial');
        await typeCard(page, '4242 4242 4242 4242', 'Jane Doe');
        await pay(page);
        await page.waitForSelector('#account:not([hidden])');
        await page.waitForFunction(() => document.getElementById('subscription-status')?.textContent === 'TRIALING');
        const subscriptionId = await text(page, '#subscription-id');

        const signedUp = await pekopay.getSubscription(subscriptionId);
        assert.equal(signedUp.status, 'TRIALING');
        assert.equal(signedUp.planName, 'Starter Monthly');
        assert.equal((await pekopay.getCustomer(signedUp.customerId)).email, 'jane@acme.com');
        assert.deepEqual(await pekopay.listTransactions({ subscriptionId }), [], 'the trial charges nothing');

        await page.click('#upgrade');
        await page.waitForFunction(() => document.getElementById('subscription-plan')?.textContent?.startsWith('Growth Monthly'));
        const upgraded = await pekopay.getSubscription(subscriptionId);
        assert.equal(upgraded.planName, 'Growth Monthly');
        assert.equal(upgraded.total, 110.88);

        await page.click('#end-trial');
        await page.waitForSelector('#charges tr[data-transaction-id]');
        const [charge] = await pekopay.listTransactions({ subscriptionId });
        assert.equal(charge.status, 'SUCCEEDED');
        assert.equal(charge.type, 'SUBSCRIPTION');
        assert.equal(charge.items[0].name, 'Growth Monthly');
        assert.equal(charge.total, 110.88);
        assert.equal(await page.$eval('#charges tr[data-transaction-id]', (row) => row.dataset.transactionId), charge.id);
        // The shop's own entitlement follows PekoPay's webhooks.
        await page.waitForFunction(() => document.getElementById('account-status')?.textContent === 'ACTIVE on Growth Monthly');
      });
    },
  );

  it('bare page: one script tag with the built file pays, and PekoPay holds the transaction', { timeout: TEST_MS }, async () => {
    await onDemo('/demo/bare.html', async (page) => {
      const bundles = await page.$$eval('script[src]', (scripts) => scripts.map((script) => script.getAttribute('src')));
      assert.deepEqual(bundles, ['/dist/cdn/pay-checkout.min.js']);
      await elementReady(page);
      await typeCard(page, '4242 4242 4242 4242', 'Bare Page');
      await pay(page);
      await page.waitForFunction(() => document.getElementById('result')?.textContent?.startsWith('Paid'));
      const transactionId = /PekoPay transaction (txn_\w+)/.exec(await text(page, '#result'))?.[1];
      assert.ok(transactionId);
      const transaction = await pekopay.getTransaction(transactionId);
      assert.equal(transaction.total, 110.88);
      assert.equal(transaction.items[0].name, 'Trailhead 30 L backpack');
    });
  });
});
