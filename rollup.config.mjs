// Two builds: ES modules for bundlers (Lit and React external, one file per source module, the React wrapper
// among them; `pay-checkout/server` is its own entry there, never in the browser file), and a self-contained
// minified file for <script type="module"> with each provider in a lazily loaded chunk next to it (found
// relative to the file's own URL, so it works from any CDN path, and under any file name: chunks never
// import the entry, see chunksFromRegistry).
// @ts-check
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' });
// The plugin's CommonJS typings describe its default export as the module object under NodeNext resolution.
const terser = /** @type {typeof import('@rollup/plugin-terser').default} */ (/** @type {unknown} */ (terserPlugin));

/**
 * The self-contained build's chunks take what they share with the entry (the error class, the allow-list and
 * other helpers with their state) from a registry the entry fills when it runs, never by importing it: an
 * import names the entry's file (`../pay-checkout.min.js`), so a copy self-hosted under another name
 * (`/js/checkout.js`) made every chunk load a second entry, with its own empty allow-list (issue 20, point 6).
 * The registry is a property of globalThis under a symbol named for this build (a hash of its modules), so two
 * different builds on one page keep apart; within one build the first entry to run fills it, as
 * `customElements.define` keeps the first <pay-checkout>. The entry registers, just before its `export`, only
 * the bindings chunks import (each under a short key), and drops from its `export` the names rollup added for
 * the chunks (a page sees the package's API only, and terser can inline what only the registry uses); a
 * chunk's import of them becomes a destructuring of the registry on the same line. The bindings are constants
 * (functions, classes, Lit's tags), so taking them once keeps the imports' meaning. No line moves, so the
 * sourcemap chain holds (`map: null`, as in minify-templates). Runs before terser.
 * @returns {import('rollup').Plugin}
 */
function chunksFromRegistry() {
  let registry = '';
  return {
    name: 'chunks-from-registry',
    renderStart() {
      const hash = createHash('sha256');
      for (const id of [...this.getModuleIds()].sort()) hash.update(`${relative('.', id)}\0${this.getModuleInfo(id)?.code ?? ''}\0`);
      registry = `globalThis[Symbol.for("pay-checkout@${hash.digest('hex').slice(0, 8)}")]`;
    },
    async renderChunk(code, chunk, _options, { chunks }) {
      /** Each binding that chunks import from `entry`, and its (short) key in the registry. */
      const keysOf = (/** @type {import('rollup').RenderedChunk} */ entry) => {
        const shared = new Set(Object.values(chunks).flatMap((other) => other.importedBindings[entry.fileName] ?? []));
        return new Map([...shared].sort().map((name, i) => [name, i.toString(36)]));
      };
      if (chunk.isEntry) {
        const keys = keysOf(chunk);
        if (!keys.size) return null;
        const exported = /^export \{([^}]*)\};/m.exec(code);
        if (!exported) fail(`no export statement in ${chunk.fileName}`);
        const locals = new Map(
          exported[1].split(',').map((specifier) => {
            const [local, name = local] = specifier.trim().split(/\s+as\s+/);
            return [name, local];
          }),
        );
        const bindings = [...keys].map(([name, key]) => `${JSON.stringify(key)}: ${locals.get(name) ?? fail(`${name} is not exported`)}`);
        // Rollup exported those bindings for the chunks; they take them from the registry now, so the entry
        // exports only what its module does (the package's API), and not its internals to any page.
        const api = await publicNames(this, /** @type {string} */ (chunk.facadeModuleId));
        const kept = [...locals].filter(([name]) => api.has(name)).map(([name, local]) => (name == local ? name : `${local} as ${name}`));
        return {
          code: `${code.slice(0, exported.index)}${registry} ??= { ${bindings.join(', ')} }; export { ${kept.join(', ')} };${code.slice(exported.index + exported[0].length)}`,
          map: null,
        };
      }
      const entries = Object.values(chunks).filter((other) => other.isEntry && chunk.importedBindings[other.fileName]);
      if (!entries.length) return null;
      let rewritten = code;
      for (const entry of entries) {
        const from = `from '[./]*${entry.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}';`;
        const keys = keysOf(entry);
        rewritten = rewritten.replace(new RegExp(`^import \\{([^}]*)\\} ${from}`, 'm'), (_, specifiers) => {
          const names = specifiers.split(',').map((/** @type {string} */ specifier) => {
            const [name, local = name] = specifier.trim().split(/\s+as\s+/);
            return `${JSON.stringify(keys.get(name))}: ${local}`;
          });
          return `const { ${names.join(', ')} } = ${registry};`;
        });
        if (rewritten.includes(entry.fileName)) fail(`${chunk.fileName} still names ${entry.fileName}`);
      }
      return { code: rewritten, map: null };
    },
  };
}

/**
 * The names module `id` exports, `export *` followed.
 * @param {import('rollup').PluginContext} context @param {string} id @returns {Promise<Set<string>>}
 */
async function publicNames(context, id) {
  const info = context.getModuleInfo(id) ?? fail(`no module ${id}`);
  const names = new Set((info.exports ?? []).filter((name) => name != '*'));
  for (const [source, bindings] of Object.entries(info.exportedBindings ?? {})) {
    if (!bindings.includes('*')) continue;
    const resolved = (await context.resolve(source, id)) ?? fail(`cannot resolve ${source} from ${id}`);
    for (const name of await publicNames(context, resolved.id)) names.add(name);
  }
  return names;
}

/** @param {string} message @returns {never} */
function fail(message) {
  throw new Error(`chunks-from-registry: ${message}`);
}

/**
 * A dynamic import fetches its chunk's static imports beside it: `import("./chunks/reepay.js")` becomes
 * `(import("./chunks/hosted-checkout.js").catch(() => {}), import("./chunks/reepay.js"))`, so that the browser
 * does not find them only once the chunk has arrived, one request after another (issue 20: a hosted checkout's
 * code came in three waves). Neither the importing chunk itself nor the entry (chunks take its bindings from
 * the registry: chunksFromRegistry) is fetched again; a failure is the chunk's own import's to report. The
 * extra `import()` is text, not a dynamic import Rollup sees: the module gets no namespace object of its own
 * and its exports keep their short names.
 * @returns {import('rollup').Plugin}
 */
function parallelImports() {
  return {
    name: 'parallel-imports',
    renderDynamicImport({ chunk, getTargetChunkImports }) {
      const imports = (getTargetChunkImports() ?? []).filter(
        (target) => target.type == 'internal' && !target.chunk.isEntry && target.fileName != chunk.fileName,
      );
      if (!imports.length) return null;
      const early = imports.map(({ resolvedImportPath }) => `import(${resolvedImportPath}).catch(() => {}), `);
      return { left: `(${early.join('')}import(`, right: '))' };
    },
  };
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: ['src/index.ts', 'src/pay-checkout.component.ts', 'src/events/index.ts', 'src/react.ts', 'src/server/index.ts'],
    external: (/** @type {string} */ id) => /^(lit|@lit\/[\w-]+|react)(\/|$)/.test(id),
    plugins: [typescript()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
  },
  {
    input: { 'pay-checkout.min': 'src/index.ts' },
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      nodeResolve({ exportConditions: ['production'] }),
      typescript(),
      minifyTemplates(),
      parallelImports(),
      chunksFromRegistry(),
      terser({
        ecma: 2021,
        module: true,
        compress: { passes: 3 },
        // Our private members are `_name` (TypeScript `private`: native #private would be downlevelled to
        // WeakMap helpers for ES2021). Lit's published build has no such names, so they are safe to mangle.
        mangle: { properties: { regex: /^_[a-z]/i } },
        format: { comments: false },
      }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      // A provider's second chunk (its checkout-page half, loaded after pay-ready) is named for the provider:
      // two chunks both called `page` would say nothing in the bench's table or a network panel.
      chunkFileNames: ({ name, facadeModuleId }) => {
        const provider = /[\\/]providers[\\/]([\w-]+)[\\/](?!index\.)[\w-]+\.ts$/.exec(facadeModuleId ?? '');
        return `chunks/${provider ? `${provider[1]}-${name}` : name}-[hash].js`;
      },
      sourcemap: true,
    },
  },
];
