// The byte budgets of the self-contained build (bench/budgets.mjs), checked on what `npm run build` wrote:
// every provider's first load, observed in headless Chromium against the sandbox (bench/first-load.mjs),
// and everything we ship, gzip -9. Figures and gaps are printed as diagnostics.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { BUDGETS, checkBudgets, firstLoadBudget } from '../../bench/budgets.mjs';
import { firstLoadCases, observeFirstLoads, openAtReady } from '../../bench/first-load.mjs';
import { startBenchServer } from '../../bench/server.mjs';
import { ENTRY, measureBundle } from '../../bench/sizes.mjs';

const providersDir = new URL('../../src/providers/', import.meta.url);
const providerFolders = readdirSync(providersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/index.ts`, providersDir)))
  .map((entry) => entry.name);

const sizes = measureBundle();
const server = await startBenchServer({ port: 0 });
const browser = await puppeteer.launch(chromiumLaunchOptions);
after(async () => {
  await browser.close();
  await server.close();
});
const observed = await observeFirstLoads(sizes, { browser, server });

/** The build file that holds `kind` `name` (e.g. provider pekopay). */
const fileOf = (/** @type {string} */ kind, /** @type {string} */ name) =>
  sizes.files.find((file) => file.kind == kind && file.name == name)?.file;

describe('first loads, observed in the browser', () => {
  it('measures a first load for every provider folder in src/providers, in every mode', (t) => {
    assert.deepEqual(Object.keys(observed.firstLoad).sort(), providerFolders.sort());
    for (const { provider, mode, variant, gzip, files } of observed.cases) {
      const name = `${provider} ${mode} (${variant})`;
      t.diagnostic(`first load ${name}: ${gzip} B gzip (${files.join(', ')})`);
      assert.ok(files.includes(ENTRY), `${name}: the entry is part of its first load`);
      assert.ok(files.includes(fileOf('provider', provider)), `${name}: its own chunk is part of its first load`);
    }
  });

  it('counts only what is requested before pay-ready: a chunk imported on submit (action) comes after', { timeout: 60_000 }, async () => {
    const pekopay = firstLoadCases(server.sandboxOrigin).find((setup) => setup.provider == 'pekopay');
    assert.ok(pekopay);
    const action = fileOf('shared', 'action');
    assert.ok(action, 'the build has the action module in a chunk of its own');
    const opened = await openAtReady(browser, server.origin, {
      ...pekopay,
      attributes: { ...pekopay.attributes, action: '/api/actions/charge' },
    });
    try {
      assert.ok(opened.files.includes(ENTRY) && opened.files.includes(fileOf('provider', 'pekopay')));
      assert.ok(!opened.files.includes(action), 'the action chunk is not fetched before pay-ready');
      const frameName = await opened.page.evaluate(() => globalThis.firstLoad.cardFrame());
      const frame = opened.page.frames().find((candidate) => candidate.name() == frameName);
      assert.ok(frame, 'the card frame is there');
      for (const [autocomplete, text] of Object.entries({
        'cc-number': '4242 4242 4242 4242',
        'cc-exp': '12/34',
        'cc-csc': '123',
        'cc-name': 'Sarah Ng',
      })) {
        await (await frame.waitForSelector(`[autocomplete="${autocomplete}"]`, { visible: true, timeout: 10_000 }))?.type(text);
      }
      await opened.page.evaluate(() => globalThis.firstLoad.submit('pay-complete'));
      assert.deepEqual(await opened.requestedSince(opened.readyAt), [action], 'submitting fetched the action chunk, after pay-ready');
    } finally {
      await opened.close();
    }
  });
});

describe('bundle budgets', () => {
  const checks = checkBudgets(sizes, observed);
  // A figure only reported (no limit) is no test: it is printed with the others.
  it('reports the figures it does not enforce', (t) => {
    const reported = checks.filter((check) => !Number.isFinite(check.enforced));
    for (const check of reported)
      t.diagnostic(`${check.name}: ${check.figure} B gzip; budget ${check.budget} B (${check.note}); reported only`);
    assert.ok(
      reported.every((check) => check.figure > 0),
      'a reported figure was not measured',
    );
  });
  for (const check of checks.filter((check) => Number.isFinite(check.enforced))) {
    const limit = check.enforced == check.budget ? 'its budget' : 'its CI ratchet';
    it(`keeps ${check.name} within ${limit}`, (t) => {
      t.diagnostic(
        `${check.name}: ${check.figure} B gzip; budget ${check.budget} B (${check.note})` +
          (check.enforced == check.budget ? '' : `; CI fails above ${check.enforced} B`),
      );
      assert.ok(check.pass, `${check.name} is ${check.figure} B gzip, over the ${check.enforced} B limit (budget ${check.budget} B)`);
    });
  }
});

describe('budget checks', () => {
  /** A made-up measurement: `gzip` bytes for one case of provider `p`, and `everything` for the whole build. */
  const measured = (/** @type {number} */ gzip, everything = 1_000) => {
    const load = { provider: 'p', mode: 'm', variant: 'v', attributes: {}, files: [ENTRY], min: gzip * 3, gzip };
    return [
      /** @type {any} */ ({ everything: { files: [ENTRY], min: everything * 3, gzip: everything } }),
      { cases: [load], firstLoad: { p: load }, withLocale: { p: { ...load, locale: 'xx' } } },
    ];
  };
  const byName = (/** @type {any[]} */ checks) => Object.fromEntries(checks.map((check) => [check.name, check]));

  it('holds a first-load case without a ratchet to the budget itself', () => {
    const [sizes, observed] = measured(BUDGETS.firstLoad + 1);
    const check = byName(checkBudgets(sizes, observed, { ratchets: {}, everythingRatchet: null }))['first load p m (v)'];
    assert.equal(check.enforced, BUDGETS.firstLoad);
    assert.equal(check.pass, false);
    assert.equal(check.note, 'OVER by 1 B');
    const [within] = measured(BUDGETS.firstLoad);
    assert.ok(byName(checkBudgets(within, measured(BUDGETS.firstLoad)[1], { ratchets: {} }))['first load p m (v)'].pass);
  });

  it('holds each case to the target of its kind (issue 20): PekoPay, a hosted page shown before pay-ready, any other', () => {
    assert.equal(firstLoadBudget({ provider: 'pekopay', mode: 'embedded', variant: 'saved cards' }), 13_000);
    assert.equal(firstLoadBudget({ provider: 'reepay', mode: 'iframe', variant: 'session-url' }), 13_000);
    assert.equal(firstLoadBudget({ provider: 'paiwise', mode: 'iframe', variant: 'session-endpoint' }), 11_500);
    assert.equal(firstLoadBudget({ provider: 'reepay', mode: 'modal', variant: 'session-url' }), 11_500);
    assert.equal(firstLoadBudget({ provider: 'paiwise', mode: 'redirect', variant: 'session-endpoint' }), 11_500);
    assert.equal(BUDGETS.everything, 24_630);
    assert.equal(BUDGETS.criticalPath, 10_500);
  });

  it('fails a case above its own ratchet, whatever the other cases measure', () => {
    const [sizes, observed] = measured(12_001);
    const checks = byName(checkBudgets(sizes, observed, { ratchets: { 'p m (v)': 12_000 } }));
    assert.equal(checks['first load p m (v)'].pass, false);
    assert.equal(checks['first load p m (v)'].enforced, 12_000);
    assert.equal(checks['first load p (worst: m, v)'].enforced, Infinity, 'the worst case is reported; its case is what CI enforces');
    assert.ok(byName(checkBudgets(sizes, measured(12_000)[1], { ratchets: { 'p m (v)': 12_000 } }))['first load p m (v)'].pass);
  });

  it('fails a ratchet that names no observed case', () => {
    const [sizes, observed] = measured(100);
    const stale = checkBudgets(sizes, observed, { ratchets: { 'p m (v)': 200, 'p gone (v)': 200 } }).filter((check) => !check.pass);
    assert.deepEqual(
      stale.map((check) => check.name),
      ['ratchet "p gone (v)" names an observed first-load case'],
    );
  });

  it('fails everything above its ratchet, or above the budget without one', () => {
    const [sizes, observed] = measured(100, BUDGETS.everything + 1);
    assert.equal(
      byName(checkBudgets(sizes, observed, { ratchets: {}, everythingRatchet: null }))['everything (all providers, all locales)'].pass,
      false,
    );
    assert.equal(
      byName(checkBudgets(sizes, observed, { ratchets: {}, everythingRatchet: BUDGETS.everything + 1 }))[
        'everything (all providers, all locales)'
      ].pass,
      true,
    );
  });
});
