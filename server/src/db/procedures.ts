// The procedures the product calls, in one list: the console's allow-list, and (with the
// few the app itself needs) the local Neo4j's dbms.security.procedures.allowlist.

/** What a console query may call: schema introspection and search. */
export const CONSOLE_PROCEDURES = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
] as const;

/** What the server loads at all: the console's, plus those the app uses itself. */
export const SERVER_PROCEDURES = [
  ...CONSOLE_PROCEDURES,
  'db.awaitIndexes',
  'db.ping',
  'dbms.components',
];
