// The dependency rules of src/ (`npx depcruise src --config .dependency-cruiser.cjs`, a step of `npm test`).
// Imports run one way, element → controllers → providers/registry → providers → internal, and form no cycle,
// counting type-only imports (tsPreCompilationDeps) and dynamic import()s.
/**
 * A forbidden import: from the files under `from` (a path pattern) to what `to` describes. Every rule here is an
 * error, and each names one direction the imports must not run.
 * @param {string} name
 * @param {string} comment
 * @param {string} from
 * @param {import('dependency-cruiser').IRegularForbiddenRuleType['to']} to
 * @returns {import('dependency-cruiser').IRegularForbiddenRuleType}
 */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('no-circular', 'No import cycle in src/, whatever the kind of import (static, dynamic, type-only).', '^src/', {
      circular: true,
    }),
    forbid(
      'internal-is-the-base',
      'src/internal/ holds small helpers and imports nothing above it: only other helpers, the errors and the events ' +
        '(never controllers, providers, the configuration or the element).',
      '^src/internal/',
      { path: '^src/', pathNot: '^src/(internal/|errors\\.ts$|events/)' },
    ),
    forbid(
      'provider-types-are-a-leaf',
      'src/providers/types.ts, the provider interface, imports nothing of ours but types of the errors, the events, ' +
        'the status and the texts.',
      '^src/providers/types\\.ts$',
      { path: '^src/', pathNot: '^src/(errors\\.ts|events/[\\w-]+\\.ts|internal/status\\.ts|locales/translation\\.ts)$' },
    ),
    forbid(
      'provider-types-import-only-types',
      'src/providers/types.ts imports types only: importing it runs nothing.',
      '^src/providers/types\\.ts$',
      { dependencyTypesNot: ['type-only'] },
    ),
    forbid(
      'providers-below-the-element',
      'Providers (and the registry) reach the element only through their ProviderContext: they import neither the ' +
        'element, nor its controllers, nor its configuration.',
      '^src/providers/',
      { path: '^src/(pay-checkout[\\w.-]*\\.ts|index\\.ts|react\\.ts|config\\.ts|controllers/)' },
    ),
    forbid(
      'controllers-below-the-element',
      'Controllers serve the element through the host it gives them; they never import it.',
      '^src/(controllers/|config\\.ts$)',
      { path: '^src/(pay-checkout[\\w.-]*\\.ts|index\\.ts|react\\.ts)$' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
