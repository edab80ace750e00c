// A loopback relay between a console worker's driver and Neo4j that counts the bytes Neo4j
// sends and cuts the connection once a query's result passes its limit. The driver reads a
// whole Bolt message before it decodes any of it, and decoding one list of millions of
// items takes it many seconds: only a count taken as the bytes arrive can refuse such a
// result quickly. It needs a plain (unencrypted) Bolt connection, as the project's local
// Neo4j and the Docker setup use; over TLS the worker connects directly instead.
import net, { type AddressInfo } from 'node:net';

export class ByteLimitedRelay {
  private received = 0;
  private limit = Number.POSITIVE_INFINITY;
  private cut = false;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  /** Listens on a random loopback port and relays every connection to host:port. */
  static async open(host: string, port: number): Promise<ByteLimitedRelay> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const relay = new ByteLimitedRelay(server, (server.address() as AddressInfo).port);
    server.on('connection', (client: net.Socket) => relay.connect(client, host, port));
    return relay;
  }

  /** Starts counting afresh for the next query: at most `limit` bytes from Neo4j. */
  startCounting(limit: number): void {
    this.received = 0;
    this.limit = limit;
    this.cut = false;
  }

  /** True when the current query's bytes passed the limit and the connection was cut. */
  get exceeded(): boolean {
    return this.cut;
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }

  private connect(client: net.Socket, host: string, port: number): void {
    const upstream = net.connect(port, host);
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      if (this.received > this.limit) {
        this.cut = true;
        drop();
        return;
      }
      // Backpressure: a slow reader pauses Neo4j's side rather than filling memory.
      if (!client.write(chunk)) {
        upstream.pause();
        client.once('drain', () => upstream.resume());
      }
    });
  }
}
