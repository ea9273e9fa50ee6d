// `npm run bench` (after `npm run build`): the bytes of the self-contained build against their budgets (each
// provider's first load observed in the browser: bench/first-load.mjs), and in headless Chromium against the local sandbox: <pay-checkout> beside the seed's vanilla PekoCheckoutForm
// snippet (insertion → ready, completeTransaction → token), 1,000 mount/unmount cycles (heap, leftover
// listeners and frames) and 100 instances on one page. Prints one table and the summary (bench/summary.mjs:
// stable names); writes bench/results.json, the summary first.
// Knobs: BENCH_RUNS (side-by-side runs, default 40), BENCH_CYCLES (default 1000), BENCH_PORT (default: a
// free port), BENCH_COLD_RUNS (default 15), BENCH_ONLY (comma-separated: timing, cold, cycles, instances),
// CHROME_PATH (default /usr/bin/chromium).
// @ts-check
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../test/browsers.mjs';
import { BUDGETS, EVERYTHING_RATCHET, FIRST_LOAD_RATCHETS, caseName, checkBudgets } from './budgets.mjs';
import { observeFirstLoads } from './first-load.mjs';
import { startBenchServer } from './server.mjs';
import { attributeLoad } from './attribution.mjs';
import { measureLitFloor } from './floor.mjs';
import { measureBundle } from './sizes.mjs';
import { renderSummary, summarize } from './summary.mjs';

const ONLY = new Set((process.env.BENCH_ONLY || 'timing,cold,cycles,instances').split(','));
const RUNS = Number(process.env.BENCH_RUNS || 40);
const WARMUP_RUNS = 3;
const CYCLES = Number(process.env.BENCH_CYCLES || 1000);
const CYCLE_BATCH = 100;
const SETTLE_MS = 11_000;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 15);
/** Added to every request of the cold visits (Chromium's network emulation; no bandwidth limit, since the
 * bench server does not compress and bytes on the wire would not be what a CDN sends). */
const COLD_LATENCY_MS = 40;
const INSTANCES = 100;
/** Rounds per side: 100 cross-origin frames loading at once vary ±20 % from round to round. */
const INSTANCE_ROUNDS = 6;
/** Timing targets (issue 9): printed, never asserted — machines are noisy. */
const TARGETS = { readyRatio: 1.1, completeToTokenDeltaMs: 2 };
const TEST_CARD = { 'cc-number': '4242 4242 4242 4242', 'cc-exp': '12/34', 'cc-csc': '123', 'cc-name': 'Sarah Ng' };

/**
 * @typedef {import('./page.js').IntegrationName} IntegrationName
 * @typedef {import('./page.js').IntegrationOptions} IntegrationOptions
 * @typedef {import('./page.js').BenchRun} BenchRun
 */
/**
 * A side-by-side scenario (SCENARIOS); its `options` are the integration's, with `token: true` for "a fresh
 * token, fetched in the page before each run".
 * @typedef {object} Scenario
 * @property {string} key
 * @property {string} [label] its own row, when it has one
 * @property {string} [vs] the key of the scenario its row is a ratio to
 * @property {IntegrationName} integration
 * @property {boolean} pay
 * @property {Omit<IntegrationOptions['element'], 'token'> & { token?: boolean }} options
 */
/** @typedef {typeof globalThis & { benchRun: BenchRun }} ColdPageGlobals the cold page's: its head sets `benchRun` */

/**
 * The side-by-side scenarios, run interleaved in one page (the order rotates every run so that none always
 * goes first). `integration` is a key of the page's `integrations`; `pay` scenarios also pay with a test
 * card, the others only time insertion → ready. A scenario with `vs` is printed as a ratio to that one's
 * median (the PekoPay pair has rows of its own).
 * @type {Scenario[]}
 */
const SCENARIOS = [
  { key: 'vanilla', integration: 'vanilla', pay: true, options: { token: true } },
  { key: 'element', integration: 'element', pay: true, options: { token: true } },
  {
    key: 'elementTokenUrl',
    label: 'insertion → pay-ready, token-url (fetches its token)',
    integration: 'element',
    pay: false,
    options: { tokenUrl: '/api/pekopay/token' },
  },
  ...['reepay', 'paiwise'].flatMap((provider) => {
    // A fresh session every run, created before insertion: the timing starts with a session in hand.
    const session = { endpoint: `/api/${provider}/session`, body: { mode: 'iframe' } };
    const [amount, currency] = provider == 'reepay' ? ['91900', 'DKK'] : ['300000', 'SEK'];
    const name = provider == 'reepay' ? 'Reepay' : 'Paiwise';
    return /** @satisfies {Scenario[]} */ ([
      { key: `${provider}Frame`, integration: 'frame', pay: false, options: { session } },
      {
        key: provider,
        label: `${name} mode=iframe: insertion → pay-ready | hand-made <iframe> load`,
        vs: `${provider}Frame`,
        integration: 'element',
        pay: false,
        options: { session, attributes: { provider, environment: 'sandbox', mode: 'iframe', amount, currency } },
      },
    ]);
  }),
];

const log = (/** @type {string} */ message) => process.stderr.write(`[bench] ${message}\n`);
const quantile = (/** @type {number[]} */ values, /** @type {number} */ q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.ceil(position)] - sorted[low]) * (position - low);
};
const stats = (/** @type {number[]} */ values) => ({
  median: quantile(values, 0.5),
  p25: quantile(values, 0.25),
  p75: quantile(values, 0.75),
  n: values.length,
});

/** @param {import('puppeteer-core').Page} page @param {string | undefined} frameName (none: an error) */
async function fillCard(page, frameName) {
  const frame = page.frames().find((candidate) => candidate.name() == frameName);
  if (!frame) throw new Error(`no frame named ${frameName}`);
  // Values set in the cross-origin frame with the input events the fields listen to; typing speed is not
  // what the bench measures.
  await frame.evaluate((card) => {
    for (const [autocomplete, value] of Object.entries(card)) {
      const input = /** @type {HTMLInputElement} */ (document.querySelector(`[autocomplete="${autocomplete}"]`));
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, TEST_CARD);
}

/** @param {import('puppeteer-core').Browser} browser @param {string} url */
async function openPage(browser, url) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => log(`page error: ${error instanceof Error ? error.message : error}`));
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in globalThis);
  return page;
}

/** @param {import('puppeteer-core').Page} page */
async function sideBySide(page) {
  /** @type {Record<string, any[]>} */
  const samples = Object.fromEntries(SCENARIOS.map(({ key }) => [key, []]));
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    const order = SCENARIOS.map((_, i) => SCENARIOS[(i + run) % SCENARIOS.length]);
    for (const scenario of order) {
      const token = scenario.options.token ? await page.evaluate(() => globalThis.bench.freshToken()) : undefined;
      const options = { ...scenario.options, token };
      const frameName = await page.evaluate((name, opts) => globalThis.bench.mount(name, opts), scenario.integration, options);
      let times;
      if (scenario.pay) {
        await fillCard(page, frameName);
        times = await page.evaluate(() => globalThis.bench.submit());
      } else {
        times = await page.evaluate(() => globalThis.bench.times());
      }
      await page.evaluate(() => globalThis.bench.remove());
      if (run >= WARMUP_RUNS) samples[scenario.key].push(times);
    }
    if ((run + 1) % 10 == 0) log(`side by side: ${run + 1}/${WARMUP_RUNS + RUNS} runs`);
  }
  /** @type {Record<string, Record<string, ReturnType<typeof stats> | null>>} */
  const summary = {};
  for (const [key, runs] of Object.entries(samples)) {
    summary[key] = {};
    for (const measure of ['ready', 'adapter', 'sdkInitialize', 'sdkReady', 'completeToCharge', 'completeToToken']) {
      const values = runs.map((times) => times[measure]).filter(Number.isFinite);
      summary[key][measure] = values.length ? stats(values) : null;
    }
  }
  /**
   * Insertion → ready, the element over the integration it is compared with: the ratio of medians, and the
   * median of each run's own ratio (both ran back to back, so a machine that slows down for a while slows
   * both: steadier on a busy machine).
   */
  const ratios = Object.fromEntries(
    SCENARIOS.filter(({ key, vs }) => vs || key == 'element').map(({ key, vs = 'vanilla' }) => [
      key,
      {
        vs,
        ready: /** @type {any} */ (summary[key].ready).median / /** @type {any} */ (summary[vs].ready).median,
        pairedReady: quantile(
          samples[key].map((times, run) => times.ready / samples[vs][run].ready),
          0.5,
        ),
      },
    ]),
  );
  return { samples, summary, ratios };
}

/**
 * First visits: each run a fresh browser context (empty cache, no open connections) loads a page that embeds
 * one integration, every request delayed by COLD_LATENCY_MS. Times are ms since navigation started.
 * @param {import('puppeteer-core').Browser} browser @param {string} origin
 */
async function coldLoads(browser, origin) {
  const scenarios = [
    { key: 'vanilla', integration: 'vanilla', token: true },
    { key: 'element', integration: 'element', token: true },
    { key: 'elementTokenUrl', integration: 'element-token-url', token: false },
    { key: 'elementHinted', integration: 'element-hinted', token: true },
  ];
  /** @type {Record<string, { ready: number, sdkInitialize: number }[]>} */
  const samples = Object.fromEntries(scenarios.map(({ key }) => [key, []]));
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const scenario of scenarios.map((_, i) => scenarios[(i + run) % scenarios.length])) {
      const query = new URLSearchParams({ integration: scenario.integration });
      if (scenario.token) query.set('token', (await (await fetch(`${origin}/api/pekopay/token`)).json()).token);
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.emulateNetworkConditions({ download: -1, upload: -1, latency: COLD_LATENCY_MS });
        await page.goto(`${origin}/bench/cold.html?${query}`);
        /** @type {'sdkReady' | 'ready'} */
        const measure = scenario.integration == 'vanilla' ? 'sdkReady' : 'ready';
        await page.waitForFunction((key) => /** @type {ColdPageGlobals} */ (globalThis).benchRun?.[key], { timeout: 30_000 }, measure);
        samples[scenario.key].push(
          await page.evaluate(
            // Both recorded: `key` was seen above, and PekoCheckoutForm.initialize() comes before either.
            (key) =>
              /** @type {{ ready: number, sdkInitialize: number }} */ ({
                ready: /** @type {ColdPageGlobals} */ (globalThis).benchRun[key],
                sdkInitialize: /** @type {ColdPageGlobals} */ (globalThis).benchRun.sdkInitialize,
              }),
            measure,
          ),
        );
      } finally {
        await context.close();
      }
    }
    if ((run + 1) % 5 == 0) log(`cold visits: ${run + 1}/${COLD_RUNS} runs`);
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([key, runs]) => [
      key,
      { ready: stats(runs.map((r) => r.ready)), sdkInitialize: stats(runs.map((r) => r.sdkInitialize)) },
    ]),
  );
  return { latencyMs: COLD_LATENCY_MS, samples, summary };
}

/** @param {import('puppeteer-core').Page} page */
async function mountCycles(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const listenersOn = async (/** @type {string} */ expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: /** @type {string} */ (result.objectId) });
    await cdp.send('Runtime.releaseObject', { objectId: /** @type {string} */ (result.objectId) });
    return listeners.length;
  };
  /** How many live objects have `prototype` (an expression) in their chain: instances left behind. */
  const liveInstances = async (/** @type {string} */ prototype) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: prototype });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: /** @type {string} */ (result.objectId) });
    const { result: count } = await cdp.send('Runtime.callFunctionOn', {
      objectId: /** @type {string} */ (objects.objectId),
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    for (const { objectId } of [result, objects]) await cdp.send('Runtime.releaseObject', { objectId: /** @type {string} */ (objectId) });
    return /** @type {number} */ (count.value);
  };
  const snapshot = async () => {
    // Let pending work settle first: closed frames, aborted fetches, and the browser's own timers behind
    // AbortSignal.timeout() in the token fetch (PayCheckout.timeouts.token, 10 s), which hold their
    // signals until they fire. Then collect garbage.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // The page's resource-timing buffer (up to 250 entries, two per cycle) is the bench's, not the element's.
    await page.evaluate(() => performance.clearResourceTimings());
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
    const counts = await page.evaluate(() => globalThis.bench.counts());
    return {
      heapBytes: usedSize,
      jsEventListeners: metric.JSEventListeners,
      domNodes: metric.Nodes,
      documents: metric.Documents,
      frames: metric.Frames,
      windowListeners: await listenersOn('window'),
      documentListeners: await listenersOn('document'),
      iframes: counts.iframes,
      attachedFrames: page.frames().length,
      liveElements: await liveInstances("customElements.get('pay-checkout').prototype"),
      liveIframeElements: await liveInstances('HTMLIFrameElement.prototype'),
      liveAbortControllers: await liveInstances('AbortController.prototype'),
    };
  };
  const cycles = async (/** @type {number} */ count, /** @type {boolean} */ untilReady) => {
    let perCycle = 0;
    for (let done = 0; done < count; done += CYCLE_BATCH) {
      const batch = Math.min(CYCLE_BATCH, count - done);
      perCycle += batch * (await page.evaluate((n, ready) => globalThis.bench.cycles(n, ready), batch, untilReady));
      log(`${untilReady ? 'mount → pay-ready → unmount' : 'mount → unmount while loading'}: ${done + batch}/${count}`);
    }
    return perCycle / count;
  };
  await cycles(20, true); // warm: modules, the SDK, JIT
  const before = await snapshot();
  const readyCycleMs = await cycles(CYCLES, true);
  const afterReady = await snapshot();
  const abortCycleMs = await cycles(CYCLES, false);
  const afterAbort = await snapshot();
  await cdp.detach();
  const growth = (/** @type {any} */ from, /** @type {any} */ to) =>
    Object.fromEntries(Object.keys(from).map((key) => [key, to[key] - from[key]]));
  return {
    before,
    afterReady,
    afterAbort,
    readyCycles: { count: CYCLES, msPerCycle: readyCycleMs, growth: growth(before, afterReady) },
    abortCycles: { count: CYCLES, msPerCycle: abortCycleMs, growth: growth(afterReady, afterAbort) },
  };
}

/** @param {import('puppeteer-core').Page} page */
async function manyInstances(page) {
  /** @type {Record<string, any[]>} */
  const rounds = { element: [], sdk: [] };
  for (let i = 0; i < INSTANCE_ROUNDS; i++) {
    for (const kind of i % 2 ? /** @type {const} */ (['sdk', 'element']) : /** @type {const} */ (['element', 'sdk'])) {
      const round = await page.evaluate((count, k) => globalThis.bench.instances(count, k), INSTANCES, kind);
      rounds[kind].push(round);
      log(`${INSTANCES} instances (${kind}): round ${i + 1}/${INSTANCE_ROUNDS}: ${round.ready} ready, all in ${ms(round.all)} ms`);
      for (const reason of new Set(round.failed)) log(`  failed: ${reason}`);
    }
  }
  const summary = (/** @type {any[]} */ list) => {
    const complete = list.map((round) => round.all).filter((all) => all != null);
    return {
      rounds: list,
      allReady: complete.length ? stats(complete) : null,
      failed: list.reduce((sum, round) => sum + round.failed.length, 0),
    };
  };
  // After the timed rounds: the profiled ones see warm modules, as the timed ones after the first do.
  const profiled = await profileInstances(page);
  const paired = quantile(
    rounds.element
      .map((round, i) => (round.all != null && rounds.sdk[i].all != null ? round.all / rounds.sdk[i].all : NaN))
      .filter((ratio) => ratio > 0),
    0.5,
  );
  return { count: INSTANCES, element: summary(rounds.element), sdk: summary(rounds.sdk), paired, profiled };
}

/**
 * One more round of each side under the DevTools CPU profiler: main-thread time spent in our build's files
 * (the entry and its chunks) against the rest (the SDK, the browser's own frame work). Wall-clock rounds
 * are noisy with 100 frames loading; this says how much of a round is ours at all.
 * @param {import('puppeteer-core').Page} page
 */
async function profileInstances(page) {
  /** @type {Record<string, { ours: number, other: number, style: number, layout: number }>} */
  const result = {};
  for (const kind of /** @type {const} */ (['element', 'sdk'])) {
    const cdp = await page.createCDPSession();
    // The page's own style and layout time (its frames are other processes): what the element's shadow DOM
    // and loading state cost the page beside the SDK's frames.
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
    const before = await metrics();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.evaluate((count, k) => globalThis.bench.instances(count, k), INSTANCES, kind);
    // `samples` and `timeDeltas` are optional in the protocol's types; Profiler.stop's profile has both.
    const { profile } = /** @type {{ profile: Required<import('puppeteer-core').Protocol.Profiler.Profile> }} */ (
      await cdp.send('Profiler.stop')
    );
    const after = await metrics();
    await cdp.detach();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    let ours = 0;
    let other = 0;
    profile.samples.forEach((id, i) => {
      const { url, functionName } = /** @type {any} */ (nodes.get(id));
      const sampleMs = (profile.timeDeltas[i] ?? 0) / 1000;
      if (/\/dist\/cdn\//.test(url)) ours += sampleMs;
      else if (functionName != '(idle)') other += sampleMs;
    });
    const spent = (/** @type {string} */ name) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    result[kind] = { ours, other, style: spent('RecalcStyleDuration'), layout: spent('LayoutDuration') };
  }
  const { element } = result;
  log(
    `${INSTANCES} instances, profiled: ours ${ms(element.ours)} ms, the rest ${ms(element.other)} ms; style ${ms(element.style)} ms, layout ${ms(element.layout)} ms`,
  );
  return result;
}

// ── formatting ──────────────────────────────────────────────────────────────────────────────────────────
const bytes = (/** @type {number} */ n) => n.toLocaleString('en-US');
const ms = (/** @type {number | null | undefined} */ n) => (n == null ? '—' : n.toFixed(n < 10 ? 2 : 1));
const spread = (/** @type {ReturnType<typeof stats> | null} */ s) => (s ? `${ms(s.median)} [${ms(s.p25)}–${ms(s.p75)}]` : '—');

/** A row comparing <pay-checkout> with vanilla by the ratio of medians, against `target` when it has one. */
function ratioRow(
  /** @type {string} */ label,
  /** @type {any} */ element,
  /** @type {any} */ vanilla,
  /** @type {number} */ target = 0,
  /** @type {number | undefined} */ paired = undefined,
) {
  const ratio = element.median / vanilla.median;
  const verdict = ratio <= target ? 'met' : 'MISSED';
  const ratios = `${ratio.toFixed(3)}×${paired == null ? '' : ` (paired ${paired.toFixed(3)}×)`}`;
  return [label, spread(element), spread(vanilla), ratios, target ? `≤ ${target.toFixed(2)}×` : '', target ? verdict : ''];
}

/** A row of figures without a target. */
const row = (/** @type {string} */ label, /** @type {any} */ element, /** @type {any} */ vanilla = undefined) => [
  label,
  spread(element),
  vanilla ? spread(vanilla) : '',
  '',
  '',
  '',
];

/** @param {string[][]} rows */
function table(rows) {
  // One-cell rows are section headings: they run across and do not widen the first column.
  const cells = rows.filter((row) => row.length > 1);
  const widths = rows[0].map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row.length == 1
        ? row[0]
        : row.map((cell, column) => (column == 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '),
    )
    .join('\n');
}

/**
 * Where the gzip -9 bytes of each first load and of everything go, by part of the product (bench/attribution.mjs):
 * one row per part, one column per load.
 */
function renderAttribution(/** @type {any} */ results) {
  const loads = Object.entries(results.attribution);
  const partNames = [...new Set(loads.flatMap(([, { parts }]) => parts.map((/** @type {[string, number]} */ [part]) => part)))];
  /** @type {string[][]} */
  const rows = [["where the gzip -9 bytes go (a part's bytes: its files with it minus without it)", ...loads.map(([load]) => load)]];
  for (const part of partNames) {
    rows.push([
      `  ${part}`,
      ...loads.map(([, { parts }]) => {
        const found = parts.find((/** @type {[string, number]} */ [name]) => name == part);
        return found ? bytes(found[1]) : '';
      }),
    ]);
  }
  rows.push(['  compressed against each other (shared)', ...loads.map(([, { shared }]) => bytes(shared))]);
  rows.push([`  Lit floor alone (smallest Lit 3 element, same build)`, ...loads.map(() => bytes(results.litFloor.gzip))]);
  return table(rows);
}

/** A budget check's verdict: the gap to the budget, and whether CI's limit holds. */
const verdict = (/** @type {import('./budgets.mjs').BudgetCheck} */ check) =>
  check.pass || !Number.isFinite(check.enforced) ? check.note : `${check.note}; FAILS CI (over ${bytes(check.enforced)})`;

function render(/** @type {any} */ results) {
  const { sizes, firstLoads, budgets, timing, cold, cycles, instances, environment } = results;
  /** @type {string[][]} */
  const rows = [['measure', '<pay-checkout>', 'vanilla', 'ratio / Δ', 'target / budget', 'verdict']];
  rows.push(['bytes: minified / gzip -9 (node:zlib level 9)']);
  for (const file of sizes.files) rows.push([`  ${file.file} (${file.label})`, `${bytes(file.min)} / ${bytes(file.gzip)}`, '', '', '', '']);
  rows.push(['first loads, observed: build files requested before pay-ready (minified / gzip -9)']);
  const labelOf = new Map(sizes.files.map((/** @type {any} */ file) => [file.file, file.label]));
  const limit = (/** @type {import('./budgets.mjs').BudgetCheck} */ check) => {
    const enforced =
      check.enforced == check.budget ? 'enforced' : Number.isFinite(check.enforced) ? `CI ratchet ≤ ${bytes(check.enforced)}` : 'reported';
    return `≤ ${bytes(check.budget)} (${enforced})`;
  };
  // Each case's check (its own ratchet) on its row; the checks of no case (worst cases, locales, everything) after.
  const caseChecks = new Map(
    budgets.filter((/** @type {any} */ check) => check.case).map((/** @type {any} */ check) => [check.case, check]),
  );
  for (const load of firstLoads.cases) {
    const files = load.files.map((/** @type {string} */ file) => labelOf.get(file)).join(' + ');
    const check = caseChecks.get(caseName(load));
    rows.push([
      `  ${caseName(load)}: ${files}`,
      `${bytes(load.min)} / ${bytes(load.gzip)}`,
      '',
      '',
      check ? limit(check) : '',
      check ? verdict(check) : '',
    ]);
    const path = load.criticalPath;
    if (path) {
      const gap = BUDGETS.criticalPath - path.gzip;
      rows.push([
        `    its critical path, before ${path.request}: ${path.files.map((/** @type {string} */ file) => labelOf.get(file)).join(' + ')}`,
        `${bytes(path.min)} / ${bytes(path.gzip)}`,
        '',
        '',
        `≤ ${bytes(BUDGETS.criticalPath)} (reported)`,
        gap >= 0 ? `${bytes(gap)} B under` : `OVER by ${bytes(-gap)} B`,
      ]);
    }
  }
  rows.push([
    `  Lit floor: the smallest Lit 3 element, built the same way`,
    `${bytes(results.litFloor.min)} / ${bytes(results.litFloor.gzip)}`,
    '',
    '',
    '',
    '',
  ]);
  for (const check of budgets.filter((/** @type {any} */ check) => !check.case)) {
    const load = check.name.startsWith('everything') ? sizes.everything : null;
    rows.push([
      `  ${check.name}`,
      load ? `${bytes(load.min)} / ${bytes(check.figure)}` : bytes(check.figure),
      '',
      '',
      limit(check),
      verdict(check),
    ]);
  }
  if (timing) {
    const { summary } = timing;
    const clock = `clock ${ms(environment.clockResolutionMs)} ms`;
    rows.push([`timing, ms: median [p25–p75] of ${RUNS} runs per column, one page, interleaved (${clock})`]);
    rows.push(
      ratioRow(
        '  insertion → ready (pay-ready | SDK first field state)',
        summary.element.ready,
        summary.vanilla.ready,
        TARGETS.readyRatio,
        timing.ratios.element.pairedReady,
      ),
    );
    rows.push(row('    insertion → the element starts loading the SDK (first update, configuration read)', summary.element.adapter));
    rows.push(row('    insertion → PekoCheckoutForm.initialize()', summary.element.sdkInitialize, summary.vanilla.sdkInitialize));
    rows.push(row("    insertion → the SDK's first field state", summary.element.sdkReady, summary.vanilla.sdkReady));
    const delta = summary.element.completeToCharge.median - summary.vanilla.completeToCharge.median;
    rows.push([
      '  completeTransaction → token in host code (charge request)',
      spread(summary.element.completeToCharge),
      spread(summary.vanilla.completeToCharge),
      `${delta >= 0 ? '+' : ''}${ms(delta)} ms`,
      `≤ +${TARGETS.completeToTokenDeltaMs} ms`,
      delta <= TARGETS.completeToTokenDeltaMs ? 'met' : 'MISSED',
    ]);
    rows.push(row('    completeTransaction → pay-token', summary.element.completeToToken));
    for (const scenario of SCENARIOS.filter(({ label }) => label)) {
      rows.push(
        scenario.vs
          ? ratioRow(
              `  ${scenario.label}`,
              summary[scenario.key].ready,
              summary[scenario.vs].ready,
              TARGETS.readyRatio,
              timing.ratios[scenario.key].pairedReady,
            )
          : row(`  ${scenario.label}`, summary[scenario.key].ready),
      );
    }
  }
  if (cold) {
    const { summary } = cold;
    rows.push([
      `first visit (new browser context, +${cold.latencyMs} ms per request), ms since navigation: median [p25–p75] of ${COLD_RUNS}`,
    ]);
    rows.push(ratioRow('  navigation → ready, token rendered into the page', summary.element.ready, summary.vanilla.ready));
    rows.push(row('    navigation → PekoCheckoutForm.initialize()', summary.element.sdkInitialize, summary.vanilla.sdkInitialize));
    rows.push(row('  navigation → pay-ready, token-url (fetches its token)', summary.elementTokenUrl.ready));
    rows.push(
      ratioRow(
        '  navigation → ready, token in the page, host hints (preloads, preconnect)',
        summary.elementHinted.ready,
        summary.vanilla.ready,
      ),
    );
  }
  if (cycles) {
    for (const [name, phase] of [
      ['→ pay-ready → remove', cycles.readyCycles],
      ['→ remove while loading', cycles.abortCycles],
    ]) {
      const g = phase.growth;
      rows.push([`${bytes(phase.count)} cycles: insert ${name} (${ms(phase.msPerCycle)} ms/cycle)`]);
      rows.push(['  heap growth after GC', `${bytes(g.heapBytes)} B (${ms(g.heapBytes / phase.count)} B/cycle)`, '', '', '', '']);
      rows.push([
        '  leftover window / document listeners',
        `${g.windowListeners} / ${g.documentListeners}`,
        '',
        '',
        '0 / 0',
        g.windowListeners == 0 && g.documentListeners == 0 ? 'met' : 'LEAK',
      ]);
      rows.push([
        '  leftover iframes / frames / JS listeners / DOM nodes',
        `${g.iframes} / ${g.attachedFrames} / ${g.jsEventListeners} / ${g.domNodes}`,
        '',
        '',
        '0 iframes',
        g.iframes == 0 ? 'met' : 'LEAK',
      ]);
      const live = `${g.liveElements} / ${g.liveIframeElements} / ${g.liveAbortControllers}`;
      const none = g.liveElements <= 0 && g.liveIframeElements <= 0 && g.liveAbortControllers <= 0;
      rows.push([
        '  live <pay-checkout> / HTMLIFrameElement / AbortController objects left',
        live,
        '',
        '',
        '0 / 0 / 0',
        none ? 'met' : 'LEAK',
      ]);
    }
  }
  if (instances) {
    const { element, sdk } = instances;
    rows.push([
      `${instances.count} instances on one page (${INSTANCE_ROUNDS} rounds each, tokens fetched beforehand); vanilla: PekoCheckoutForm directly`,
    ]);
    const failed = element.failed + sdk.failed;
    if (element.allReady && sdk.allReady) {
      rows.push(ratioRow('  insertion → every instance ready, ms', element.allReady, sdk.allReady, undefined, instances.paired));
    } else rows.push(['  insertion → every instance ready, ms', spread(element.allReady), spread(sdk.allReady), '', '', '']);
    if (failed) rows.push(['  instances that failed', String(element.failed), String(sdk.failed), '', '', 'see bench/results.json']);
    const last = (/** @type {any} */ side) => `${ms(side.rounds.at(-1).first)} / ${ms(side.rounds.at(-1).median)}`;
    rows.push(['  first / median instance ready (last round), ms', last(element), last(sdk), '', '', '']);
    const { profiled } = instances;
    /** Two figures of the profiled round, `a / b`, for each side. */
    const profiledRow = (/** @type {string} */ label, /** @type {string} */ a, /** @type {string} */ b) => [
      label,
      ...[profiled.element, profiled.sdk].map((/** @type {any} */ side) => `${ms(side[a])} / ${ms(side[b])}`),
      '',
      '',
      '',
    ];
    rows.push(
      profiledRow('  main-thread ms in our files (entry + chunks) / everything else, one profiled round', 'ours', 'other'),
      profiledRow("  the page's style / layout ms, the same round", 'style', 'layout'),
    );
  }
  return table(rows);
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────
const sizes = measureBundle();
/** @type {any} */
const results = {
  date: new Date().toISOString(),
  sizes,
  budgetTargets: BUDGETS,
  ratchets: { firstLoad: FIRST_LOAD_RATCHETS, everything: EVERYTHING_RATCHET },
};
const server = await startBenchServer({ port: Number(process.env.BENCH_PORT || 0) });
const browser = await puppeteer.launch({ ...chromiumLaunchOptions, protocolTimeout: 10 * 60_000 });
try {
  log('first loads: every provider × mode');
  results.firstLoads = await observeFirstLoads(sizes, { browser, server, criticalPath: true });
  results.budgets = checkBudgets(sizes, results.firstLoads);
  results.litFloor = await measureLitFloor();
  const gzipOf = (/** @type {string} */ file) => /** @type {{ gzip: number }} */ (sizes.files.find((f) => f.file == file)).gzip;
  results.attribution = Object.fromEntries([
    ...Object.entries(results.firstLoads.firstLoad).map(([provider, load]) => [
      `first load ${provider}`,
      attributeLoad(load.files, gzipOf),
    ]),
    ['everything', attributeLoad(sizes.everything.files, gzipOf)],
  ]);
  const pageUrl = `${server.origin}/bench/page.html`;
  const timingPage = await openPage(browser, pageUrl);
  results.environment = {
    browser: await browser.version(),
    node: process.version,
    cpus: availableParallelism(),
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
    clockResolutionMs: await timingPage.evaluate(() => globalThis.bench.clockResolution()),
  };
  if (ONLY.has('timing')) results.timing = await sideBySide(timingPage);
  await timingPage.close();
  if (ONLY.has('cold')) results.cold = await coldLoads(browser, server.origin);
  // Each part in a fresh page, so that none inherits another's garbage.
  if (ONLY.has('cycles')) {
    const cyclePage = await openPage(browser, pageUrl);
    results.cycles = await mountCycles(cyclePage);
    await cyclePage.close();
  }
  if (ONLY.has('instances')) {
    const instancePage = await openPage(browser, pageUrl);
    results.instances = await manyInstances(instancePage);
    await instancePage.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const summary = summarize(results);
writeFileSync(new URL('results.json', import.meta.url), JSON.stringify({ summary, ...results }, null, 2) + '\n');
console.log(render(results));
console.log(`\n${renderAttribution(results)}\n`);
console.log(`${renderSummary(summary)}\n`);
console.log(
  `${results.environment.browser}, Node ${process.version}, ${results.environment.cpus} CPUs, load ${results.environment.loadAverage.join(' ')} — wrote bench/results.json`,
);
