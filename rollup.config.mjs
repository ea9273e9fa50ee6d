// Two builds: ES modules for bundlers (Lit external, one file per source module), and a self-contained
// minified file for <script type="module"> with each provider in a lazily loaded chunk next to it.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './scripts/minify-templates.mjs';

const typescript = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' });

export default [
  {
    input: ['src/index.ts', 'src/pay-checkout.component.ts'],
    external: (id) => id == 'lit' || id.startsWith('lit/') || id.startsWith('@lit/'),
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
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  },
];
