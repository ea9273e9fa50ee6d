// Storybook: web components on Vite, docs from custom-elements.json. The stories run on the sandbox in
// offline mode, so the static build needs no server: the sandbox's browser files (the `@pekopay/web`
// stand-in and its card frame; Reepay's and Paiwise's hosted checkout pages; the kit all three import from
// ../../shared/) are served with the stories.
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  staticDirs: [
    { from: '../sandbox/pekopay', to: '/sandbox/pekopay' },
    { from: '../sandbox/reepay', to: '/sandbox/reepay' },
    { from: '../sandbox/paiwise', to: '/sandbox/paiwise' },
    { from: '../sandbox/shared', to: '/sandbox/shared' },
  ],
};

export default config;
