// The dependency rules of src/ (`npx depcruise src --config .dependency-cruiser.cjs`, a step of `npm test`).
// Imports run one way, element → controllers → providers/registry → providers → internal, and form no cycle,
// counting type-only imports (tsPreCompilationDeps) and dynamic import()s.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle in src/, whatever the kind of import (static, dynamic, type-only).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'internal-is-the-base',
      comment:
        'src/internal/ holds small helpers and imports nothing above it: only other helpers, the errors and the events ' +
        '(never controllers, providers, the configuration or the element).',
      severity: 'error',
      from: { path: '^src/internal/' },
      to: { path: '^src/', pathNot: '^src/(internal/|errors\\.ts$|events/)' },
    },
    {
      name: 'provider-types-are-a-leaf',
      comment:
        'src/providers/types.ts, the provider interface, imports nothing of ours but types of the errors, the events, ' +
        'the status and the texts.',
      severity: 'error',
      from: { path: '^src/providers/types\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(errors\\.ts|events/[\\w-]+\\.ts|internal/status\\.ts|locales/translation\\.ts)$' },
    },
    {
      name: 'provider-types-import-only-types',
      comment: 'src/providers/types.ts imports types only: importing it runs nothing.',
      severity: 'error',
      from: { path: '^src/providers/types\\.ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'providers-below-the-element',
      comment:
        'Providers (and the registry) reach the element only through their ProviderContext: they import neither the ' +
        'element, nor its controllers, nor its configuration.',
      severity: 'error',
      from: { path: '^src/providers/' },
      to: { path: '^src/(pay-checkout[\\w.-]*\\.ts|index\\.ts|react\\.ts|config\\.ts|controllers/)' },
    },
    {
      name: 'controllers-below-the-element',
      comment: 'Controllers serve the element through the host it gives them; they never import it.',
      severity: 'error',
      from: { path: '^src/(controllers/|config\\.ts$)' },
      to: { path: '^src/(pay-checkout[\\w.-]*\\.ts|index\\.ts|react\\.ts)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
