// The analyzer's configuration (`npm run analyze`): the sources that make custom-elements.json, and the
// framework integrations generated from it (break-stuff's custom-elements-manifest tooling), written to
// dist/types/ and dist/vscode.*.json and shipped in the package.
import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';

const outdir = 'dist/types';
/** The generated declarations take the element's class and detail types from the package's typed entry. */
const entry = '../index.js';

/**
 * Runs a generator on its own copy of the manifest, with each custom element adapted by `adapt` (given the
 * element and its module): the manifest stays as the schema wants it, the generator gets it as it reads it.
 * @param {{ packageLinkPhase: (context: { customElementsManifest: any }) => void }} plugin
 * @param {(element: any, module: any) => void} adapt
 */
const adapted = (plugin, adapt) => ({
  ...plugin,
  packageLinkPhase(context) {
    const manifest = structuredClone(context.customElementsManifest);
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) if (declaration.customElement) adapt(declaration, module);
    }
    plugin.packageLinkPhase({ ...context, customElementsManifest: manifest });
  },
});

/** The event classes the element's events name (`@event {PayTokenEvent} pay-token`). */
const eventClasses = (/** @type {any} */ element) =>
  (element.events ?? []).map((/** @type {any} */ event) => event.type?.text).filter((type) => /^Pay\w+Event$/.test(type ?? ''));

/**
 * The JSX generator imports from `globalTypePath` the names the element's module exports, and the details of
 * `CustomEvent<…>` types: each handler's type is the event's class (ours are not CustomEvents), so the classes
 * are added to what it imports.
 */
const importEventClasses = (/** @type {any} */ element, /** @type {any} */ module) => {
  for (const name of eventClasses(element)) module.exports.push({ kind: 'js', name, declaration: { name } });
};

/**
 * The Vue and Svelte generators write each handler as `(e: CustomEvent<T>) => void`, T being the manifest's
 * event type: given the event's class as T, this makes it `(e: PayTokenEvent) => void` in the file they wrote
 * (the classes are already among what they import). A handler left a CustomEvent fails the build.
 * @param {{ packageLinkPhase: (context: { customElementsManifest: any }) => void }} plugin
 * @param {string} fileName
 */
const withEventClasses = (plugin, fileName) => ({
  ...plugin,
  packageLinkPhase(/** @type {{ customElementsManifest: any }} */ context) {
    plugin.packageLinkPhase(context);
    const file = `${outdir}/${fileName}`;
    const text = readFileSync(file, 'utf8').replace(/CustomEvent<(Pay\w+Event)>/g, '$1');
    if (/CustomEvent</.test(text)) throw new Error(`${file}: an event handler still takes a CustomEvent`);
    writeFileSync(file, text);
  },
});

/** A read-only property (`status`, `validity` …) is no prop of a framework's: it would set it, and the getter throws. */
const settableOnly = (/** @type {any} */ element) => {
  element.members = (element.members ?? []).filter((/** @type {any} */ member) => !(member.kind == 'field' && member.readonly));
};

/**
 * Vue's tools look up `@pay-token` as the prop `onPayToken`; the generator writes `on` + the event's name,
 * so it gets the name in PascalCase, and the docs keep the real one.
 */
const vueEventProps = (element) => {
  settableOnly(element);
  for (const event of element.events ?? []) {
    event.description = `\`@${event.name}\`: ${event.description ?? ''}`;
    event.name = event.name.replace(/(^|-)(\w)/g, (_, _dash, letter) => letter.toUpperCase());
  }
};

/** A module reference as the analyzer writes it (`src/x.ts`, `src/x.js`, `/src/x.js`, `./x.js` from `from`), as `src/x.ts`. */
const sourceOf = (/** @type {string} */ from, /** @type {string} */ reference) =>
  (reference.startsWith('.') ? posix.join(posix.dirname(from), reference) : reference).replace(/^\//, '').replace(/\.js$/, '.ts');

/** The shipped file a source becomes: `src/x.ts` → `dist/x.js`. */
const shippedOf = (/** @type {string} */ source) => source.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

/** The sources of the package's JavaScript entries (package.json `exports`) that the manifest describes. */
const entrySources = () => {
  const { exports } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
  /** @type {(target: unknown) => string[]} */
  const files = (target) =>
    typeof target == 'string' ? [target] : Object.values(/** @type {Record<string, unknown>} */ (target ?? {})).flatMap(files);
  return Object.values(exports)
    .flatMap(files)
    .filter((file) => /^\.\/dist\/.*\.js$/.test(file))
    .map((file) => file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
};

/** A class member a page may use: not private or protected, not `_`/`#`-named, not `@internal`. */
const isPublicMember = (/** @type {any} */ member) =>
  member.privacy != 'private' &&
  member.privacy != 'protected' &&
  !/^[_#]/.test(member.name) &&
  !/@internal\b/.test(`${member.description ?? ''} ${member.summary ?? ''}`);

/**
 * The manifest describes the package as an app imports it: the modules and declarations its entries export
 * (following re-exports), each class with its public members only, at the paths of the files the package ships
 * (`dist/x.js`, never the `src/x.ts` the analyzer read). What the entries do not export (the controllers, the
 * providers, the helpers) is not in it, nor is an export of a type, which no JavaScript file holds.
 * @param {any} manifest
 */
const publicApiOnly = (manifest) => {
  /** @type {Map<string, any>} */
  const modules = new Map(manifest.modules.map((module) => [module.path, module]));
  /** The exports that lead to a declaration, and the declarations they lead to. */
  /** @type {Set<any>} */
  const kept = new Set();
  /** @type {Map<string, boolean>} */
  const visited = new Map();
  /** Follows the export `name` (or every export, `*`) of module `path`; true when it leads to a declaration. */
  const visit = (/** @type {string} */ path, /** @type {string} */ name) => {
    const module = modules.get(path);
    const key = `${path}#${name}`;
    if (!module) return false;
    if (visited.has(key)) return visited.get(key);
    visited.set(key, false);
    let found = false;
    for (const entry of module.exports ?? []) {
      if (entry.kind != 'js' || (name != '*' && entry.name != name)) continue;
      const target = sourceOf(path, entry.declaration.module ?? path);
      const declared =
        target == path && entry.declaration.name != '*'
          ? (module.declarations ?? []).some((/** @type {any} */ declaration) => declaration.name == entry.declaration.name) ||
            // A class the module imports and exports again (`export { PayCheckout }`) is named as the module's
            // own; its tag's definition says where it is declared.
            (module.exports ?? []).some(
              (/** @type {any} */ other) =>
                other.kind == 'custom-element-definition' &&
                other.declaration.name == entry.declaration.name &&
                visit(sourceOf(path, other.declaration.module), other.declaration.name),
            )
          : visit(target, entry.declaration.name);
      if (!declared) continue;
      found = true;
      kept.add(entry);
      for (const declaration of module.declarations ?? []) if (declaration.name == entry.declaration.name) kept.add(declaration);
    }
    visited.set(key, found);
    return found;
  };
  for (const entry of entrySources()) visit(entry, '*');

  manifest.modules = manifest.modules.flatMap((/** @type {any} */ module) => {
    const exports = (module.exports ?? []).filter((/** @type {any} */ entry) => kept.has(entry));
    if (exports.length == 0) return [];
    const declarations = (module.declarations ?? [])
      .filter((/** @type {any} */ declaration) => kept.has(declaration))
      .map((/** @type {any} */ declaration) => {
        const { superclass, members } = declaration;
        // The analyzer names a built-in superclass (`Event`, `Error`) as the module's own: it is a global.
        const builtIn =
          superclass?.module &&
          sourceOf(module.path, superclass.module) == module.path &&
          !module.declarations.some((/** @type {any} */ other) => other.name == superclass.name);
        return {
          ...declaration,
          ...(members ? { members: members.filter(isPublicMember) } : {}),
          ...(builtIn ? { superclass: { name: superclass.name, package: 'global:' } } : {}),
        };
      });
    // The tag's definition stays with the module that defines it.
    const definitions = (module.exports ?? []).filter((/** @type {any} */ entry) => entry.kind == 'custom-element-definition');
    return [{ ...module, declarations, exports: [...definitions, ...exports] }];
  });
  // Every module reference (exports, superclasses, `inheritedFrom`) and path, to the shipped file.
  const ship = (/** @type {any} */ node, from = '') => {
    if (Array.isArray(node)) for (const item of node) ship(item, from);
    else if (node && typeof node == 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key == 'module' && typeof value == 'string' && !node.package) node[key] = shippedOf(sourceOf(from, value));
        else ship(value, from);
      }
    }
  };
  for (const module of manifest.modules) {
    ship(module, module.path);
    module.path = shippedOf(module.path);
  }
};

/**
 * What shapes the manifest itself (the generators below only read it): the public API only, at the shipped
 * files' paths; then modules in path order, so that it does not depend on the order in which the file system
 * lists the sources.
 */
export const manifestPlugins = [
  {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      publicApiOnly(customElementsManifest);
    },
  },
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
    // React 19+ (and Preact, Solid …) JSX: `<pay-checkout token-url="…" onpay-token={(e) => e.detail}>`, each
    // handler typed with the event's class (`PayTokenEvent`, its target the element).
    adapted(jsxTypesPlugin({ outdir, fileName: 'jsx.d.ts', globalTypePath: entry, stronglyTypedEvents: true }), importEventClasses),
    {
      // The generator's `ref` takes an element or a callback; React's is a ref object (`useRef`) or a callback.
      name: 'jsx-react-ref',
      packageLinkPhase() {
        const file = `${outdir}/jsx.d.ts`;
        const generated = 'ref?: (T | ((e: T) => void)) | undefined;';
        const text = readFileSync(file, 'utf8');
        if (!text.includes(generated)) throw new Error(`${file}: the generated ref prop changed`);
        writeFileSync(
          file,
          text.replace(generated, 'ref?: { current: T | null } | ((e: T | null) => void | (() => void)) | null | undefined;'),
        );
      },
    },
    // Vue templates (`GlobalComponents`): `<pay-checkout token-url="…" @pay-token="…">`.
    adapted(
      withEventClasses(customElementVuejsPlugin({ outdir, fileName: 'vue.d.ts', globalTypePath: entry, hideLogs: true }), 'vue.d.ts'),
      vueEventProps,
    ),
    // Svelte templates (`CustomElements`, for `svelteHTML.IntrinsicElements`): `<pay-checkout onpay-token={…}>`.
    adapted(
      withEventClasses(
        {
          name: 'svelte-types',
          packageLinkPhase({ customElementsManifest }) {
            // The generator writes Svelte 4's `on:pay-token`; Svelte 5's `onpay-token` props are added to it.
            const events = customElementsManifest.modules
              .flatMap((/** @type {any} */ module) => module.declarations ?? [])
              .flatMap((/** @type {any} */ declaration) => declaration.events ?? [])
              .map((/** @type {any} */ event) => `/** ${event.description} */\n"on${event.name}"?: (e: ${event.type.text}) => void;`);
            generateSvelteTypes(customElementsManifest, {
              outdir,
              fileName: 'svelte.d.ts',
              globalTypePath: entry,
              globalEvents: events.join('\n'),
              hideLogs: true,
            });
            // A property with no attribute (`payload`, `sessionTokenProvider`) is written `bind:payload`, which Svelte
            // refuses on an element: `payload={…}` is how Svelte sets an element's property.
            const file = `${outdir}/svelte.d.ts`;
            writeFileSync(file, readFileSync(file, 'utf8').replace(/"bind:(\w+)"\?:/g, '$1?:'));
          },
        },
        'svelte.d.ts',
      ),
      settableOnly,
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
