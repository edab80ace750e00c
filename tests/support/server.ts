// Starts the real app (real Neo4j) on a free port for a test file.
import { startServer, type RunningServer } from '../../server/src/server';
import { testConfig } from './test-config';

export async function startTestServer(
  overrides: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(testConfig(overrides));
}

/**
 * Waits until Neo4j runs no console query any more and every slot is free: a query stopped
 * at its time limit keeps its client's share until Neo4j lets it go (console-pool.ts), so the
 * next console request of the same client would be answered 429.
 */
export async function consoleIdle(server: RunningServer, withinMs = 60_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const usage = server.consolePool.usage();
    if (usage.busy === 0 && usage.draining === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `the console pool is still in use: ${JSON.stringify(server.consolePool.usage())}`,
  );
}

export async function getJson(
  server: RunningServer,
  path: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json(), headers: response.headers };
}
