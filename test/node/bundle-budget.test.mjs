// The byte budgets of the self-contained build (bench/budgets.mjs), checked on what `npm run build` wrote:
// every provider's first load and everything we ship, gzip -9. Figures and gaps are printed as diagnostics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { checkBudgets } from '../../bench/budgets.mjs';
import { measureBundle } from '../../bench/sizes.mjs';

const providersDir = new URL('../../src/providers/', import.meta.url);
const providerFolders = readdirSync(providersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/index.ts`, providersDir)))
  .map((entry) => entry.name);

describe('bundle budgets', () => {
  const sizes = measureBundle();

  it('measures a first load for every provider folder in src/providers', () => {
    assert.deepEqual(Object.keys(sizes.firstLoad).sort(), providerFolders.sort());
    for (const [provider, load] of Object.entries(sizes.firstLoad)) {
      assert.ok(load.files.includes('pay-checkout.min.js'), `${provider}: the entry is part of its first load`);
      assert.ok(load.files.length >= 2, `${provider}: its own chunk is part of its first load`);
    }
  });

  for (const check of checkBudgets(sizes)) {
    const limit = check.enforced == check.budget ? 'its budget' : Number.isFinite(check.enforced) ? 'its CI ratchet' : 'nothing (reported only)';
    it(`keeps ${check.name} within ${limit}`, (t) => {
      t.diagnostic(
        `${check.name}: ${check.figure} B gzip; budget ${check.budget} B (${check.note})` +
          (check.enforced == check.budget ? '' : `; CI fails above ${check.enforced} B`),
      );
      assert.ok(check.pass, `${check.name} is ${check.figure} B gzip, over the ${check.enforced} B limit (budget ${check.budget} B)`);
    });
  }
});
