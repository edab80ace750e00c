// OASIS's medallion (a TAXII 2.1 server, PyPI) started for a test: a memory backend loaded
// from a fixture, on a free loopback port, with one user. Stopped by the caller.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensurePythonTool } from './python-tools';

export interface RunningMedallion {
  /** e.g. http://127.0.0.1:5192/ ; the fixture's API root is `${url}api1/`. */
  url: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startMedallion(dataFile: string): Promise<RunningMedallion> {
  const bin = ensurePythonTool('medallion');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medallion-'));
  const user = 'puller';
  const password = 'fixture-password-7f3a';
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      backend: {
        module: 'medallion.backends.memory_backend',
        module_class: 'MemoryBackend',
        filename: path.resolve(dataFile),
      },
      users: { [user]: password },
      taxii: { max_page_size: 100 },
    }),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`medallion exited: ${stderr}`);
    const up = await fetch(`${url}taxii2/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`medallion did not answer within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    user,
    password,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}
