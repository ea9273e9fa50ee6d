// Storybook smoke test: every story of the static build (storybook-static/index.json, from
// `npm run build-storybook`) opens in headless Chromium, served by a plain static server, and fails on a
// console error, an uncaught exception, a story or play function that throws or never ends,
// or an axe violation in the story root or in a frame it shows (the card fields; a hosted checkout page in
// the element's shadow root).
// A story tagged `expects-http-error` (a request that must fail, e.g. an `action` endpoint the static host
// does not have) may have the browser log that failed request, and must: nothing else.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';

const STORY_TIMEOUT_MS = 60_000;
/** How long a story's checkout may stay `loading` before axe runs anyway (the Loading story does). */
const SETTLE_MS = 15_000;
/** Page-level axe rules that do not apply to a component shown alone. */
const AXE_OPTIONS = { rules: { region: { enabled: false } }, iframes: false };
/** What the browser logs, as a console error, for a request answered 4xx or 5xx. */
const FAILED_REQUEST = /^Failed to load resource: the server responded with a status of [45]\d\d\b/;

const staticDir = new URL('../../storybook-static/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', staticDir), 'utf8'));
const stories = Object.values(index.entries).filter((entry) => entry.type == 'story');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe in `frame` (the axe source is evaluated there first) and lists its violations. */
async function axeViolations(frame, selector) {
  await frame.evaluate(axeSource);
  const violations = await frame.evaluate(
    (context, options) => globalThis.axe.run(context, options).then((result) => result.violations),
    selector,
    AXE_OPTIONS,
  );
  return violations.map(({ id, nodes }) => `axe ${id} in ${frame.url()}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('storybook: every story opens cleanly', () => {
  let server;
  let browser;
  before(async () => {
    server = await serveStatic(staticDir);
    browser = await puppeteer.launch(chromiumLaunchOptions);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  if (!stories.length) it('lists stories in storybook-static/index.json', () => assert.fail('no stories'));

  for (const story of stories) {
    it(`${story.title} › ${story.name}`, { timeout: STORY_TIMEOUT_MS }, async () => {
      const page = await browser.newPage();
      const problems = [];
      const expectsFailedRequest = story.tags?.includes('expects-http-error');
      let failedRequests = 0;
      page.on('console', (message) => {
        const where = message.location()?.url ?? '';
        // The browser asks every host for /favicon.ico by itself; Storybook's pages link favicon.svg.
        if (message.type() != 'error' || where.endsWith('/favicon.ico')) return;
        if (expectsFailedRequest && FAILED_REQUEST.test(message.text())) failedRequests++;
        else problems.push(`console error: ${message.text()} (${where})`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      try {
        await page.goto(`${server.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
        // The preview's own render phase: `finished` once the story rendered and its play function ran.
        const phase = await page
          .waitForFunction(
            () => {
              const current = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.phase;
              return ['finished', 'errored', 'aborted'].includes(current) && current;
            },
            { timeout: STORY_TIMEOUT_MS - 15_000, polling: 100 },
          )
          .then((handle) => handle.jsonValue());
        assert.equal(phase, 'finished', `the story ended "${phase}"`);
        // Then let the checkout get past loading (wherever it sits, shadow roots included), so axe sees a settled state.
        await page
          .waitForFunction(
            () => {
              const loading = (root) =>
                [...root.querySelectorAll('*')].some(
                  (node) => (node.localName == 'pay-checkout' && node.status == 'loading') || (node.shadowRoot && loading(node.shadowRoot)),
                );
              return !loading(document);
            },
            { timeout: SETTLE_MS, polling: 100 },
          )
          .catch(() => {});
        problems.push(...(await axeViolations(page.mainFrame(), '#storybook-root')));
        // Each frame the story shows (the card fields in the document, a hosted page in a shadow root), found
        // as the driver knows it: by name, else by URL.
        const frames = await page.evaluate(() => {
          const framesIn = (root) =>
            [...root.querySelectorAll('*')].flatMap((node) => [
              ...(node.localName == 'iframe' ? [{ name: node.name, src: node.src }] : []),
              ...(node.shadowRoot ? framesIn(node.shadowRoot) : []),
            ]);
          return framesIn(document);
        });
        for (const { name, src } of frames) {
          const frame = await page.waitForFrame((candidate) => (name ? candidate.name() == name : candidate.url() == src), {
            timeout: 5000,
          });
          problems.push(...(await axeViolations(frame, 'html')));
        }
        if (expectsFailedRequest && !failedRequests) problems.push('tagged expects-http-error, but no request failed');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
