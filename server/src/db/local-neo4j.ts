// Where the project's local Neo4j keeps its Bolt port and generated password. The server only
// reads these; creating the password is the launcher's job (neo4j-local/manager.ts).
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, REPO_ROOT } from '../config';

/** The local server's folder; relative paths are from the repo root. */
export function localNeo4jDir(dir: string): string {
  return path.isAbsolute(dir) ? dir : path.join(REPO_ROOT, dir);
}

export function localPasswordFile(dir: string): string {
  return path.join(localNeo4jDir(dir), 'password');
}

export function localBoltUri(port: number): string {
  return `bolt://127.0.0.1:${port}`;
}

/** The configured password, or the one the launcher generated; never creates one. */
export function readLocalPassword(dir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = localPasswordFile(dir);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  throw new ConfigError([
    `NEO4J_PASSWORD: not set, and the local Neo4j has no generated password in ${file} yet ` +
      `(start it first: "npm run db:start" or "npm start"; or set NEO4J_URI and NEO4J_PASSWORD)`,
  ]);
}
