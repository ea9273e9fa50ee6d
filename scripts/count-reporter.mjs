// A web-test-runner reporter that writes, per engine, how many tests passed, failed and were skipped, and
// which failed with what error, for the closing summary (CI keeps only the end of a long log: the names
// must be there). Skipped tests are listed too: a skip is named for its engine and says why.
// @ts-check
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { engineOf } from '../test/browsers.mjs';

/**
 * One engine's counts, and per test file how many tests it ran.
 * @typedef {{ passed: number, failed: number, skipped: number, failures: string[], skips: string[],
 *   files: Record<string, number> }} Totals
 */

/**
 * Adds the tests of `suite` and of the suites in it to `totals`, named `file: suite › … › test`.
 * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
 * @param {Totals} totals
 * @param {string} file
 * @param {string[]} path the names of the suites around `suite`
 */
const count = (suite, totals, file, path = []) => {
  for (const test of suite?.tests ?? []) {
    const name = [...path, test.name].join(' › ');
    if (test.skipped) {
      totals.skipped++;
      totals.skips.push(`${file}: ${name}`);
    } else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      totals.failures.push(`${file}: ${name}${test.error?.message ? ` — ${test.error.message.split('\n')[0]}` : ''}`);
    }
  }
  for (const child of suite?.suites ?? []) count(child, totals, file, [...path, child.name]);
  return totals;
};

/**
 * @param {string} file where the JSON goes
 * @returns {import('@web/test-runner').Reporter}
 */
export const countReporter = (file) => ({
  onTestRunFinished({ sessions }) {
    /** @type {Record<string, Totals>} */
    const engines = {};
    for (const session of sessions) {
      const engine = engineOf(session.browser);
      const totals = (engines[engine] ??= { passed: 0, failed: 0, skipped: 0, failures: [], skips: [], files: {} });
      const testFile = session.testFile.replace(`${process.cwd()}/`, '');
      const before = totals.passed + totals.failed + totals.skipped;
      count(session.testResults, totals, `${engine}: ${testFile}`);
      totals.files[testFile] = totals.passed + totals.failed + totals.skipped - before;
      // A test file that failed to load or errored outside a test counts as one failure.
      if (!session.passed && (session.errors?.length || !session.testResults)) {
        totals.failed++;
        totals.failures.push(`${engine}: ${testFile}: ${session.errors?.[0]?.message?.split('\n')[0] ?? 'did not run'}`);
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ engines }, null, 2));
  },
});
