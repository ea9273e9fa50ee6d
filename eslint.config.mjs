// ESLint for the whole tree. TypeScript (src/, test/, stories/) with typescript-eslint's recommended rules;
// the element's templates and custom-element code with the lit, lit-a11y and wc rules; and the shipped code
// (src/ but the Node-only src/server/) held to the supported browsers (package.json `browserslist`, see
// docs/browser-support.md): eslint-plugin-compat fails the build on any newer API. Size limits: no function over
// 80 lines in src/, sandbox/ and demo/, no file over 300 lines in src/ but the element's class. Formatting is Prettier's.
import compat from 'eslint-plugin-compat';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'storybook-static/**',
      'node_modules/**',
      'coverage/**',
      'demo/build/**',
      // Links to the built files (dist/cdn/), served under another name by the e2e tests: nothing to lint, and
      // dangling until the build has run.
      'test/fixtures/static-host/self-hosted/**',
      '.wtr-cache/**',
      'test/node/fixtures/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Unused bindings are tsc's job (noUnusedLocals / noUnusedParameters), with its own exceptions.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts'],
    plugins: { lit, 'lit-a11y': litA11y, wc },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...litA11y.configs.recommended.rules,
      ...wc.configs['flat/recommended'].rules,
    },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    plugins: { compat },
    rules: { 'compat/compat': 'error' },
  },
  {
    // The shape the element's refactor reached (issue 17): no function over 80 lines where the product lives,
    // no source file over 300 lines but the element's own class (its JSDoc is the manifest's source).
    files: ['src/**/*.ts', 'sandbox/**/*.{js,mjs}', 'demo/**/*.{js,mjs}'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/pay-checkout.component.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // The element's class: its properties, methods and JSDoc; its template is ./pay-checkout.template.ts.
    files: ['src/pay-checkout.component.ts'],
    rules: { 'max-lines': ['error', { max: 350 }] },
  },
);
