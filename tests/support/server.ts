// Starts the real app (real Neo4j) on a free port for a test file.
import { startServer, type RunningServer } from '../../server/src/server';
import { testConfig } from './test-config';

export async function startTestServer(
  overrides: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(testConfig(overrides));
}

export async function getJson(
  server: RunningServer,
  path: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json(), headers: response.headers };
}
