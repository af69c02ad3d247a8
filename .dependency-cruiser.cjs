/**
 * The boundaries docs/architecture.md describes, checked on every `npm run lint` (and so in CI):
 * libs/ are domain-neutral, apps/ only compose, and a capability of src/ reaches another only
 * through that capability's face (its index.ts).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Files import each other in one direction only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-are-domain-neutral',
      severity: 'error',
      comment: 'libs/ never imports the domain (src/), the entry points (apps/) or the tests (its specs may use the test support).',
      from: { path: '^libs/' },
      to: { path: '^(src|apps)/' },
    },
    {
      name: 'src-does-not-import-apps',
      severity: 'error',
      comment: 'The domain does not know its entry points or the tests (its specs may use the test support).',
      from: { path: '^src/', pathNot: '\\.(spec|fixtures)\\.ts$' },
      to: { path: '^(apps|test)/' },
    },
    {
      name: 'event-store-below-ddd',
      severity: 'error',
      comment: 'libs/ddd builds on the event store; the event store knows nothing of aggregates.',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/ddd/' },
    },
    {
      name: 'capabilities-through-their-face',
      severity: 'error',
      comment: "A capability uses another only through that capability's index.ts (its public face); src/shared is the kernel every capability may use.",
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/([^/]+)/.+',
        pathNot: ['^src/$1/', '^src/shared/', '^src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(src|libs|apps)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(\\.spec\\.ts$|^test/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
