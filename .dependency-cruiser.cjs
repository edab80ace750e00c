// The folder map of README.md and docs/architecture.md, enforced: `npm run lint` fails on any
// import that crosses a wall. tests/unit/architecture.test.ts proves a planted forbidden
// import fails. Paths are relative to the repository root.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'server-stands-alone',
      comment:
        'The server (API, model, exchange) is the core: it imports no CLI, launcher, client, test or benchmark code.',
      severity: 'error',
      from: { path: '^server/src/' },
      to: { path: '^(client|seed|scripts|neo4j-local|bench|tests)/' },
    },
    {
      name: 'client-talks-only-to-the-contract',
      comment:
        'The client reaches the server over HTTP only; it may import the types of the API contract (server/src/contract) and nothing else of the server.',
      severity: 'error',
      from: { path: '^client/' },
      to: {
        path: '^(server|seed|scripts|neo4j-local|bench|tests)/',
        pathNot: '^server/src/contract/',
      },
    },
    {
      name: 'client-imports-contract-types-only',
      comment: 'Type-only imports of the contract: no server code (or zod) ends up in the bundle.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'seed-uses-the-server',
      comment:
        "Seed data CLIs call the server modules the API calls, nothing else of ours; only the bulk seed (seed/bulk.ts) drives the local server's importer.",
      severity: 'error',
      from: { path: '^seed/', pathNot: '^seed/bulk\\.ts$' },
      to: { path: '^(client|scripts|neo4j-local|bench|tests)/' },
    },
    {
      name: 'launcher-needs-only-server-config',
      comment:
        'The local Neo4j launcher reads the configuration and the server-side facts it must honour (procedures, credential locations).',
      severity: 'error',
      from: { path: '^neo4j-local/' },
      to: { path: '^(client|seed|scripts|bench|tests)/' },
    },
    {
      name: 'scripts-are-entry-points',
      comment: 'Entry points (npm start, db:*) wire the server, the launcher and the seed.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^(client|bench|tests)/' },
    },
    {
      name: 'nothing-imports-tests-or-bench',
      comment:
        'Product code never depends on tests or benchmarks (the bench may reuse test helpers).',
      severity: 'error',
      from: { path: '^(server|client|seed|scripts|neo4j-local)/' },
      to: { path: '^(tests|bench)/' },
    },
    {
      name: 'ingest-is-a-use-case',
      comment:
        'Ingestion (server/src/ingest) uses the model, the contract, the db, the planner and the workbench writes; routes call it, it calls no route.',
      severity: 'error',
      from: { path: '^server/src/ingest/' },
      to: { path: '^server/src/(routes|app|server|openapi)' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; merge them or cut the loop.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|client/dist|\\.neo4j|\\.venv-tools|test-results)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
