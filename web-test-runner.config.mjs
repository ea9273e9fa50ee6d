// Browser tests: real headless Chromium, the test pages on http://localhost:<wtr port> (with the demo
// merchant backend as middleware) and the provider sandbox on http://127.0.0.1:<port + 1> — another origin (PAY_TEST_PORT, default 8400).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { createMerchantBackend } from './demo/backend.mjs';
import { startServer } from './demo/server.mjs';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { PAGE_PORT, SANDBOX_ORIGIN, SANDBOX_PORT } from './test/ports.js';

let sandbox;
const require = createRequire(import.meta.url);

/**
 * Commands for tests to act as a person in cross-origin frames, which page script cannot reach:
 * `card-frame` types into / presses keys in / runs axe in the hosted card fields of a frame found by name;
 * `window-listeners` counts the page's window listeners of one type (through the DevTools protocol).
 */
function cardFrameCommands() {
  return {
    name: 'card-frame-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'card-frame' && command !== 'window-listeners') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'window-listeners') {
        const cdp = await page.createCDPSession();
        const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
        const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
        await cdp.detach();
        return listeners.filter((listener) => listener.type === payload.type).length;
      }
      const frame = page.frames().find((candidate) => candidate.name() === payload.frameName);
      if (!frame) throw new Error(`no frame named ${payload.frameName}`);
      for (const [autocomplete, text] of Object.entries(payload.type ?? {})) {
        const selector = `[autocomplete="${autocomplete}"]`;
        // The driver, not the product, has been seen (rarely) to lose its handle on a live frame: one more try
        // then. A frame the element really removed fails at once, and says so.
        const wait = () => frame.waitForSelector(selector, { timeout: 5000 });
        await wait()
          .catch((error) => (frame.detached ? Promise.reject(error) : wait()))
          .catch((error) => {
            throw new Error(`${error.message} (frame detached: ${frame.detached}; ${error.cause?.message ?? ''})`);
          });
        await frame.click(selector, { count: 3 });
        await frame.type(selector, text);
      }
      if (payload.press) await frame.page().keyboard.press(payload.press);
      if (payload.axe) {
        // axe-core, evaluated in the frame through the DevTools protocol (page CSP does not apply to it).
        await frame.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
        const { violations } = await frame.evaluate(() => globalThis.axe.run(document));
        return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`);
      }
      if (payload.count) return frame.$$eval(payload.count, (nodes) => nodes.length);
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
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  port: PAGE_PORT,
  // One page at a time: tests type into frames as a person would, and two pages would fight over focus.
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 10 * 60_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  middleware: [
    // The merchant backend (e.g. /api/pekopay/token) answers on the test pages' own origin.
    async (ctx, next) => {
      if (await backend(ctx.req, ctx.res)) ctx.respond = false;
      else await next();
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
