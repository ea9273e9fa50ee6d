// Where the test run's sandbox listens: read by web-test-runner.config.mjs (Node) and by the tests.
export const SANDBOX_PORT = 8401;
export const SANDBOX_ORIGIN = `http://127.0.0.1:${SANDBOX_PORT}`;
