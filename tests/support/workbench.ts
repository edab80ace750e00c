// Helpers for tests of the workbench's writes: requests with any method, fresh names, and
// the change log of one entity.
import { randomBytes } from 'node:crypto';
import type { RunningServer } from '../../server/src/server';

export interface Answer {
  status: number;
  body: any;
}

export async function send(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A name no other test run has used, so each test owns the nodes it makes. */
export function fresh(name: string): string {
  return `${name} ${randomBytes(4).toString('hex')}`;
}

/** The change log of one node or relationship, newest first. */
export async function changesOf(server: RunningServer, entity: string): Promise<any[]> {
  const { status, body } = await send(
    server,
    'GET',
    `/api/changes?entity=${encodeURIComponent(entity)}&limit=200`,
  );
  if (status !== 200) throw new Error(`GET /api/changes answered ${status}`);
  return body.changes;
}

export async function versionOfNode(server: RunningServer, id: string): Promise<string> {
  return (await send(server, 'GET', `/api/nodes/${encodeURIComponent(id)}`)).body.version;
}

export async function versionOfRelationship(server: RunningServer, id: string): Promise<string> {
  return (await send(server, 'GET', `/api/relationships/${encodeURIComponent(id)}`)).body.version;
}
