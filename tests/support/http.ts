import type { RunningServer } from '../../server/src/server';

export async function postJson(
  server: RunningServer,
  path: string,
  body: unknown,
  method = 'POST',
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
