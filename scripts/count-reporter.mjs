// A web-test-runner reporter that writes how many tests passed and failed, and which failed with what error,
// for the closing summary (CI keeps only the end of a long log: the names must be there).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const count = (suite, totals, file, path = []) => {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else {
      totals.failed++;
      const name = [...path, test.name].join(' › ');
      totals.failures.push(`${file}: ${name}${test.error?.message ? ` — ${test.error.message.split('\n')[0]}` : ''}`);
    }
  }
  for (const child of suite?.suites ?? []) count(child, totals, file, [...path, child.name]);
  return totals;
};

export const countReporter = (file) => ({
  onTestRunFinished({ sessions }) {
    const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
    for (const session of sessions) {
      const testFile = session.testFile.replace(`${process.cwd()}/`, '');
      count(session.testResults, totals, testFile);
      // A test file that failed to load or errored outside a test counts as one failure.
      if (!session.passed && (session.errors?.length || !session.testResults)) {
        totals.failed++;
        totals.failures.push(`${testFile}: ${session.errors?.[0]?.message?.split('\n')[0] ?? 'did not run'}`);
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(totals));
  },
});
