// Lets at most `size` sessions hold a connection at once and makes the rest wait, for at
// most `waitMs`. Sized like the driver's pool, it turns "every connection is in use" into a
// clear error of our own before the driver's acquisition timeout fires (the driver reports
// that case with no status code of its own, so it could only be told apart by its text).
export class ConnectionGate {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    readonly waitMs: number,
  ) {}

  /** Runs `work` once a place is free; throws `busy()` if none frees up within waitMs. */
  async run<R>(work: () => Promise<R>, busy: () => Error): Promise<R> {
    await this.enter(busy);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(busy: () => Error): Promise<void> {
    if (this.inUse < this.size) {
      this.inUse++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        this.inUse++;
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(admit), 1);
        reject(busy());
      }, this.waitMs);
      this.waiting.push(admit);
    });
  }

  private leave(): void {
    this.inUse--;
    this.waiting.shift()?.();
  }
}
