// Where the app's Neo4j is: the server named by NEO4J_URI, or the project's local one.
import type { Config } from '../config';
import { localBoltUri, readLocalPassword } from './local-neo4j';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** True when the project's own local server is meant (it may need starting). */
  local: boolean;
}

export function neo4jConnection(config: Config): Neo4jConnection {
  if (config.neo4jUri) {
    return {
      uri: config.neo4jUri,
      user: config.neo4jUser,
      // loadConfig guarantees a password whenever NEO4J_URI is set.
      password: config.neo4jPassword ?? '',
      database: config.neo4jDatabase,
      local: false,
    };
  }
  return {
    uri: localBoltUri(config.local.port),
    user: config.neo4jUser,
    password: readLocalPassword(config.local.dir, config.neo4jPassword),
    database: config.neo4jDatabase,
    local: true,
  };
}
