// A web-test-runner reporter that writes how many tests passed and failed, for the closing summary line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const count = (suite, totals) => {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
  return totals;
};

export const countReporter = (file) => ({
  onTestRunFinished({ sessions }) {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const session of sessions) {
      count(session.testResults, totals);
      // A test file that failed to load or errored outside a test counts as one failure.
      if (!session.passed && (session.errors?.length || !session.testResults)) totals.failed++;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(totals));
  },
});
