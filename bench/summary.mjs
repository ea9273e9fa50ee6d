// The bench's summary: a few figures under names that stay the same from run to run and release to release,
// so that tools and people can compare runs (bench/results.json `summary`, printed last by `npm run bench`).
// A pure function of the results; a figure whose part of the bench did not run (BENCH_ONLY) is null.
// @ts-check

/** The providers whose byte figures the summary gives, in this order. */
export const SUMMARY_PROVIDERS = /** @type {const} */ (['pekopay', 'reepay', 'paiwise']);

/**
 * @typedef {{ pekopay: number | null, reepay: number | null, paiwise: number | null }} PerProvider
 * @typedef {object} BenchSummary
 * @property {number | null} firstVisitRatio first visit, navigation → ready: <pay-checkout> over the vanilla
 *   snippet (ratio of medians; new browser context, +40 ms a request)
 * @property {number | null} firstVisitHintedRatio the same with the host hints (modulepreload, preconnect)
 * @property {number | null} readyRatio insertion → ready, warm page: <pay-checkout> over vanilla (ratio of medians)
 * @property {number | null} instancesRatio 100 instances, insertion → every one ready: over 100 SDK forms
 * @property {number | null} heapPerCycleBytes heap growth after GC per mount → pay-ready → unmount cycle
 * @property {PerProvider} criticalPathGzip gzip bytes of element code requested before the first provider
 *   request (SDK import, hosted frame, session POST, redirect), the provider's worst case
 * @property {PerProvider} firstLoadGzip gzip bytes of element code requested before pay-ready, the worst case
 * @property {number} everythingGzip gzip bytes of every file of the build
 */

/** The names of the summary, in the order it is written and printed. */
export const SUMMARY_NAMES = /** @type {const} */ ([
  'firstVisitRatio',
  'firstVisitHintedRatio',
  'readyRatio',
  'instancesRatio',
  'heapPerCycleBytes',
  'criticalPathGzip',
  'firstLoadGzip',
  'everythingGzip',
]);

/** `a / b` to three decimals, or null when either is missing. */
const ratio = (/** @type {number | undefined} */ a, /** @type {number | undefined} */ b) =>
  a != null && b ? Math.round((a / b) * 1000) / 1000 : null;

/**
 * The largest of `figure` over the cases of each provider (null for a provider with none).
 * @template T
 * @param {T[]} cases
 * @param {(item: T) => string} providerOf
 * @param {(item: T) => number | null | undefined} figure
 * @returns {PerProvider}
 */
function worstByProvider(cases, providerOf, figure) {
  /** @type {PerProvider} */
  const worst = { pekopay: null, reepay: null, paiwise: null };
  for (const item of cases) {
    const provider = /** @type {keyof PerProvider} */ (providerOf(item));
    const value = figure(item);
    if (provider in worst && value != null && value > (worst[provider] ?? -Infinity)) worst[provider] = value;
  }
  return worst;
}

/**
 * The summary of a bench run's results (bench/run.mjs writes them to bench/results.json).
 * @param {any} results
 * @returns {BenchSummary}
 */
export function summarize(results) {
  const cold = results.cold?.summary;
  const instances = results.instances;
  const cycles = results.cycles?.readyCycles;
  /** @type {{ provider: string, gzip: number, criticalPath?: { gzip: number } | null }[]} */
  const cases = results.firstLoads?.cases ?? [];
  return {
    firstVisitRatio: ratio(cold?.element.ready.median, cold?.vanilla.ready.median),
    firstVisitHintedRatio: ratio(cold?.elementHinted.ready.median, cold?.vanilla.ready.median),
    readyRatio: ratio(results.timing?.summary.element.ready.median, results.timing?.summary.vanilla.ready.median),
    instancesRatio: ratio(instances?.element.allReady?.median, instances?.sdk.allReady?.median),
    heapPerCycleBytes: cycles ? Math.round(cycles.growth.heapBytes / cycles.count) : null,
    criticalPathGzip: worstByProvider(
      cases,
      (item) => item.provider,
      (item) => item.criticalPath?.gzip,
    ),
    firstLoadGzip: worstByProvider(
      cases,
      (item) => item.provider,
      (item) => item.gzip,
    ),
    everythingGzip: results.sizes.everything.gzip,
  };
}

/**
 * The summary as printed at the end of `npm run bench`: one line a name.
 * @param {BenchSummary} summary
 */
export function renderSummary(summary) {
  const figure = (/** @type {number | null} */ value) => (value == null ? '—' : value.toLocaleString('en-US'));
  const format = (/** @type {number | null | PerProvider} */ value) =>
    value != null && typeof value == 'object'
      ? SUMMARY_PROVIDERS.map((provider) => `${provider} ${figure(value[provider])}`).join(', ')
      : figure(value);
  const width = Math.max(...SUMMARY_NAMES.map((name) => name.length));
  return [
    'summary (bench/results.json `summary`)',
    ...SUMMARY_NAMES.map((name) => `  ${name.padEnd(width)}  ${format(summary[name])}`),
  ].join('\n');
}
