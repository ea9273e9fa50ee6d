// Every story: the element registered, its API (controls and docs tables) from custom-elements.json, and
// the origin the stories are served from allowed for sdk-url and Reepay's session-url (the sandbox SDK
// and Reepay's checkout page come with the stories, so here they are same-origin with the element).
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { PayCheckout } from '../src/index.js';
import { manifest, manifestControls, publicApi } from '../stories/support/manifest.js';

setCustomElementsManifest(publicApi(manifest));
// Only script can widen the element's allow-list; this is that script.
PayCheckout.allowOrigins([location.origin]);

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [manifestControls],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    options: { storySort: { order: ['Providers', 'States', ['*', 'Errors'], 'Locales', 'Theming'] } },
  },
};

export default preview;
