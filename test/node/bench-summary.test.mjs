// bench/results.json's `summary` (bench/summary.mjs): its names are a contract with whoever reads the file, so
// they are checked here, with the figures each is made of, on fixture results shaped as bench/run.mjs writes them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUMMARY_NAMES, renderSummary, summarize } from '../../bench/summary.mjs';

const median = (/** @type {number} */ value) => ({ median: value, p25: value, p75: value, n: 1 });
const load = (/** @type {string} */ provider, /** @type {number} */ gzip, /** @type {number | null} */ critical) => ({
  provider,
  mode: 'iframe',
  variant: 'session-url',
  files: [],
  min: gzip * 3,
  gzip,
  criticalPath: critical == null ? null : { files: [], min: critical * 3, gzip: critical, request: '<provider>/checkout' },
});

/** A whole run's results, reduced to what the summary reads. */
const RESULTS = {
  sizes: { everything: { files: [], min: 80_000, gzip: 25_373 } },
  firstLoads: {
    cases: [
      load('pekopay', 16_396, 16_396),
      load('pekopay', 16_396, null),
      load('reepay', 16_961, 16_961),
      load('reepay', 14_120, 16_961),
      load('paiwise', 14_024, 16_500),
      load('paiwise', 16_918, 16_918),
    ],
  },
  timing: { summary: { element: { ready: median(105) }, vanilla: { ready: median(100) } } },
  cold: { summary: { element: { ready: median(660) }, elementHinted: { ready: median(550) }, vanilla: { ready: median(500) } } },
  cycles: { readyCycles: { count: 1000, growth: { heapBytes: 17_400 } } },
  instances: { element: { allReady: median(1200) }, sdk: { allReady: median(1000) } },
};

describe('bench summary', () => {
  it('has exactly the stable names, in their order', () => {
    assert.deepEqual(Object.keys(summarize(RESULTS)), [...SUMMARY_NAMES]);
    // Written out here on purpose: renaming one in bench/summary.mjs breaks whoever reads results.json.
    const stable =
      'firstVisitRatio firstVisitHintedRatio readyRatio instancesRatio heapPerCycleBytes criticalPathGzip firstLoadGzip everythingGzip';
    assert.deepEqual(SUMMARY_NAMES, stable.split(' '));
  });

  it('gives the ratios of medians to three decimals, and the heap per cycle', () => {
    const summary = summarize(RESULTS);
    assert.equal(summary.firstVisitRatio, 1.32);
    assert.equal(summary.firstVisitHintedRatio, 1.1);
    assert.equal(summary.readyRatio, 1.05);
    assert.equal(summary.instancesRatio, 1.2);
    assert.equal(summary.heapPerCycleBytes, 17);
  });

  it("gives each provider's worst case of the critical path and of the first load, and everything", () => {
    const summary = summarize(RESULTS);
    assert.deepEqual(summary.criticalPathGzip, { pekopay: 16_396, reepay: 16_961, paiwise: 16_918 });
    assert.deepEqual(summary.firstLoadGzip, { pekopay: 16_396, reepay: 16_961, paiwise: 16_918 });
    assert.equal(summary.everythingGzip, 25_373);
  });

  it('keeps every name, null, for the parts a run left out (BENCH_ONLY) or a provider never reached', () => {
    const summary = summarize({ sizes: RESULTS.sizes, firstLoads: { cases: [load('pekopay', 16_000, null)] } });
    assert.deepEqual(Object.keys(summary), [...SUMMARY_NAMES]);
    for (const name of ['firstVisitRatio', 'firstVisitHintedRatio', 'readyRatio', 'instancesRatio', 'heapPerCycleBytes']) {
      assert.equal(summary[/** @type {'readyRatio'} */ (name)], null, name);
    }
    assert.deepEqual(summary.criticalPathGzip, { pekopay: null, reepay: null, paiwise: null });
    assert.deepEqual(summary.firstLoadGzip, { pekopay: 16_000, reepay: null, paiwise: null });
  });

  it('prints one line a name', () => {
    const lines = renderSummary(summarize(RESULTS)).split('\n').slice(1);
    assert.deepEqual(
      lines.map((line) => line.trim().split(/\s+/)[0]),
      [...SUMMARY_NAMES],
    );
    assert.match(lines[5], /criticalPathGzip\s+pekopay 16,396, reepay 16,961, paiwise 16,918$/);
  });
});
