// A node:test reporter that writes how many tests passed and failed, and which failed with what error, as JSON.
// @ts-check

/**
 * @param {AsyncIterable<import('node:test/reporters').TestEvent>} source
 * @returns {AsyncGenerator<string>}
 */
export default async function* countReporter(source) {
  /** @type {{ passed: number, failed: number, skipped: number, failures: string[] }} */
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    // Suites report too; count only leaf tests.
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) totals.skipped++;
    else if (event.type === 'test:pass') totals.passed++;
    else {
      totals.failed++;
      const error = event.data.details?.error;
      // node:test wraps what the test threw (usually an Error) in an error of its own, as its `cause`.
      const cause = /** @type {{ message?: string } | null | undefined} */ (error?.cause);
      const message = (cause?.message ?? error?.message ?? '').split('\n')[0];
      totals.failures.push(`${event.data.file ?? ''}: ${event.data.name}${message ? ` — ${message}` : ''}`);
    }
  }
  yield JSON.stringify(totals);
}
