// Browser tests: real headless Chromium, the test pages on http://localhost:<wtr port> (with the demo
// merchant backend as middleware) and the provider sandbox on http://127.0.0.1:<port + 1> — another origin (PAY_TEST_PORT, default 8400).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { createMerchantBackend } from './demo/backend.mjs';
import { reepayConfigFromEnv } from './demo/reepay-backend.mjs';
import { startServer } from './demo/server.mjs';
import { STRICT_PAGE, strictContentSecurityPolicy } from './demo/strict-csp.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { chromiumLaunchOptions, frameDriver, pressInFrame, typeInCardFrame } from './test/chromium.mjs';
import { PAGE_PORT, SANDBOX_ORIGIN, SANDBOX_PORT } from './test/ports.js';

let sandbox;
/** Figures the hostile suites measured in this run, by name. */
const figures = {};
/** Tests that failed once and passed when tried again, with the first failure's message. */
const flaky = [];
mkdirSync('.test-results', { recursive: true });
const require = createRequire(import.meta.url);

/**
 * Commands for tests to act as a person in cross-origin frames, which page script cannot reach:
 * `card-frame` types into / clicks in / presses keys in / reads text or state of / runs axe in the hosted card
 * fields or hosted checkout page of a frame found by name (frames inside shadow roots too);
 * `window-listeners` counts the page's window listeners of one type (through the DevTools protocol);
 * `page-health` measures the heap after garbage collection, window+document listeners and child frames;
 * `figure` records a measured figure of the hostile suites for SECURITY.md;
 * `fuzz-options` tells the hostile-input fuzzer how many configurations to try, from which seed.
 */
function cardFrameCommands() {
  return {
    name: 'card-frame-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'figure') {
        // A measured figure for SECURITY.md's generated table (`npm run test:hostile`).
        figures[payload.name] = payload.value;
        writeFileSync('.test-results/figures.json', JSON.stringify(figures, null, 2));
        return true;
      }
      if (command === 'flaky') {
        // A test that failed and then passed on its retry (test/retry-report.js): listed at the end of `npm test`.
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        flaky.push({ test: `${file}: ${payload.title}`, message: payload.message });
        writeFileSync('.test-results/flaky.json', JSON.stringify(flaky, null, 2));
        return true;
      }
      if (command === 'fuzz-options') {
        // `npm run fuzz` runs the long mode; CI runs a few hundred configurations.
        return { runs: Number(process.env.FUZZ_RUNS) || 300, seed: Number(process.env.FUZZ_SEED) || 20261121 };
      }
      if (command !== 'card-frame' && command !== 'window-listeners' && command !== 'page-health') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'page-health') {
        // After garbage collection: the JS heap in use, every listener on window and document, child frames.
        const cdp = await page.createCDPSession();
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        let listeners = 0;
        for (const expression of ['window', 'document']) {
          const { result } = await cdp.send('Runtime.evaluate', { expression, objectGroup: 'health' });
          listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
        }
        await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'health' });
        await cdp.detach();
        return { heap: usedSize, listeners, frames: page.frames().length - 1 };
      }
      if (command === 'window-listeners') {
        const cdp = await page.createCDPSession();
        const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
        await cdp.detach();
        return listeners.filter((listener) => listener.type === payload.type).length;
      }
      // The driver learns of frames from its own event stream, which can lag behind this command (seen with
      // same-origin frames, e.g. the sandbox's offline mode), and a frame navigating to another origin is
      // swapped for a new one: wait for a live frame of that name rather than fail at once.
      const findFrame = () =>
        page
          .waitForFrame((candidate) => candidate.name() === payload.frameName && !candidate.detached, { timeout: 5000 })
          .catch(() => Promise.reject(new Error(`no frame named ${payload.frameName}`)));
      const frame = await findFrame();
      await typeInCardFrame(frame, payload.type ?? {});
      // Typing found its own driver per field; the rest needs one only when it acts in the frame.
      const driver = payload.click || payload.axe || payload.count || payload.text || payload.state ? await frameDriver(frame) : undefined;
      if (payload.click) {
        await driver.waitVisible(payload.click, 5000);
        await driver.click(payload.click);
      }
      if (payload.press) await pressInFrame(frame, payload.press);
      if (payload.axe) {
        // axe-core, evaluated in the frame through the DevTools protocol (page CSP does not apply to it).
        await driver.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
        const { violations } = await driver.evaluate(() => globalThis.axe.run(document));
        return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
      }
      if (payload.count) return driver.evaluate((selector) => document.querySelectorAll(selector).length, payload.count);
      if (payload.state) {
        // test/frame-command.ts's FrameState: what the form shows, for a failure message.
        return driver.evaluate(() => ({
          status: document.querySelector('[role=status]')?.textContent?.trim() ?? null,
          errors: [...document.querySelectorAll('.error')].map((line) => line.textContent.trim()).filter(Boolean),
          fields: Object.fromEntries([...document.querySelectorAll('input[autocomplete^="cc-"]')].map((input) => [input.autocomplete, input.value.length])),
          busy: !!document.querySelector('[aria-busy="true"]'),
          page: location.pathname,
        }));
      }
      if (payload.text) {
        // The first non-empty text of the selector within 5 s (e.g. an error the page shows after a request).
        const text = (selector) => document.querySelector(selector)?.textContent?.trim() || '';
        for (const deadline = Date.now() + 5000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
          const found = await driver.evaluate(text, payload.text);
          if (found || Date.now() > deadline) return found;
        }
      }
      return true;
    },
  };
}
const backend = createMerchantBackend({
  pekopay: {
    baseUrl: `${SANDBOX_ORIGIN}/sandbox/pekopay`,
    tenantId: 'demo-tenant',
    clientId: 'demo-client',
    clientSecret: 'demo-secret',
  },
  paiwise: { baseUrl: `${SANDBOX_ORIGIN}/sandbox/paiwise`, apiKey: 'paiwise_sandbox_demo' },
  reepay: reepayConfigFromEnv(SANDBOX_ORIGIN, {}),
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  port: PAGE_PORT,
  // One page at a time: tests type into frames as a person would, and two pages would fight over focus.
  concurrency: 1,
  // Generous: a test types into cross-origin frames as a person would, on CI machines with two cores.
  // A failed test is tried once more, and a test that passes only then is listed as flaky at the end of
  // `npm test` (test/retry-report.js): one stalled browser command on a loaded machine does not turn CI red
  // and is not hidden either. A test that fails twice fails.
  testFramework: { config: { timeout: 30_000, retries: 1 } },
  testRunnerHtml: (testFramework) =>
    `<!DOCTYPE html><html><body><script type="module" src="${testFramework}"></script>` +
    `<script type="module" src="/test/retry-report.js"></script></body></html>`,
  testsFinishTimeout: 10 * 60_000,
  // A loaded machine can take long to open a page; a slow start is not a failure.
  testsStartTimeout: 60_000,
  browsers: [
    chromeLauncher({ launchOptions: chromiumLaunchOptions }),
  ],
  middleware: [
    // The merchant backend (e.g. /api/pekopay/token) answers on the test pages' own origin.
    async (ctx, next) => {
      if (await backend(ctx.req, ctx.res)) ctx.respond = false;
      else await next();
    },
    // The strict demo page with its policy, as the demo server serves it, and a control page under the same
    // policy that breaks it on purpose (test/hostile/csp.test.ts).
    async (ctx, next) => {
      await next();
      if (ctx.path === STRICT_PAGE || ctx.path === '/test/fixtures/strict-control.html') {
        ctx.set('Content-Security-Policy', strictContentSecurityPolicy(SANDBOX_ORIGIN));
      }
    },
    // A session endpoint that answers whatever the test says (`?answer=<JSON text>`), for answers the
    // demo backend would never give (a foreign checkout URL, another provider's id).
    async (ctx, next) => {
      if (ctx.path !== '/test-api/session-answer') return next();
      ctx.type = 'application/json';
      ctx.body = ctx.query.answer ?? '{}';
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    cardFrameCommands(),
    {
      name: 'provider-sandbox',
      async serverStart() {
        sandbox = await startServer({ port: SANDBOX_PORT, log: false });
      },
      async serverStop() {
        await sandbox?.close();
      },
    },
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter('.test-results/browser.json')],
};
