// One value that is costly to compute and changes rarely (parts of the graph's summary).
// Fresh for `freshMs`. However many callers ask at once, one computation runs. With
// `serveStale`, an older value is still served while that computation replaces it in the
// background (stale-while-revalidate), so callers never wait once there is a value; without,
// callers wait for it (and see its error). invalidate() forgets the value: the next caller
// waits for a new one.
export class RefreshingValue<T> {
  private current: { value: T; at: number } | undefined;
  private pending: Promise<T> | undefined;
  private generation = 0;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly freshMs: number,
    private readonly options: { serveStale: boolean },
  ) {}

  async get(): Promise<T> {
    const current = this.current;
    if (current && Date.now() - current.at < this.freshMs) return current.value;
    const next = this.refresh();
    if (!current || !this.options.serveStale) return next;
    next.catch(() => undefined); // a failed background refresh keeps the old value
    return current.value;
  }

  invalidate(): void {
    this.current = undefined;
    this.pending = undefined;
    this.generation++;
  }

  private refresh(): Promise<T> {
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = this.compute()
      .then((value) => {
        // A value computed before invalidate() may miss the write that caused it.
        if (generation === this.generation) this.current = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
      });
    this.pending = pending;
    return pending;
  }
}
