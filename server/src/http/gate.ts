// A bulkhead for expensive requests: at most `concurrency` run at once, a few more wait
// their turn, and any beyond those are refused at once (503 with Retry-After) instead of
// piling up in memory.
import { AppError } from '../errors';

export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly what: string,
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly retryAfterSeconds = 10,
  ) {}

  /** Resolves with a release function once it is this caller's turn. */
  async enter(): Promise<() => void> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting)
        throw new AppError(
          503,
          'busy',
          `${this.what}: ${this.running} running and ${this.waiting.length} waiting, the most this server takes; try again shortly`,
          undefined,
          this.retryAfterSeconds,
        );
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next caller, so `running` stays counted.
      if (next) next();
      else this.running--;
    };
  }
}
