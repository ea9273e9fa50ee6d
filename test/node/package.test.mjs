// What the build ships: the committed custom-elements.json is the analyzer's current output, and the
// self-contained file with its chunks is what `npm run build` wrote.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

describe('package', () => {
  it('commits the custom elements manifest the analyzer generates from the sources', async () => {
    // Programmatic and without writing: the analyzer's CLI would rewrite package.json for another outdir.
    const generated = JSON.parse(
      JSON.stringify(
        await cli({
          argv: ['analyze', '--litelement', '--quiet', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts'],
          cwd: root,
          noWrite: true,
        }),
      ),
    );
    // In CI the working tree was rebuilt, so compare with what was committed.
    const committed = JSON.parse(
      process.env.CI
        ? execFileSync('git', ['show', 'HEAD:custom-elements.json'], { cwd: root, encoding: 'utf8' })
        : readFileSync(join(root, 'custom-elements.json'), 'utf8'),
    );
    // The analyzer lists modules in the order its file walk found them, which varies: compare by path.
    const byPath = (manifest) => ({ ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) });
    assert.deepEqual(byPath(committed), byPath(generated), 'custom-elements.json is stale: run `npm run analyze` and commit it');
    const element = generated.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'pay-checkout');
    assert.ok(element, 'the manifest declares <pay-checkout>');
    assert.deepEqual(
      element.events.map((event) => event.name).sort(),
      ['pay-cancel', 'pay-change', 'pay-complete', 'pay-error', 'pay-ready', 'pay-redirect', 'pay-token'],
    );
  });

  it('builds the self-contained file next to lazily loaded provider chunks, and typed ES modules', () => {
    const cdn = join(root, 'dist/cdn');
    assert.ok(existsSync(join(cdn, 'pay-checkout.min.js')), 'run npm run build first');
    const entry = readFileSync(join(cdn, 'pay-checkout.min.js'), 'utf8');
    const chunks = readdirSync(join(cdn, 'chunks')).filter((file) => file.endsWith('.js'));
    for (const provider of ['pekopay', 'reepay']) {
      const chunk = chunks.find((file) => file.startsWith(`${provider}-`));
      assert.ok(chunk, `a ${provider} chunk`);
      assert.match(entry, new RegExp(`import\\("\\./chunks/${chunk.replace(/[.$-]/g, '\\$&')}"\\)`));
    }
    // The hosted-checkout machinery (frame protocol, modal, redirect return) is not in the entry.
    assert.doesNotMatch(entry, /showModal|rp_app|sessionStorage/);
    assert.doesNotMatch(entry, /from\s*"lit/, 'Lit is bundled, not imported');
    for (const file of ['index.js', 'index.d.ts', 'pay-checkout.component.js', 'pay-checkout.component.d.ts']) {
      assert.ok(existsSync(join(root, 'dist', file)), file);
    }
    assert.match(readFileSync(join(root, 'dist/pay-checkout.component.js'), 'utf8'), /from ['"]lit['"]/);
  });
});
