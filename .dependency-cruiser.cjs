// The import rules of issue 18, checked in `npm test` (test/architecture/dependencies.test.ts runs
// `npm run depcruise`). One-way flow: contract/ beneath everything; the web never imports the server;
// lower stages never import the API layer; no cycles.

/** Server stages below the API: they may be used by api/, never the other way round. */
const LOWER_STAGES = [
  'analytics', 'benchmarks', 'db', 'disclosure', 'exports', 'extract', 'forecast', 'generate', 'identifiers',
  'indicators', 'ingest', 'returns', 'schema', 'statistics', 'uploads',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: each module of it can only be understood (and loaded) with all the others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-imports-nothing-of-ours',
      severity: 'error',
      comment: 'contract/ is beneath the server and the web app: it may import zod, nothing of ours outside contract/.',
      from: { path: '^contract/' },
      to: { path: '^(server|web|test|bench|sql|data)/' },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP only; shared shapes and code lists live in contract/.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'lower-stages-never-import-api',
      severity: 'error',
      comment: 'extract → validate → load → indicator SQL → disclosure → API → chart: a stage below the API never imports it.',
      from: { path: `^server/(${LOWER_STAGES.join('|')})/|^server/(?!main\\.ts$)[^/]+\\.ts$` },
      to: { path: '^server/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|data|bench/results|bench/data|test/artifacts)/' },
  },
};
