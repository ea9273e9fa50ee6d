// Two builds: ES modules for bundlers (Lit and React external, one file per source module, the React wrapper
// among them; `pay-checkout/server` is its own entry there, never in the browser file), and a self-contained
// minified file for <script type="module"> with each provider in a lazily loaded chunk next to it (found
// relative to the file's own URL, so it works from any CDN path).
// @ts-check
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' });
// The plugin's CommonJS typings describe its default export as the module object under NodeNext resolution.
const terser = /** @type {typeof import('@rollup/plugin-terser').default} */ (/** @type {unknown} */ (terserPlugin));

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: ['src/index.ts', 'src/pay-checkout.component.ts', 'src/react.ts', 'src/server/index.ts'],
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
