// Where the test run's pages and sandbox listen: read by web-test-runner.config.mjs (Node) and by the
// tests (browser). PAY_TEST_PORT moves both, so that two checkouts can run their tests side by side; in
// the browser the pages' own port is the base.
const base = typeof process == 'object' ? Number(process.env.PAY_TEST_PORT || 8400) : Number(globalThis.location.port);
export const PAGE_PORT = base;
export const SANDBOX_PORT = base + 1;
export const SANDBOX_ORIGIN = `http://127.0.0.1:${SANDBOX_PORT}`;
