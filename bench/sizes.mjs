// Bytes of the self-contained build (dist/cdn): every file minified and `gzip -9`, each chunk named for
// what it holds (read from its sourcemap) with the build files it imports.
// Shared by `npm run bench` and the byte-budget test; nothing here knows a provider or locale by name.
// @ts-check
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
export const CDN_DIR = join(root, 'dist/cdn');
export const ENTRY = 'pay-checkout.min.js';

/**
 * @typedef {{ file: string, label: string, kind: 'entry' | 'provider' | 'locale' | 'shared', name: string,
 *   min: number, gzip: number, imports: string[], dynamicImports: string[] }} BundleFile
 */

/** `gzip -9` size of `bytes`. */
export const gzipSize = (/** @type {Buffer | string} */ bytes) => gzipSync(bytes, { level: 9 }).length;

/** The relative module specifiers a file imports: static (import/export … from) and dynamic (`import("…")`). */
function importsOf(/** @type {string} */ code) {
  /** @type {{ imports: string[], dynamicImports: string[] }} */
  const found = { imports: [], dynamicImports: [] };
  /** @param {any} node */
  const visit = (node) => {
    if (!node || typeof node.type != 'string') return;
    if (/^(Import|ExportNamed|ExportAll)Declaration$/.test(node.type) && node.source) {
      found.imports.push(node.source.value);
    } else if (node.type == 'ImportExpression' && node.source.type == 'Literal') {
      found.dynamicImports.push(node.source.value);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value == 'object') visit(value);
    }
  };
  visit(parseAst(code));
  const relativeOnly = (/** @type {string[]} */ list) => list.filter((specifier) => /^\.\.?\//.test(specifier));
  return { imports: relativeOnly(found.imports), dynamicImports: relativeOnly(found.dynamicImports) };
}

/** Rollup's name of a chunk: its file name without folder and hash (`chunks/reepay-page-C-UU4cuP.js` → `reepay-page`). */
const chunkName = (/** @type {string} */ file) => file.replace(/^chunks\//, '').replace(/-[\w-]{8}\.js$/, '');

/**
 * What a chunk holds, from the source files its sourcemap lists: the chunk with src/providers/<name>/index.ts
 * is that provider's (the one the registry imports); another chunk of only that provider's code is its part
 * loaded later (kind `shared`, e.g. "reepay page"); src/locales/<name>.ts makes a locale's; anything else is
 * shared.
 * @returns {{ kind: BundleFile['kind'], name: string }}
 */
function classify(/** @type {string} */ file) {
  if (file == ENTRY) return { kind: 'entry', name: 'entry' };
  const mapFile = join(CDN_DIR, `${file}.map`);
  const sources = existsSync(mapFile)
    ? JSON.parse(readFileSync(mapFile, 'utf8')).sources.map((/** @type {string} */ source) =>
        relative(root, resolve(dirname(mapFile), source))
          .split('\\')
          .join('/'),
      )
    : [];
  const providers = new Set();
  const locales = new Set();
  let providerIndex = false;
  for (const source of sources) {
    const provider = /^src\/providers\/([^/]+)\/(.+)$/.exec(source);
    if (provider) providers.add(provider[1]);
    if (provider?.[2] == 'index.ts') providerIndex = true;
    const locale = /^src\/locales\/([^/]+)\.ts$/.exec(source);
    if (locale && locale[1] != 'translation') locales.add(locale[1]);
  }
  if (providers.size == 1 && !locales.size) {
    const [provider] = providers;
    if (providerIndex) return { kind: 'provider', name: provider };
    return { kind: 'shared', name: `${provider} ${chunkName(file).replace(`${provider}-`, '')}` };
  }
  if (locales.size == 1 && !providers.size) return { kind: 'locale', name: [...locales][0] };
  const holds = [...providers, ...locales];
  // Without a sourcemap, rollup's chunk name (the file name before its hash) still says something.
  return { kind: 'shared', name: holds.length ? holds.join('+') : chunkName(file) };
}

/** Every .js file of the build, entry first, relative to dist/cdn. */
function listFiles() {
  if (!existsSync(join(CDN_DIR, ENTRY))) throw new Error(`${join('dist/cdn', ENTRY)} is missing: run \`npm run build\` first`);
  const chunksDir = join(CDN_DIR, 'chunks');
  const chunks = existsSync(chunksDir)
    ? readdirSync(chunksDir)
        .filter((file) => file.endsWith('.js'))
        .sort()
    : [];
  return [ENTRY, ...chunks.map((file) => `chunks/${file}`)];
}

/**
 * Measures the build: every file, and everything together. What a provider loads before `pay-ready` is
 * observed in a browser (bench/first-load.mjs), not read from the import graph: a chunk imported on submit
 * or prefetched after `pay-ready` is in the graph but not in the first load.
 */
export function measureBundle() {
  /** @type {Map<string, BundleFile>} */
  const files = new Map();
  for (const file of listFiles()) {
    const code = readFileSync(join(CDN_DIR, file));
    const { kind, name } = classify(file);
    const resolveSpecifier = (/** @type {string} */ specifier) => posix.join(posix.dirname(file), specifier);
    const { imports, dynamicImports } = importsOf(code.toString('utf8'));
    files.set(file, {
      file,
      kind,
      name,
      label: kind == 'entry' ? 'entry' : kind == 'shared' ? `shared: ${name}` : `${kind} ${name}`,
      min: code.length,
      gzip: gzipSize(code),
      imports: imports.map(resolveSpecifier),
      dynamicImports: dynamicImports.map(resolveSpecifier),
    });
  }

  const all = [...files.values()];
  return {
    files: all,
    everything: {
      files: all.map((f) => f.file),
      min: all.reduce((sum, f) => sum + f.min, 0),
      gzip: all.reduce((sum, f) => sum + f.gzip, 0),
    },
  };
}
