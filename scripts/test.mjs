// `npm test`: type-check, build, browser tests, Node tests, then the Storybook build and its smoke test
// (one test per story); then one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Which tests failed, with their first error line: printed again at the very end, where CI logs keep them. */
const failures = [];
let ok = true;

const run = (label, command, args) => {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (status !== 0) {
    ok = false;
    console.log(`── ${label} failed (exit ${status})`);
  }
  return status === 0;
};
/** node:test over `dir`, its spec on stdout and its counts in `.test-results/<name>.json`. */
const nodeTests = (label, name, dir) => {
  run(label, 'node', [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-count-reporter.mjs',
    `--test-reporter-destination=.test-results/${name}.json`,
    dir,
  ]);
  if (!add(`.test-results/${name}.json`)) totals.failed++;
};
const add = (file) => {
  if (!existsSync(file)) return false;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  failures.push(...(counts.failures ?? []));
  return true;
};

if (run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) && run('build', 'npm', ['run', 'build'])) {
  run('browser tests', 'npx', ['wtr']);
  if (!add('.test-results/browser.json')) totals.failed++;
  nodeTests('node tests', 'node', 'test/node/');
  if (run('storybook build', 'npm', ['run', 'build-storybook', '--', '--quiet'])) {
    nodeTests('storybook smoke test', 'storybook', 'test/storybook/');
  } else {
    totals.failed++;
  }
} else {
  totals.failed++;
}

// Browser tests that passed only when tried again (web-test-runner.config.mjs): passes, and named.
// (A test that failed its retry too is among the failures, not here.)
/** @type {{ test: string, message: string }[]} */
const retried = existsSync('.test-results/flaky.json') ? JSON.parse(readFileSync('.test-results/flaky.json', 'utf8')) : [];
const flaky = retried.filter(({ test }) => !failures.some((failure) => failure == test || failure.startsWith(`${test} — `)));
if (flaky.length) console.log(`\n${flaky.map(({ test, message }) => `flaky (passed when tried again): ${test} — ${message}`).join('\n')}`);
if (!ok && totals.failed === 0) totals.failed = 1; // a step failed outside any test
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
const failed = failures.map((failure) => `failed: ${failure}`);
writeFileSync('.test-results/summary.txt', [...failed, line].join('\n') + '\n');
if (failed.length) console.log(`\n${failed.join('\n')}`);
console.log(`\n${line}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
