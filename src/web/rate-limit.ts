// In-memory fixed-window counters, one per key (a client address, a ping
// token). Per process: instances behind a load balancer each count their own
// share. Memory is bounded: at most `maxKeys` windows are kept, expired ones
// are dropped first, then the oldest.

export interface WindowLimit {
  /** Hits allowed per window. */
  max: number;
  windowMs: number;
  /** Most keys remembered at once. */
  maxKeys: number;
}

export interface Window {
  /** Epoch ms the window started. */
  readonly start: number;
  count: number;
}

export interface Hit<W extends Window> {
  window: W;
  /** True when this hit is beyond `max` in its window. */
  over: boolean;
  /** Whole seconds until the window ends (at least 1): the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
}

export class FixedWindowCounter<W extends Window = Window> {
  private readonly windows = new Map<string, W>();

  constructor(
    readonly limit: WindowLimit,
    private readonly now: () => number,
    /** Makes the state of a new window (a Window may carry more, e.g. the ping stored in it). */
    private readonly fresh: (start: number) => W = (start) => ({ start, count: 0 }) as W,
    /** Where a window that opens at `now` starts: the first hit by default; pings align to whole seconds. */
    private readonly windowStart: (now: number) => number = (now) => now,
  ) {}

  /** Counts one hit for `key` and says whether it is over the limit. */
  hit(key: string): Hit<W> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.limit.windowMs || now < window.start) {
      // Re-inserted so the map stays ordered by window start: the oldest entries come first.
      this.windows.delete(key);
      this.makeRoom(now);
      window = this.fresh(this.windowStart(now));
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.limit.windowMs - now) / 1000));
    return { window, over: window.count > this.limit.max, retryAfterSeconds };
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    // Oldest first: expired windows go, then, if still full, the oldest live one.
    for (const [key, window] of this.windows) {
      if (now - window.start < this.limit.windowMs && this.windows.size < this.limit.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
