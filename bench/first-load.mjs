// Each provider's first load as a page really fetches it: for every provider and mode, headless Chromium
// loads the self-contained build (dist/cdn) against the sandbox, inserts one configured <pay-checkout>,
// and the build files requested before `pay-ready` are summed (gzip -9, from disk: bench/sizes.mjs).
// A provider's first load is its worst case. Shared by `npm run bench` and the byte-budget test.
// @ts-check
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../test/browsers.mjs';
import { startBenchServer } from './server.mjs';

/** Saved cards as a host passes them (`cards`), one of them the default. */
const SAVED_CARDS = JSON.stringify([
  { last4: '4242', cardType: 'VISA', default: true },
  { last4: '4444', cardType: 'MASTERCARD' },
]);
const HOSTED_MODES = ['iframe', 'modal', 'redirect'];
const HOSTED_AMOUNTS = { reepay: ['91900', 'DKK'], paiwise: ['300000', 'SEK'] };

/**
 * @typedef {{ endpoint: string, body: Record<string, unknown> }} SessionRequest
 * @typedef {{ provider: string, mode: string, variant: string, attributes: Record<string, string>,
 *   session?: SessionRequest }} FirstLoadCase
 * @typedef {{ files: string[], min: number, gzip: number }} Load
 * @typedef {FirstLoadCase & Load & { criticalPath?: (Load & { request: string }) | null }} ObservedCase
 * @typedef {ReturnType<typeof import('./sizes.mjs').measureBundle>} Sizes
 */

/**
 * Every configuration a page can start a provider in. PekoPay: embedded, with and without saved cards.
 * Reepay and Paiwise: each mode with a session created beforehand (`session-id` + `session-url`: an inline
 * frame then loads before `pay-ready`) and with a `session-endpoint` (the session is created on submit).
 * @param {string} sandboxOrigin
 * @returns {FirstLoadCase[]}
 */
export function firstLoadCases(sandboxOrigin) {
  const pekopay = {
    provider: 'pekopay',
    environment: 'sandbox',
    'sdk-url': `${sandboxOrigin}/sandbox/pekopay/web/dist/index.js`,
    'token-url': '/api/pekopay/token',
    amount: '9900',
    currency: 'CAD',
  };
  /** @type {FirstLoadCase[]} */
  const cases = [
    { provider: 'pekopay', mode: 'embedded', variant: 'new card', attributes: pekopay },
    { provider: 'pekopay', mode: 'embedded', variant: 'saved cards', attributes: { ...pekopay, cards: SAVED_CARDS } },
  ];
  for (const [provider, [amount, currency]] of Object.entries(HOSTED_AMOUNTS)) {
    for (const mode of HOSTED_MODES) {
      const attributes = { provider, environment: 'sandbox', mode, amount, currency };
      const endpoint = `/api/${provider}/session`;
      cases.push(
        { provider, mode, variant: 'session-url', attributes, session: { endpoint, body: { mode } } },
        { provider, mode, variant: 'session-endpoint', attributes: { ...attributes, 'session-endpoint': endpoint } },
      );
    }
  }
  return cases;
}

/**
 * Opens the first-load page in a fresh browser context (empty cache), inserts `setup`'s element, waits for
 * `pay-ready` and then for the network to go quiet, and returns the build files requested before
 * `pay-ready` (by their resource-timing start, so a request still in flight at `pay-ready` counts). The page
 * stays open for more (`requestedSince`), until `close()`.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} origin the bench server's page origin
 * @param {FirstLoadCase} setup
 */
export async function openAtReady(browser, origin, setup) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  try {
    await page.goto(`${origin}/bench/first-load.html`);
    await page.waitForFunction(() => 'firstLoad' in globalThis);
    const readyAt = await page.evaluate((s) => globalThis.firstLoad.mount(s), setup);
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => {});
    /** The build files requested after `since` (performance.now() in the page), or up to it with `until`. */
    const requested = async (/** @type {number} */ since, /** @type {number} */ until = Infinity) => [
      ...new Set(
        (await page.evaluate(() => globalThis.firstLoad.requests()))
          .filter((/** @type {{ startTime: number }} */ r) => r.startTime > since && r.startTime <= until)
          .map((/** @type {{ file: string }} */ r) => r.file),
      ),
    ];
    if (errors.length) throw new Error(errors.join('; '));
    return {
      page,
      readyAt,
      files: await requested(-Infinity, readyAt),
      requestedSince: requested,
      close: () => context.close(),
    };
  } catch (error) {
    await context.close();
    throw new Error(`${setup.provider} ${setup.mode} (${setup.variant}): ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * The sum of `files`' sizes, by `sizes` (bytes on disk). A file the page fetched that the build does not
 * list fails: the measurement and the build disagree.
 * @param {Sizes} sizes @param {string[]} files @returns {Load}
 */
export function loadOf(sizes, files) {
  const byName = new Map(sizes.files.map((file) => [file.file, file]));
  for (const file of files) if (!byName.has(file)) throw new Error(`the page fetched dist/cdn/${file}, which the build does not list`);
  // In the build's order: the entry first.
  const unique = sizes.files.map((file) => file.file).filter((file) => files.includes(file));
  return {
    files: unique,
    min: unique.reduce((sum, file) => sum + /** @type {any} */ (byName.get(file)).min, 0),
    gzip: unique.reduce((sum, file) => sum + /** @type {any} */ (byName.get(file)).gzip, 0),
  };
}

/**
 * The critical path of an element opened by openAtReady: the build files the page requested before the first
 * request towards the provider started (`load`: their bytes), and that request (`request`). Provider requests:
 * the SDK import and the frames from the provider's (the sandbox's) origin, a hosted session POSTed to the
 * host's endpoint, and leaving for the hosted page (`pay-redirect`, cancelled here). When the element made none
 * before `pay-ready` (a session created on submit, a modal, a redirect), the payer presses Pay, and the first
 * one after that counts. Null when there is none within `waitMs` (PekoPay paying with a saved card: only the
 * host's token endpoint is called).
 * @param {Awaited<ReturnType<typeof openAtReady>>} opened
 * @param {Sizes} sizes
 * @param {string} sandboxOrigin
 * @param {number} [waitMs] how long to wait for a provider request after Pay
 * @returns {Promise<(Load & { request: string }) | null>}
 */
export async function criticalPathOf(opened, sizes, sandboxOrigin, waitMs = 3000) {
  const { page } = opened;
  const first = async () => {
    const { insertedAt, redirectAt } = await page.evaluate(() => globalThis.firstLoad.moments());
    /** @type {{ url: string, startTime: number }[]} */
    const requests = (await page.evaluate(() => globalThis.firstLoad.log())).filter(
      (/** @type {{ url: string, startTime: number }} */ { url, startTime }) => {
        const { origin, pathname } = new URL(url);
        return startTime >= insertedAt && (origin == sandboxOrigin || /^\/api\/[\w-]+\/session$/.test(pathname));
      },
    );
    if (Number.isFinite(redirectAt)) requests.push({ url: 'pay-redirect (leaving for the hosted page)', startTime: redirectAt });
    return requests.sort((a, b) => a.startTime - b.startTime)[0];
  };
  let request = await first();
  if (!request) {
    await page.evaluate(() => globalThis.firstLoad.press());
    for (const deadline = Date.now() + waitMs; !request && Date.now() < deadline; request = await first()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  if (!request) return null;
  const files = await opened.requestedSince(-Infinity, request.startTime - 1e-6);
  const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
  const what = url ? `${url.origin == sandboxOrigin ? 'the provider: ' : 'the host: '}${url.pathname}` : request.url;
  return { ...loadOf(sizes, files), request: what };
}

/**
 * Observes every case of firstLoadCases(). `firstLoad[provider]` is its worst case; `withLocale[provider]`
 * adds the largest locale chunk and what it imports (a page whose locale is not bundled). With
 * `criticalPath`, each case also gets its critical path (criticalPathOf; null without a provider request).
 * Starts the bench server and Chromium unless given.
 * @param {Sizes} sizes
 * @param {{ browser?: import('puppeteer-core').Browser, server?: { origin: string, sandboxOrigin: string }, port?: number,
 *   criticalPath?: boolean }} [options]
 */
export async function observeFirstLoads(sizes, { browser, server, port = 0, criticalPath = false } = {}) {
  const ownServer = server ? undefined : await startBenchServer({ port });
  const ownBrowser = browser ? undefined : await puppeteer.launch(chromiumLaunchOptions);
  const { origin, sandboxOrigin } = /** @type {{ origin: string, sandboxOrigin: string }} */ (server ?? ownServer);
  /** @type {ObservedCase[]} */
  const cases = [];
  try {
    for (const setup of firstLoadCases(sandboxOrigin)) {
      const opened = await openAtReady(/** @type {any} */ (browser ?? ownBrowser), origin, setup);
      try {
        const path = criticalPath ? { criticalPath: await criticalPathOf(opened, sizes, sandboxOrigin) } : {};
        cases.push({ ...setup, ...loadOf(sizes, opened.files), ...path });
      } finally {
        await opened.close();
      }
    }
  } finally {
    await ownBrowser?.close();
    await ownServer?.close();
  }
  /** @type {Record<string, ObservedCase>} */
  const firstLoad = {};
  for (const observed of cases) {
    if (!firstLoad[observed.provider] || observed.gzip > firstLoad[observed.provider].gzip) firstLoad[observed.provider] = observed;
  }
  const locales = sizes.files.filter((file) => file.kind == 'locale');
  /** @type {Record<string, Load & { locale: string }>} */
  const withLocale = {};
  for (const [provider, worst] of Object.entries(firstLoad)) {
    withLocale[provider] = { files: worst.files, min: worst.min, gzip: worst.gzip, locale: 'en (bundled)' };
    for (const locale of locales) {
      const candidate = loadOf(sizes, [...worst.files, locale.file, ...locale.imports]);
      if (candidate.gzip > withLocale[provider].gzip) withLocale[provider] = { ...candidate, locale: locale.name };
    }
  }
  return { cases, firstLoad, withLocale };
}
