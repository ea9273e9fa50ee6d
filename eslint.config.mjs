// ESLint: the shipped code (src/) must only use browser APIs of the supported browsers (package.json
// `browserslist`, docs/browser-support.md): eslint-plugin-compat fails the build on anything newer.
import compat from 'eslint-plugin-compat';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'storybook-static/**', 'node_modules/**', 'coverage/**'] },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    languageOptions: { parser: tseslint.parser },
    plugins: { compat },
    settings: {
      // Lit's own polyfill-free APIs the element relies on, which the plugin's data would not know.
      polyfills: [],
    },
    rules: { 'compat/compat': 'error' },
  },
);
