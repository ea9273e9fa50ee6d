// `npm run test:soak`: the browser suite (three engines) run SOAK_RUNS times in a row (default 5) while
// SOAK_BUSY cores (default 1) are kept busy, to show that the tests do not flake under load. Prints each run's
// counts and the failures, and exits non-zero when any run failed. Build first (`npm run build`).
// `SOAK_BUSY=2` on a two-core machine is harsher than CI: it is how the lost mouse click of the end-to-end
// driver (test/frame-input.mjs `activate`) was reproduced.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const runs = Number(process.env.SOAK_RUNS) || 5;
const busyCores = Number(process.env.SOAK_BUSY ?? 1);
// Busy cores for the whole soak: child processes spinning until they are stopped.
const busy = Array.from({ length: busyCores }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const { status } = spawnSync('npx', ['wtr'], { stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
    const { engines } = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
    const counts = Object.entries(engines)
      .map(([engine, c]) => `${engine} ${c.passed}/${c.failed}/${c.skipped}`)
      .join(', ');
    const failures = Object.values(engines).flatMap((c) => c.failures);
    results.push({ run, status, seconds: Math.round((Date.now() - started) / 1000), failures });
    console.log(
      `soak run ${run}/${runs}: exit ${status}, ${Math.round((Date.now() - started) / 1000)} s (passed/failed/skipped: ${counts})`,
    );
    for (const failure of failures) console.log(`  failed: ${failure}`);
  }
} finally {
  for (const child of busy) child.kill();
}
const failedRuns = results.filter((result) => result.status !== 0 || result.failures.length);
console.log(
  `\nsoak: ${runs} runs with ${busyCores} core(s) busy, ${failedRuns.length} with failures, ${results.flatMap((r) => r.failures).length} failed tests in all`,
);
process.exit(failedRuns.length ? 1 : 0);
