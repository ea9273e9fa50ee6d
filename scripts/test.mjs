// `npm test`: type-check, lint, build, browser tests in three engines (Chromium, Firefox, WebKit), Node
// tests, then the Storybook build and its smoke test (one test per story). It ends with one line per engine,
// `chromium: N passed, N failed, N skipped`, and the total line "N passed, N failed", also written to
// .test-results/summary.txt with every failed test named above them (CI keeps only the end of a long log).
// @ts-check
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ENGINES, selectedEngines } from '../test/browsers.mjs';

const started = Date.now();
rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
/** @typedef {keyof typeof totals} Count what `totals` counts */
/** @type {Record<string, { passed: number, failed: number, skipped: number, skips: string[] }>} */
const engines = {};
/**
 * Which tests failed, with their first error line: printed again at the very end, where CI logs keep them.
 * @type {string[]}
 */
const failures = [];
let ok = true;

const run = (/** @type {string} */ label, /** @type {string} */ command, /** @type {string[]} */ args) => {
  const at = Date.now();
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  console.log(`── ${label}: ${status === 0 ? 'done' : `failed (exit ${status})`} in ${Math.round((Date.now() - at) / 1000)} s`);
  if (status !== 0) ok = false;
  return status === 0;
};
/** Adds the counts in `file` (`{ passed, failed, skipped, failures }`) to the totals. */
const add = (/** @type {string} */ file) => {
  if (!existsSync(file)) return false;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of /** @type {Count[]} */ (Object.keys(totals))) totals[key] += counts[key] ?? 0;
  failures.push(...(counts.failures ?? []));
  return true;
};
/** node:test over `dir`, its spec on stdout and its counts in `.test-results/<name>.json`. */
const nodeTests = (/** @type {string} */ label, /** @type {string} */ name, /** @type {string} */ dir) => {
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
const browserTests = () => {
  run('browser tests', 'npx', ['wtr']);
  const file = '.test-results/browser.json';
  if (!existsSync(file)) return void totals.failed++;
  const counts = JSON.parse(readFileSync(file, 'utf8')).engines;
  for (const engine of selectedEngines()) {
    const found = counts[engine];
    // An engine that reported nothing did not run: that is a failure, not zero tests.
    if (!found) {
      failures.push(`${engine}: no test ran`);
      totals.failed++;
      continue;
    }
    engines[engine] = found;
    for (const key of /** @type {Count[]} */ (Object.keys(totals))) totals[key] += found[key];
    failures.push(...found.failures);
  }
};

if (
  run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) &&
  run('lint (typescript-eslint, lit, lit-a11y, wc, compatibility with the supported browsers)', 'npx', ['eslint', '.']) &&
  run('format (prettier)', 'npx', ['prettier', '--check', '.']) &&
  run('dependency rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']) &&
  run('build', 'npm', ['run', 'build']) &&
  // After the build: the demo's backend imports pay-checkout/server, whose declarations the build writes.
  run('type-check of the JavaScript (sandbox, demo, bench, scripts)', 'npx', ['tsc', '-p', 'tsconfig.checkjs.json'])
) {
  browserTests();
  nodeTests('node tests', 'node', 'test/node/');
  if (run('storybook build', 'npm', ['run', 'build-storybook', '--', '--quiet'])) {
    nodeTests('storybook smoke test', 'storybook', 'test/storybook/');
  } else {
    totals.failed++;
  }
} else {
  totals.failed++;
}

if (!ok && totals.failed === 0) totals.failed = 1; // a step failed outside any test
const skips = Object.entries(engines).flatMap(([, counts]) => counts.skips.map((skip) => `skipped: ${skip}`));
const engineLines = ENGINES.filter((engine) => engines[engine]).map((engine) => {
  const { passed, failed, skipped } = engines[engine];
  return `${engine}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
});
const line = `${totals.passed} passed, ${totals.failed} failed`;
const failed = failures.map((failure) => `failed: ${failure}`);
const minutes = `npm test took ${((Date.now() - started) / 60_000).toFixed(1)} min`;
writeFileSync('.test-results/summary.txt', [...failed, ...skips, minutes, ...engineLines, line].join('\n') + '\n');
console.log(`\n${[...failed, ...skips, minutes, ...engineLines, line].join('\n')}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
