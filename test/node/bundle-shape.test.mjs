// The shape of the self-contained build, beyond its bytes (issue 9's "no duplicated helpers across chunks,
// no work at import time, nothing that blocks first render on the network"): importing the file only defines
// the element; every source module ships in exactly one file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { startBenchServer } from '../../bench/server.mjs';

const CDN = new URL('../../dist/cdn/', import.meta.url);

describe('importing dist/cdn/pay-checkout.min.js', () => {
  /** @type {Awaited<ReturnType<typeof startBenchServer>>} */
  let server;
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  before(async () => {
    server = await startBenchServer({ port: 0 });
    browser = await puppeteer.launch(chromiumLaunchOptions);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'defines <pay-checkout> and does nothing else: no request but the file, no timer, listener or DOM change',
    { timeout: 30_000 },
    async () => {
      const page = await browser.newPage();
      try {
        // Counted from before any script of the page runs: what the import schedules or listens to.
        await page.evaluateOnNewDocument(() => {
          const calls = (globalThis.importCalls = /** @type {string[]} */ ([]));
          const count = (/** @type {any} */ target, /** @type {string} */ name, /** @type {string} */ label) => {
            const original = target[name];
            target[name] = function (/** @type {any[]} */ ...args) {
              calls.push(`${label}${name == 'addEventListener' ? ` ${args[0]}` : ''}`);
              return original.apply(this, args);
            };
          };
          for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback', 'fetch']) {
            count(globalThis, name, name);
          }
          count(window, 'addEventListener', 'window');
          count(Document.prototype, 'addEventListener', 'document');
          count(globalThis, 'MutationObserver', 'MutationObserver');
        });
        await page.goto(`${server.origin}/bench/blank.html`);
        const before = await page.evaluate(() => document.documentElement.outerHTML);
        /** @type {string[]} */
        const requested = [];
        page.on('request', (request) => requested.push(new URL(request.url()).pathname));
        const defined = await page.evaluate(async () => {
          await import('/dist/cdn/pay-checkout.min.js');
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return typeof customElements.get('pay-checkout');
        });
        assert.equal(defined, 'function', 'the import defines <pay-checkout>');
        assert.deepEqual(requested, ['/dist/cdn/pay-checkout.min.js'], 'no chunk, locale or SDK is fetched until an element asks');
        // The two frames the test itself waited for are the only scheduled work.
        const calls = await page.evaluate(() => globalThis.importCalls);
        assert.deepEqual(calls, ['requestAnimationFrame', 'requestAnimationFrame'], 'no timer, listener, fetch or observer at import time');
        assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page is as it was');
      } finally {
        await page.close();
      }
    },
  );

  it('renders its loading state while its provider and locale chunks are still on the network', { timeout: 30_000 }, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/bench/blank.html`);
      // Every chunk request stalls: first render must not wait for any of them.
      await page.setRequestInterception(true);
      /** @type {string[]} */
      const stalled = [];
      page.on('request', (request) => {
        if (request.url().includes('/dist/cdn/chunks/')) stalled.push(new URL(request.url()).pathname.split('/').pop() ?? '');
        else void request.continue();
      });
      const shown = await page.evaluate(async () => {
        await import('/dist/cdn/pay-checkout.min.js');
        const element = Object.assign(document.createElement('pay-checkout'), { sessionToken: 'sess_stand_in' });
        for (const [name, value] of Object.entries({ provider: 'pekopay', locale: 'da', amount: '9900', currency: 'DKK' })) {
          element.setAttribute(name, value);
        }
        document.body.append(element);
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const root = /** @type {ShadowRoot} */ (element.shadowRoot);
        const button = /** @type {HTMLButtonElement} */ (root.querySelector('[part="button"]'));
        return {
          status: element.getAttribute('status'),
          placeholder: !!root.querySelector('[part="placeholder"]'),
          button: { text: button.textContent?.trim().replace(/\s+/g, ' '), disabled: button.disabled },
          busy: root.querySelector('[part="fields"]')?.getAttribute('aria-busy'),
        };
      });
      // English texts until Danish arrives; the amount is already in the page's locale.
      assert.deepEqual(shown, { status: 'loading', placeholder: true, button: { text: 'Pay 99,00 kr.', disabled: true }, busy: 'true' });
      assert.deepEqual(
        stalled.map((name) => name.split('-')[0]).sort(),
        ['da', 'pekopay'],
        'both chunks were asked for, and neither has answered',
      );
    } finally {
      await page.close();
    }
  });
});

describe('the files of dist/cdn', () => {
  it('ship every source module in exactly one file (no helper copied into two chunks)', () => {
    const files = [
      'pay-checkout.min.js',
      ...readdirSync(new URL('chunks/', CDN))
        .filter((name) => name.endsWith('.js'))
        .map((name) => `chunks/${name}`),
    ];
    /** @type {Map<string, string[]>} */
    const shippedIn = new Map();
    for (const file of files) {
      const { sources } = JSON.parse(readFileSync(new URL(`${file}.map`, CDN), 'utf8'));
      for (const source of new Set(sources)) shippedIn.set(source, [...(shippedIn.get(source) ?? []), file]);
    }
    assert.ok(shippedIn.size > 20, `the sourcemaps name the sources (${shippedIn.size})`);
    const twice = [...shippedIn].filter(([, where]) => where.length > 1).map(([source, where]) => `${source}: ${where.join(', ')}`);
    assert.deepEqual(twice, []);
  });
});
