// The worker that runs force-simulation.ts off the page's main thread.
import type { ForceRequest } from './force-protocol';
import { simulate } from './force-simulation';

self.onmessage = (event: MessageEvent<ForceRequest>) => {
  const reply = simulate(event.data);
  (self as unknown as Worker).postMessage(reply, [reply.x.buffer, reply.y.buffer]);
};
