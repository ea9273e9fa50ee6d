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
    // Programmatic and without writing: the analyzer's CLI would rewrite package.json for another outdir, and
    // the generators in the project's configuration would rewrite dist/types/.
    const generated = JSON.parse(
      JSON.stringify(
        await cli({
          argv: ['analyze', '--quiet', '--config', 'test/node/fixtures/manifest-only.config.mjs'],
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
    assert.deepEqual(element.events.map((event) => event.name).sort(), [
      'pay-cancel',
      'pay-card-select',
      'pay-change',
      'pay-complete',
      'pay-error',
      'pay-ready',
      'pay-redirect',
      'pay-success',
      'pay-token',
    ]);
  });

  it('builds the self-contained file next to lazily loaded provider, action and form chunks, and typed ES modules', () => {
    const cdn = join(root, 'dist/cdn');
    assert.ok(existsSync(join(cdn, 'pay-checkout.min.js')), 'run npm run build first');
    const entry = readFileSync(join(cdn, 'pay-checkout.min.js'), 'utf8');
    const chunks = readdirSync(join(cdn, 'chunks')).filter((file) => file.endsWith('.js'));
    for (const provider of ['pekopay', 'reepay', 'paiwise']) {
      const chunk = chunks.find((file) => file.startsWith(`${provider}-`));
      assert.ok(chunk, `a ${provider} chunk`);
      assert.match(entry, new RegExp(`import\\("\\./chunks/${chunk.replace(/[.$-]/g, '\\$&')}"\\)`));
    }
    // The hosted-checkout machinery (frame protocol, modal, redirect return) is not in the entry.
    assert.doesNotMatch(entry, /showModal|rp_app|sessionStorage/);
    const action = chunks.find((file) => file.startsWith('action-'));
    assert.ok(action, 'the action POST in its own chunk, loaded only when a page uses action');
    assert.ok(
      chunks.some((file) => file.startsWith('form-controller-')),
      'the form behaviour in its own chunk, loaded only for an element in a form',
    );
    assert.match(entry, new RegExp(`import\\("\\./chunks/${action.replace(/[.$-]/g, '\\$&')}"\\)`));
    assert.doesNotMatch(entry, /from\s*"lit/, 'Lit is bundled, not imported');
    // @lit/react calls React.forwardRef and useLayoutEffect: neither may reach the self-contained file.
    assert.doesNotMatch(entry, /forwardRef|useLayoutEffect/, 'the React wrapper stays out of the self-contained file');
    for (const file of ['index.js', 'index.d.ts', 'pay-checkout.component.js', 'pay-checkout.component.d.ts']) {
      assert.ok(existsSync(join(root, 'dist', file)), file);
    }
    assert.match(readFileSync(join(root, 'dist/pay-checkout.component.js'), 'utf8'), /from ['"]lit['"]/);
  });
});
