// A web server on this machine's loopback that records every request it gets: a target for
// LOAD CSV that proves nothing reached it. Listens on 127.0.0.1 and, where the machine has
// it, on [::1].
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingWebServer {
  /** The same file by IPv4 address, by IPv6 address and by the name localhost. */
  urls: { url: string; url6: string; urlName: string };
  requests: string[];
  close: () => Promise<void>;
}

async function listen(server: http.Server, host: string, port = 0): Promise<number | undefined> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startRecordingWebServer(): Promise<RecordingWebServer> {
  const requests: string[] = [];
  const handler: http.RequestListener = (req, res) => {
    requests.push(`${req.method} ${req.url} from ${req.socket.remoteAddress}`);
    res.setHeader('content-type', 'text/csv').end('secret,value\ninternal,42\n');
  };
  const v4 = http.createServer(handler);
  const v6 = http.createServer(handler);
  const port = await listen(v4, '127.0.0.1');
  if (port === undefined) throw new Error('could not listen on 127.0.0.1');
  const port6 = (await listen(v6, '::1', port)) ?? (await listen(v6, '::1'));
  return {
    urls: {
      url: `http://127.0.0.1:${port}/internal.csv`,
      url6: `http://[::1]:${port6 ?? port}/internal.csv`,
      urlName: `http://localhost:${port}/internal.csv`,
    },
    requests,
    close: async () => {
      await new Promise((resolve) => v4.close(resolve));
      if (port6 !== undefined) await new Promise((resolve) => v6.close(resolve));
    },
  };
}
