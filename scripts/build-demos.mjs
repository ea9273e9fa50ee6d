// Bundles the framework demos (demo/frameworks/) into demo/build/<name>.js with esbuild, as an app would, and
// writes each one's page (demo/build/<name>.html). The package is imported by name (`pay-checkout`,
// `pay-checkout/react`, resolved through package.json `exports` to dist/), so this runs after the library
// build: `npm run build` and `npm start` call it.
import { readFile, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const DEMOS = [
  { name: 'react', title: 'React', entry: 'demo/frameworks/react.tsx' },
  { name: 'vue', title: 'Vue', entry: 'demo/frameworks/vue.ts' },
];

await build({
  entryPoints: Object.fromEntries(DEMOS.map(({ name, entry }) => [name, entry])),
  outdir: 'demo/build',
  bundle: true,
  format: 'esm',
  target: 'es2021',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  // Vue templates given as strings need the build that includes the template compiler.
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  logLevel: 'warning',
});

const page = await readFile('demo/frameworks/page.html', 'utf8');
for (const { name, title } of DEMOS) {
  await writeFile(`demo/build/${name}.html`, page.replaceAll('%NAME%', name).replaceAll('%TITLE%', title));
}
