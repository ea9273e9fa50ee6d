// Browser tests, in three engines (Chromium, Firefox, WebKit: test/browsers.mjs; PAY_TEST_BROWSERS narrows
// the run). The test pages are served on http://localhost:<port> (with the demo merchant backend as
// middleware, and the provider sandbox on the same origin for tests that drive its pages in-page); the
// sandbox also listens on http://127.0.0.1:<port + 1>, another origin, for the frames whose origin is the
// point (PAY_TEST_PORT, default 8400). A failed test fails: no retries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { createMerchantBackend } from './demo/backend.mjs';
import { reepayConfigFromEnv } from './demo/reepay-backend.mjs';
import { startServer } from './demo/server.mjs';
import { STRICT_PAGE, strictContentSecurityPolicy } from './demo/strict-csp.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { launchers, selectedEngines, startWebKitDriver } from './test/browsers.mjs';
import { actInFrame } from './test/frame-input.mjs';
import { PAGE_PORT, SANDBOX_ORIGIN, SANDBOX_PORT } from './test/ports.js';

const engines = selectedEngines();
const WEBKIT_DRIVER_PORT = SANDBOX_PORT + 1;
let sandbox;
let webkitDriver;
/** Figures the hostile suites measured in this run, by name. */
const figures = {};
mkdirSync('.test-results', { recursive: true });

/**
 * Server commands: `frame-input` acts as a person in a cross-origin frame (end-to-end tier only,
 * test/e2e/frame.ts); `figure` records a measured figure of the hostile suites for SECURITY.md;
 * `fuzz-options` tells the hostile-input fuzzer how many configurations to try, from which seed.
 */
function testCommands() {
  return {
    name: 'test-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'figure') {
        figures[payload.name] = payload.value;
        writeFileSync('.test-results/figures.json', JSON.stringify(figures, null, 2));
        return true;
      }
      if (command === 'fuzz-options') {
        // `npm run fuzz` runs the long mode; CI runs a few hundred configurations.
        return { runs: Number(process.env.FUZZ_RUNS) || 300, seed: Number(process.env.FUZZ_SEED) || 20261121 };
      }
      if (command === 'frame-input') return actInFrame(session, payload);
      return undefined;
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
  // One test file at a time in each engine (end-to-end tests type into frames, and typing needs focus);
  // the engines run side by side.
  concurrency: 1,
  concurrentBrowsers: 3,
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 10 * 60_000,
  // A loaded machine can take long to open a page; a slow start is not a failure.
  testsStartTimeout: 60_000,
  browserStartTimeout: 60_000,
  browsers: launchers(engines, WEBKIT_DRIVER_PORT),
  middleware: [
    // The merchant backend (e.g. /api/pekopay/token) answers on the test pages' own origin.
    async (ctx, next) => {
      if (await backend(ctx.req, ctx.res)) ctx.respond = false;
      else await next();
    },
    // The sandbox's API and pages on the test pages' origin too, for tests that act in its pages in-page.
    async (ctx, next) => {
      if (ctx.path.startsWith('/sandbox/') && sandbox && (await sandbox.sandbox.handle(ctx.req, ctx.res))) ctx.respond = false;
      else await next();
    },
    // The built self-contained file and its chunks with CORS, as a CDN serves them: the end-to-end tests
    // load it from the other name of this server (127.0.0.1), another origin than the page's.
    async (ctx, next) => {
      await next();
      if (ctx.path.startsWith('/dist/cdn/')) ctx.set('Access-Control-Allow-Origin', '*');
    },
    // The strict demo page with its policy, as the demo server serves it, and a control page under the same
    // policy that breaks it on purpose (test/hostile/csp.test.ts).
    async (ctx, next) => {
      await next();
      if (ctx.path === STRICT_PAGE || ctx.path === '/test/fixtures/strict-control.html') {
        ctx.set('Content-Security-Policy', strictContentSecurityPolicy(SANDBOX_ORIGIN));
      }
    },
    // <pay-checkout> rendered by Lit's server renderer from the built package, with the query as its attributes,
    // for the page that hydrates it (test/ssr-hydrate.test.ts).
    async (ctx, next) => {
      if (ctx.path !== '/test-api/ssr') return next();
      const { renderCheckout } = await import('./test/node/support/ssr-render.mjs');
      ctx.type = 'text/html';
      ctx.body = await renderCheckout(/** @type {Record<string, string>} */ (ctx.query));
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
    testCommands(),
    {
      name: 'provider-sandbox-and-webkit-driver',
      async serverStart() {
        sandbox = await startServer({ port: SANDBOX_PORT, log: false });
        if (engines.includes('webkit')) webkitDriver = await startWebKitDriver(WEBKIT_DRIVER_PORT);
      },
      async serverStop() {
        await sandbox?.close();
        await webkitDriver?.stop();
      },
    },
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter('.test-results/browser.json')],
};
