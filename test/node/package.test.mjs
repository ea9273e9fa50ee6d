// What the build ships: the committed custom-elements.json is the analyzer's current output, and the
// self-contained file with its chunks is what `npm run build` wrote.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { dirname, join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * The Node APIs `pay-checkout/server` could use beyond what every supported Node has, each with the first Node
 * release that has it without a flag. `engines.node` must be the newest of those the shipped code uses.
 * @type {[string, RegExp, string][]}
 */
const NODE_APIS = [
  ['global fetch, Request, Response, Headers', /\bfetch\(|\bnew (Request|Response|Headers)\(/, '18.0.0'],
  [
    'global Web Crypto (crypto.subtle; Node 17.6 and 18 only behind --experimental-global-webcrypto)',
    /\bcrypto\.(subtle|getRandomValues|randomUUID)\b/,
    '19.0.0',
  ],
  ['structuredClone', /\bstructuredClone\(/, '17.0.0'],
  ['AbortSignal.timeout', /\bAbortSignal\.timeout\(/, '17.3.0'],
  ['Array.prototype.findLast', /\.findLast(Index)?\(/, '18.0.0'],
  ['URL.canParse', /\bURL\.canParse\(/, '19.9.0'],
  ['Array.prototype.toSorted, toReversed, toSpliced', /\.(toSorted|toReversed|toSpliced)\(/, '20.0.0'],
  ['String.prototype.isWellFormed, toWellFormed', /\.(isWellFormed|toWellFormed)\(/, '20.0.0'],
  ['AbortSignal.any', /\bAbortSignal\.any\(/, '20.3.0'],
  ['import.meta.dirname, filename', /\bimport\.meta\.(dirname|filename)\b/, '20.11.0'],
  ['Object.groupBy, Map.groupBy', /\b(Object|Map)\.groupBy\(/, '21.0.0'],
  ['global navigator', /\bnavigator\./, '21.0.0'],
  ['Promise.withResolvers', /\bPromise\.withResolvers\(/, '22.0.0'],
  ['Array.fromAsync', /\bArray\.fromAsync\(/, '22.0.0'],
  ['Set methods (union …)', /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/, '22.0.0'],
  ['URL.parse', /\bURL\.parse\(/, '22.1.0'],
  ['process.getBuiltinModule', /\bprocess\.getBuiltinModule\(/, '22.3.0'],
  ['global WebSocket', /\bnew WebSocket\(/, '22.4.0'],
];

/** `a` is a later version than `b` (`x.y.z`). */
const newer = (/** @type {string} */ a, /** @type {string} */ b) => {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  const index = x.findIndex((part, i) => part != y[i]);
  return index >= 0 && x[index] > y[index];
};

/** Every JavaScript file under `dir`, relative to the root. */
const javascriptUnder = (/** @type {string} */ dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => join(dir, file));

/** The files a built module imports statically, transitively, from `file` (relative to the root); bare specifiers as they are. */
const importGraph = (/** @type {string} */ file, /** @type {Set<string>} */ seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(root, file), 'utf8');
  for (const [, specifier] of code.matchAll(/(?:^|;|\n)\s*(?:import|export)\b[^'"]*?['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.')) importGraph(relative(root, join(root, dirname(file), specifier)), seen);
    else seen.add(specifier);
  }
  return seen;
};

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
      'pay-token',
    ]);
  });

  it('describes the public API only, at the paths of the files the package ships', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const paths = manifest.modules.map((/** @type {{ path: string }} */ module) => module.path);
    for (const path of paths) assert.match(path, /^dist\/.+\.js$/, `${path} is a shipped file`);
    /** @type {string[]} */
    const references = [];
    JSON.stringify(manifest, (key, value) => (key == 'module' && typeof value == 'string' && references.push(value), value));
    for (const reference of references) assert.match(reference, /^dist\/.+\.js$/, `the reference ${reference} is a shipped file`);
    // The entries and what they export: the element, its events and error, registerProvider; no helper, no controller.
    for (const path of ['dist/index.js', 'dist/events/index.js', 'dist/pay-checkout.component.js', 'dist/errors.js']) {
      assert.ok(paths.includes(path), `${path} is described`);
    }
    for (const path of paths) assert.doesNotMatch(path, /\/(internal|controllers|locales)\/|\/config\.js$|\/providers\/(?!registry)/, path);
    const declarations = manifest.modules.flatMap((/** @type {{ declarations?: object[] }} */ module) => module.declarations ?? []);
    for (const declaration of declarations) {
      for (const member of declaration.members ?? []) {
        assert.ok(member.privacy != 'private' && member.privacy != 'protected', `${declaration.name}.${member.name} is public`);
        assert.doesNotMatch(member.name, /^[_#]/, `${declaration.name}.${member.name} is not a private name`);
      }
    }
    const element = declarations.find((declaration) => declaration.tagName == 'pay-checkout');
    const members = element.members.map((/** @type {{ name: string }} */ member) => member.name);
    for (const name of ['provider', 'mode', 'pekoCheckoutForm', 'status', 'submit', 'reset', 'refreshToken', 'allowOrigins']) {
      assert.ok(members.includes(name), `PayCheckout.${name} is described`);
    }
  });

  it('ships the MIT license and says where the project lives', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    assert.equal(pkg.license, 'MIT');
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 pay-checkout contributors\n/);
    assert.match(license, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
    assert.deepEqual(pkg.repository, { type: 'git', url: 'git+https://github.com/pay-checkout/pay-checkout.git' });
    assert.deepEqual(pkg.bugs, { url: 'https://github.com/pay-checkout/pay-checkout/issues' });
    assert.match(pkg.homepage, /^https:\/\/github\.com\/pay-checkout\/pay-checkout\b/);
    for (const keyword of ['web-component', 'custom-element', 'payment', 'pekopay', 'reepay', 'paiwise']) {
      assert.ok(pkg.keywords.includes(keyword), `keyword ${keyword}`);
    }
  });

  it('states in engines the Node version that the newest API pay-checkout/server uses needs', () => {
    const code = javascriptUnder('dist/server')
      .map((file) => readFileSync(join(root, file), 'utf8'))
      .join('\n');
    const used = NODE_APIS.filter(([, pattern]) => pattern.test(code));
    const names = used.map(([name]) => name);
    assert.ok(
      names.some((name) => name.startsWith('global fetch')) && names.some((name) => name.startsWith('global Web Crypto')),
      'the table finds what the server uses',
    );
    const floor = used.reduce((newest, [, , version]) => (newer(version, newest) ? version : newest), '0.0.0');
    assert.equal(pkg.engines.node, `>=${floor}`, `the newest API used: ${used.find(([, , version]) => version == floor)?.[0]}`);
  });

  it('builds pay-checkout/events free of side effects: it imports neither Lit nor the element', () => {
    assert.deepEqual(pkg.exports['./events'], { types: './dist/events/index.d.ts', default: './dist/events/index.js' });
    const graph = [...importGraph('dist/events/index.js')];
    assert.ok(graph.includes('dist/events/pay-token.js'), 'the graph is read');
    assert.deepEqual(
      graph.filter((file) => !/^dist\/events\/[\w-]+\.js$/.test(file)),
      [],
      'nothing but the event classes',
    );
    for (const file of graph) assert.doesNotMatch(readFileSync(join(root, file), 'utf8'), /customElements/, `${file} defines no element`);
    // package.json lists the files that have side effects: none of these.
    const effects = pkg.sideEffects.map((/** @type {string} */ pattern) => pattern.replace(/^\.\//, ''));
    for (const file of graph) {
      assert.ok(
        !effects.some(
          (/** @type {string} */ pattern) => file == pattern || (pattern.endsWith('/**') && file.startsWith(pattern.slice(0, -2))),
        ),
        file,
      );
    }
  });

  it('builds the self-contained file next to lazily loaded provider, action and form chunks, and typed ES modules', () => {
    const cdn = join(root, 'dist/cdn');
    assert.ok(existsSync(join(cdn, 'pay-checkout.min.js')), 'run npm run build first');
    const entry = readFileSync(join(cdn, 'pay-checkout.min.js'), 'utf8');
    const chunks = readdirSync(join(cdn, 'chunks')).filter((file) => file.endsWith('.js'));
    for (const provider of ['pekopay', 'reepay', 'paiwise']) {
      // `<provider>-<hash>.js`, not the provider's later chunk (`<provider>-page-<hash>.js`).
      const chunk = chunks.find((file) => new RegExp(`^${provider}-[\\w-]{8}\\.js$`).test(file));
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
