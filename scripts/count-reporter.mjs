// A web-test-runner reporter that writes, per engine, how many tests passed, failed and were skipped, and
// which failed with what error, for the closing summary (CI keeps only the end of a long log: the names
// must be there). Skipped tests are listed too: a skip is named for its engine and says why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { engineOf } from '../test/browsers.mjs';

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

export const countReporter = (file) => ({
  onTestRunFinished({ sessions }) {
    /** @type {Record<string, { passed: number, failed: number, skipped: number, failures: string[], skips: string[] }>} */
    const engines = {};
    for (const session of sessions) {
      const engine = engineOf(session.browser);
      const totals = (engines[engine] ??= { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] });
      const testFile = session.testFile.replace(`${process.cwd()}/`, '');
      count(session.testResults, totals, `${engine}: ${testFile}`);
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
