// What `npm pack` publishes, checked as an app that installed it sees it: the tarball unpacked into a
// temporary app's node_modules, next to only the package's declared dependencies and peers (and the app's own
// React, Vue and type packages), so a file or an import the package forgot fails here. Entries that run in
// Node are imported by name; the self-contained file, which needs a DOM, takes a payment in headless
// Chromium from a "CDN" origin and path other than the page's; the declarations type-check TypeScript,
// React, Vue and Svelte code, templates included (test/node/fixtures/consumer/).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { createMerchantBackend, pekopayConfigFromEnv } from '../../demo/backend.mjs';
import { startServer } from '../../demo/server.mjs';
import { chromiumLaunchOptions } from '../browsers.mjs';
import { pageProblems, payWithTestCard } from './support/browser-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** What the app installed itself, besides the package's dependencies and peers. */
const APP_PACKAGES = ['react-dom', '@types/react', '@types/react-dom', 'vue', 'svelte'];
/** Entries that need a browser; every other JavaScript entry must import in Node. */
const BROWSER_ONLY = ['./cdn/pay-checkout.min.js'];

let temp = '';
let app = '';
let unpacked = '';
/** @type {string[]} */
let packedFiles = [];

/**
 * Every file an `exports` entry points to, by condition, e.g. `['types', './dist/react.d.ts']`.
 * @param {unknown} target
 * @returns {[string, string][]}
 */
const targets = (target, condition = 'default') =>
  typeof target === 'string'
    ? [[condition, target]]
    : Object.entries(/** @type {Record<string, unknown>} */ (target)).flatMap(([key, value]) => targets(value, key));

/** @param {string[]} args */
const node = (args) => execFileSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 30_000 });
/** Type checkers take a while on two cores, and must not take forever. */
const CHECK_TIMEOUT = 180_000;

before(() => {
  temp = mkdtempSync(join(tmpdir(), 'pay-checkout-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', temp], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    }),
  );
  packedFiles = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
  app = join(temp, 'app');
  unpacked = join(app, 'node_modules', pkg.name);
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', join(temp, packed.filename), '-C', unpacked, '--strip-components=1']);
  const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {}), ...APP_PACKAGES];
  for (const name of installed) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  cpSync(join(root, 'test/node/fixtures/consumer'), app, { recursive: true });
  cpSync(join(root, 'demo/frameworks'), join(app, 'demo'), { recursive: true });
});
after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships every file package.json points to, and no sources, tests or demos', () => {
    const pointed = [
      ...Object.values(pkg.exports).flatMap((target) => targets(target).map(([, file]) => file)),
      pkg.main,
      pkg.module,
      pkg.types,
      pkg.customElements,
    ];
    for (const file of pointed) assert.ok(existsSync(join(unpacked, file)), `${file} is in the tarball`);
    assert.ok(existsSync(join(unpacked, 'LICENSE')), 'LICENSE is in the tarball');
    // Tools read the manifest in the installed package: every module it describes or refers to is a file there.
    /** @type {Set<string>} */
    const described = new Set();
    JSON.parse(readFileSync(join(unpacked, pkg.customElements), 'utf8'), (key, value) => {
      if ((key == 'path' || key == 'module') && typeof value == 'string') described.add(value);
      return value;
    });
    assert.ok(described.has('dist/pay-checkout.component.js'), 'the manifest names the element’s module');
    for (const file of described)
      assert.ok(existsSync(join(unpacked, file)), `custom-elements.json names ${file}, which is in the tarball`);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const files = targets(target);
      if (files.some(([, file]) => file.endsWith('.js'))) {
        assert.ok(files.some(([condition]) => condition == 'types') || BROWSER_ONLY.includes(subpath), `${subpath} has types`);
      }
    }
    assert.deepEqual(
      packedFiles.filter((file) => /^(src|test|demo|sandbox|scripts|stories)\//.test(file)),
      [],
      'nothing but the build, the manifest and the README',
    );
  });

  it('resolves every import in the shipped JavaScript, the self-contained file and its chunks among it', async () => {
    const entries = Object.values(pkg.exports)
      .flatMap((target) => targets(target))
      .filter(([condition, file]) => condition == 'default' && file.endsWith('.js'))
      .map(([, file]) => join(unpacked, file));
    const external = [
      ...[...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})].flatMap((name) => [name, `${name}/*`]),
      // Node's own modules, for entries meant for a server.
      ...builtinModules,
      'node:*',
    ];
    // Bundling follows every static and dynamic import (the self-contained file's `import("./chunks/…")`)
    // and fails on one that does not resolve to a file in the tarball.
    const { metafile } = await build({
      entryPoints: entries,
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(temp, 'bundle'),
      write: false,
      absWorkingDir: app,
      external,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs).map((input) => normalize(join(app, input)));
    const chunk = packedFiles.find((file) => /^dist\/cdn\/chunks\/pekopay-[\w-]+\.js$/.test(file));
    assert.ok(chunk && inputs.includes(join(unpacked, chunk)), 'the PekoPay chunk is reached from the self-contained file');
    assert.ok(
      inputs.every((input) => input.startsWith(unpacked + sep)),
      'no import leaves the package but its dependencies',
    );
  });

  it('imports each entry that runs in Node by the package name', () => {
    const expected = {
      '.': ['PayCheckout', 'PayTokenEvent', 'PayErrorEvent', 'PayCheckoutError', 'registerProvider'],
      './pay-checkout.component.js': ['PayCheckout'],
      './events': ['PayEvent', 'PayTokenEvent', 'PayErrorEvent', 'PayCompleteEvent'],
      './react': ['PayCheckout', 'PayCheckoutElement'],
    };
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const file = targets(target).find(([condition]) => condition == 'default')?.[1] ?? '';
      if (!file.endsWith('.js') || BROWSER_ONLY.includes(subpath)) continue;
      const specifier = subpath == '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const names = JSON.parse(
        node(['--input-type=module', '-e', 'console.log(JSON.stringify(Object.keys(await import(process.argv[1]))))', specifier]),
      );
      for (const name of /** @type {Record<string, string[]>} */ (expected)[subpath] ?? []) {
        assert.ok(names.includes(name), `${specifier} exports ${name}`);
      }
      assert.ok(names.length > 0, `${specifier} exports something`);
    }
    const importJson = 'console.log(JSON.stringify((await import(process.argv[1], { with: { type: "json" } })).default))';
    const json = (/** @type {string} */ specifier) => JSON.parse(node(['--input-type=module', '-e', importJson, specifier]));
    assert.equal(json(`${pkg.name}/package.json`).name, pkg.name);
    const manifest = json(`${pkg.name}/custom-elements.json`);
    assert.ok(manifest.modules.some((module) => module.declarations?.some((declaration) => declaration.tagName == 'pay-checkout')));
    assert.deepEqual(
      json(`${pkg.name}/vscode.html-custom-data.json`).tags.map((/** @type {{ name: string }} */ tag) => tag.name),
      ['pay-checkout'],
    );
    assert.ok(json(`${pkg.name}/vscode.css-custom-data.json`).properties.some((property) => property.name == '--pay-checkout-accent'));
    // The framework types offer the properties a page may set: never a read-only one (Vue or Svelte would set it,
    // and its getter throws), nor Svelte's `bind:` for an element.
    for (const file of ['types/vue.d.ts', 'types/svelte.d.ts', 'types/jsx.d.ts']) {
      const types = readFileSync(join(unpacked, 'dist', file), 'utf8');
      for (const readOnly of ['status', 'validity', 'form', 'willValidate']) {
        assert.doesNotMatch(types, new RegExp(`^\\s*"?(bind:)?${readOnly}"?\\?:`, 'm'), `${file}: ${readOnly}`);
      }
      assert.match(types, /^\s*payload\?:/m, `${file}: payload`);
      assert.doesNotMatch(types, /"bind:/, file);
    }
  });

  /** @param {string} checker @param {string[]} args */
  const check = (checker, args) => {
    try {
      execFileSync(join(root, 'node_modules/.bin', checker), args, { cwd: app, encoding: 'utf8', timeout: CHECK_TIMEOUT });
    } catch (error) {
      assert.fail(/** @type {{ stdout?: string, message: string }} */ (error).stdout || /** @type {Error} */ (error).message);
    }
  };

  it('type-checks TypeScript and React code (the React demo among it) against the packed declarations', () => {
    check('tsc', ['-p', 'tsconfig.react.json']);
  });

  it('type-checks against the packed declarations with the older moduleResolution "node", which knows no exports', () => {
    check('tsc', ['-p', 'tsconfig.node10.json']);
  });

  it("type-checks a Vue component's template (with vue-tsc, as Volar does) and the Vue demo against the packed declarations", () => {
    check('vue-tsc', ['-p', 'tsconfig.vue.json']);
  });

  it('type-checks Svelte 5 and Svelte 4 templates (with svelte-check) against the packed declarations, and reports their mistakes', () => {
    /** @type {string} */
    let output = '';
    try {
      const args = ['--tsconfig', './tsconfig.svelte.json', '--output', 'machine'];
      output = execFileSync(join(root, 'node_modules/.bin/svelte-check'), args, {
        cwd: app,
        encoding: 'utf8',
        timeout: CHECK_TIMEOUT,
      });
    } catch (error) {
      output = /** @type {{ stdout: string }} */ (error).stdout; // exits 1 for the mistakes
    }
    // e.g. `1700000000000 ERROR "svelte/Mistakes.svelte" 6:15 "Type '{}' is not assignable to type 'number'."`
    const errors = [...output.matchAll(/^\d+ ERROR "([^"]+)" (\d+):\d+ "(.*)"$/gm)].map(
      ([, file, line, text]) => `${file}:${line} ${text}`,
    );
    assert.deepEqual(errors, [
      "svelte/Mistakes.svelte:6 Type '{}' is not assignable to type 'number'.",
      "svelte/Mistakes.svelte:7 Property 'amount' does not exist on type 'PayTokenDetail'.",
      // `status` is read-only: no prop of the element's.
      `svelte/Mistakes.svelte:8 Object literal may only specify known properties, and '\\"status\\"' does not exist in type 'Partial<PayCheckoutProps & BaseProps & BaseEvents>'.`,
    ]);
  });

  const cdnTest = 'takes a payment with the self-contained file loaded from a CDN origin and path, its chunk found beside it';
  it(cdnTest, { timeout: 60_000 }, async () => {
    const sandbox = await startServer({ port: 0, log: false });
    const backend = createMerchantBackend({ pekopay: pekopayConfigFromEnv(`${sandbox.sandboxOrigin}/sandbox/pekopay`, {}) });
    // One server, two origins to the browser: the merchant's site on http://localhost:PORT (its page and its
    // token endpoint), and a CDN on http://127.0.0.1:PORT that serves the unpacked tarball as jsDelivr serves
    // npm packages, under /npm/<name>@<version>/ with CORS open.
    const prefix = `/npm/${pkg.name}@${pkg.version}/`;
    /** @type {string[]} */
    const served = [];
    const site = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname);
      if (path == '/checkout.html') {
        return res.writeHead(200, { 'Content-Type': 'text/html' }).end(cdnPage(cdnUrl, sandbox.sandboxOrigin));
      }
      if (!path.startsWith(prefix)) return (await backend(req, res)) || res.writeHead(404).end();
      const file = normalize(join(unpacked, path.slice(prefix.length)));
      if (!file.startsWith(unpacked + sep)) return res.writeHead(404).end();
      try {
        const body = await readFile(file);
        served.push(path.slice(prefix.length));
        res.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((listening) => site.listen(0, '127.0.0.1', () => listening(undefined)));
    const port = /** @type {import('node:net').AddressInfo} */ (site.address()).port;
    const cdnUrl = `http://127.0.0.1:${port}${prefix}dist/cdn/pay-checkout.min.js`;
    const browser = await puppeteer.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage();
      const problems = pageProblems(page);
      await page.goto(`http://localhost:${port}/checkout.html`);
      await payWithTestCard(page).catch((error) => assert.fail(`${error.message}; the page said: ${problems.join('; ')}`));
      const paid = await page.waitForFunction(() => /** @type {any} */ (window).paid, { timeout: 15_000 });
      const detail = await paid.jsonValue();
      assert.match(detail.paymentToken, /^sess_/);
      assert.deepEqual(detail.card, { last4: '4242', cardType: 'VISA' });
      assert.deepEqual(
        served.map((file) => file.replace(/-[\w-]+\.js$/, '.js')),
        ['dist/cdn/pay-checkout.min.js', 'dist/cdn/chunks/pekopay.js'],
        'the chunk came from the CDN path, beside the file',
      );
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await new Promise((closed) => site.close(() => closed(undefined)));
      await sandbox.close();
    }
  });
});

/**
 * The merchant's page: loads the self-contained file from `cdnUrl`, shows a checkout, keeps its `pay-token`.
 * @param {string} cdnUrl
 * @param {string} sandboxOrigin
 */
function cdnPage(cdnUrl, sandboxOrigin) {
  return `<!doctype html>
<html lang="en">
  <title>Checkout</title>
  <link rel="icon" href="data:,">
  <script type="module">
    const { PayCheckout } = await import(${JSON.stringify(cdnUrl)});
    PayCheckout.allowOrigins([${JSON.stringify(sandboxOrigin)}]);
    const checkout = document.createElement('pay-checkout');
    for (const [name, value] of Object.entries({
      provider: 'pekopay',
      environment: 'sandbox',
      'sdk-url': ${JSON.stringify(`${sandboxOrigin}/sandbox/pekopay/web/dist/index.js`)},
      'token-url': '/api/pekopay/token',
      amount: '9900',
      currency: 'CAD',
    })) checkout.setAttribute(name, value);
    checkout.addEventListener('pay-token', (event) => (window.paid = event.detail));
    document.body.append(checkout);
  </script>
</html>`;
}
