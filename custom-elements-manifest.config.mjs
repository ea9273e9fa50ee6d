// Options for `cem analyze` (npm run analyze, and the package test that compares its output with the committed
// custom-elements.json): modules in path order, so that the manifest does not depend on the order in which
// the file system happens to list the sources.
export default {
  plugins: [
    {
      name: 'modules-in-path-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
