// `npm test`: type-check, build, browser tests, Node tests; then one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
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
const add = (file) => {
  if (!existsSync(file)) return false;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  return true;
};

if (run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) && run('build', 'npm', ['run', 'build'])) {
  run('browser tests', 'npx', ['wtr']);
  if (!add('.test-results/browser.json')) totals.failed++;
  run('node tests', 'node', [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-count-reporter.mjs',
    '--test-reporter-destination=.test-results/node.json',
    'test/node/',
  ]);
  if (!add('.test-results/node.json')) totals.failed++;
} else {
  totals.failed++;
}

if (!ok && totals.failed === 0) totals.failed = 1; // a step failed outside any test
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
writeFileSync('.test-results/summary.txt', line + '\n');
console.log(`\n${line}`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
