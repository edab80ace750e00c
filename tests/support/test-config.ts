// The configuration every database test uses: its own Neo4j port and data folder, so the
// suite never touches a user's data. TEST_NEO4J_URI/TEST_NEO4J_PASSWORD point the suite at
// another server instead (it is reset by the tests!); NEO4J_URI is deliberately ignored.
import { loadConfig, type Config } from '../../server/src/config';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const external = process.env.TEST_NEO4J_URI;
  return loadConfig({
    NEO4J_LOCAL_PORT: process.env.TEST_NEO4J_LOCAL_PORT ?? '7688',
    NEO4J_LOCAL_DIR: '.neo4j/test',
    NEO4J_LOCAL_HEAP: '1g',
    NEO4J_LOCAL_PAGECACHE: '256m',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // The suites send hundreds of requests a minute; the limits have tests of their own.
    RATE_LIMIT_PER_MIN: '100000',
    RATE_LIMIT_SEARCH_PER_MIN: '100000',
    RATE_LIMIT_CONSOLE_PER_MIN: '100000',
    ...(external
      ? { NEO4J_URI: external, NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? '' }
      : {}),
    ...overrides,
  });
}
