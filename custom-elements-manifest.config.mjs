// The analyzer's configuration (`npm run analyze`): the sources that make custom-elements.json, and the
// framework integrations generated from it (break-stuff's custom-elements-manifest tooling), written to
// dist/types/ and dist/vscode.*.json and shipped in the package.
import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

const outdir = 'dist/types';
/** The generated declarations take the element's class and detail types from the package's typed entry. */
const entry = '../index.js';

/**
 * Runs a generator on its own copy of the manifest, with each custom element adapted by `adapt`: the
 * manifest stays as the schema wants it, the generator gets it as it reads it.
 * @param {{ packageLinkPhase: (context: { customElementsManifest: any }) => void }} plugin
 * @param {(element: any) => void} adapt
 */
const adapted = (plugin, adapt) => ({
  ...plugin,
  packageLinkPhase(context) {
    const manifest = structuredClone(context.customElementsManifest);
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) if (declaration.customElement) adapt(declaration);
    }
    plugin.packageLinkPhase({ ...context, customElementsManifest: manifest });
  },
});

/**
 * The manifest names each event's class (`@event {PayTokenEvent} pay-token`); these generators want the
 * type of its `detail` (by our naming rule, `PayTokenDetail` for every `Pay…Event`), spelt by `spell`.
 * @param {(detail: string) => string} spell
 */
const eventDetails = (spell) => (element) => {
  for (const event of element.events ?? []) {
    const name = /^(Pay\w+)Event$/.exec(event.type?.text ?? '')?.[1];
    if (name) event.type = { text: spell(`${name}Detail`) };
  }
};

/**
 * Vue's tools look up `@pay-token` as the prop `onPayToken`; the generator writes `on` + the event's name,
 * so it gets the name in PascalCase, and the docs keep the real one.
 */
const vueEventProps = (element) => {
  for (const event of element.events ?? []) {
    event.description = `\`@${event.name}\`: ${event.description ?? ''}`;
    event.name = event.name.replace(/(^|-)(\w)/g, (_, _dash, letter) => letter.toUpperCase());
  }
};

/**
 * What shapes the manifest itself (the generators below only read it): modules in path order, so that it
 * does not depend on the order in which the file system lists the sources.
 */
export const manifestPlugins = [
  {
    name: 'modules-in-path-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  },
];

export default {
  globs: ['src/**/*.ts'],
  // The manifest describes the element: the React wrapper and the server client are not part of it.
  exclude: ['src/**/*.test.ts', 'src/react.ts', 'src/server/**'],
  litelement: true,
  plugins: [
    ...manifestPlugins,
    // React 19+ (and Preact, Solid …) JSX: `<pay-checkout token-url="…" onpay-token={(e) => e.detail}>`.
    adapted(
      jsxTypesPlugin({ outdir, fileName: 'jsx.d.ts', globalTypePath: entry, stronglyTypedEvents: true }),
      eventDetails((detail) => `CustomEvent<${detail}>`),
    ),
    // Vue templates (`GlobalComponents`): `<pay-checkout token-url="…" @pay-token="…">`.
    adapted(customElementVuejsPlugin({ outdir, fileName: 'vue.d.ts', globalTypePath: entry, hideLogs: true }), (element) => {
      eventDetails((detail) => detail)(element);
      vueEventProps(element);
    }),
    // Svelte templates (`CustomElements`, for `svelteHTML.IntrinsicElements`): `<pay-checkout onpay-token={…}>`.
    adapted(
      {
        name: 'svelte-types',
        packageLinkPhase({ customElementsManifest }) {
          // The generator writes Svelte 4's `on:pay-token`; Svelte 5's `onpay-token` props are added to it.
          const events = customElementsManifest.modules
            .flatMap((module) => module.declarations ?? [])
            .flatMap((declaration) => declaration.events ?? [])
            .map((event) => `/** ${event.description} */\n"on${event.name}"?: (e: CustomEvent<${event.type.text}>) => void;`);
          generateSvelteTypes(customElementsManifest, {
            outdir,
            fileName: 'svelte.d.ts',
            globalTypePath: entry,
            globalEvents: events.join('\n'),
            hideLogs: true,
          });
        },
      },
      eventDetails((detail) => detail),
    ),
    // VS Code HTML and CSS custom data: completion and hover docs for the tag, attributes, parts, properties.
    customElementVsCodePlugin({
      outdir: 'dist',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
  ],
};
