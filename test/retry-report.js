// Loaded on every browser test page after the test framework (web-test-runner.config.mjs, testRunnerHtml).
// Mocha tries a failed test once more; a test that needed that second try is a flake, and a flake is
// reported, not forgotten: each retry goes to the runner, and `npm test` lists them before its last line.
import { executeServerCommand } from '@web/test-runner-commands';

/* global mocha */
mocha.suite.beforeAll(function listenForRetries() {
  // The runner exists once the tests run (the framework sets it right after starting them).
  globalThis.__WTR_MOCHA_RUNNER__?.on('retry', (test, error) => {
    const message = String(error?.message ?? error).split('\n')[0];
    void executeServerCommand('flaky', { title: test.titlePath().join(' › '), message });
  });
});
