// Decides when the snapshot is rebuilt: shortly after a write in this process
// (coalesced), when the change token moves (writes by the CLI or other
// instances), and every so often because time moves ("ongoing for …",
// maintenance windows). A failed rebuild keeps the last good snapshot.

export interface RefreshTiming {
  /** Delay between a change and its rebuild; changes inside it share one rebuild. */
  debounceMs: number;
  /** How often the change token is read. */
  pollMs: number;
  /** Rebuild at least this often even without changes. */
  refreshMs: number;
  /** A rebuild or poll taking longer than this counts as failed (a lost database can hang a query). */
  timeoutMs: number;
  /**
   * Most of the time rebuilds may take: after a rebuild of D ms the next one waits at least
   * D × (1 / share − 1) ms (never more than MAX_SPACING_MS), so a page that is slow to render, or a
   * busy machine, gets fewer rebuilds instead of a starved event loop.
   */
  busyShare: number;
}

export const DEFAULT_TIMING: RefreshTiming = { debounceMs: 250, pollMs: 2000, refreshMs: 60_000, timeoutMs: 30_000, busyShare: 0.05 };

/** However slow rebuilds are, a change is served within about this long (plus the rebuild itself). */
const MAX_SPACING_MS = 5000;

export interface RefresherOptions {
  rebuild(): Promise<unknown>;
  /** Anything that changes when data changes (the audit log's newest id); compared for equality. */
  changeToken(): Promise<string>;
  timing: RefreshTiming;
  /** Called when a rebuild or poll starts failing and when it recovers; not on every failed attempt. */
  onHealth(healthy: boolean, err?: unknown): void;
}

/** What a refresher has done so far; tests wait for these to move instead of sleeping. */
export interface RefreshActivity {
  /** Rebuild requests accepted (writes in this process, moved tokens, the periodic refresh). */
  requests: number;
  rebuilds: number;
  failedRebuilds: number;
  polls: number;
  failedPolls: number;
}

export class Refresher {
  readonly activity: RefreshActivity = { requests: 0, rebuilds: 0, failedRebuilds: 0, polls: 0, failedPolls: 0 };
  /** Waiting in idle() for a debounced rebuild to start. */
  private idleWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private stopped = true;
  /** Set by stop(): no rebuild starts after it (the database may be closing). */
  private closed = false;
  private lastToken: string | null = null;
  /** The token the running rebuild read; a poll seeing it again needs no second rebuild. */
  private runningToken: string | null = null;
  private healthy = true;
  /** performance.now() before which a debounced rebuild does not start (see busyShare). */
  private notBefore = 0;

  constructor(private readonly options: RefresherOptions) {}

  /** Rebuilds once (awaited; a failure is reported, not thrown), then starts polling. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.runNow();
    this.schedulePoll();
    this.refreshTimer = setInterval(() => this.requestRebuild(), this.options.timing.refreshMs);
    this.refreshTimer.unref();
  }

  /** Something changed: rebuild soon. Calls inside one debounce window share a rebuild. */
  requestRebuild(): void {
    if (this.stopped) return;
    this.activity.requests += 1;
    this.dirty = true;
    if (this.timer || this.running) return;
    const delay = Math.max(this.options.timing.debounceMs, this.notBefore - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow();
      for (const wake of this.idleWaiters.splice(0)) wake();
    }, delay);
  }

  /** Resolves once no rebuild is running or waiting for its debounce (so tests need not sleep). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.timer) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      else return;
    }
  }

  /** Rebuilds now (after any rebuild already running) and resolves when done. */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    if (this.closed) return;
    this.dirty = false;
    this.running = this.rebuildOnce().finally(() => {
      this.running = null;
      if (this.dirty) {
        this.dirty = false;
        this.requestRebuild();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    for (const t of [this.timer, this.pollTimer, this.refreshTimer]) if (t) clearTimeout(t);
    this.timer = this.pollTimer = this.refreshTimer = null;
    for (const wake of this.idleWaiters.splice(0)) wake();
    while (this.running) await this.running;
  }

  private async rebuildOnce(): Promise<void> {
    const started = performance.now();
    this.activity.rebuilds += 1;
    try {
      // The token is read before loading: a change committed during the load moves it again, so the next poll catches it.
      const token = await withTimeout(this.options.changeToken(), this.options.timing.timeoutMs, 'reading the change token');
      this.runningToken = token;
      await withTimeout(this.options.rebuild(), this.options.timing.timeoutMs, 'rebuilding the public snapshot');
      this.lastToken = token;
      this.setHealthy(true);
    } catch (err) {
      this.activity.failedRebuilds += 1;
      this.setHealthy(false, err);
    } finally {
      this.runningToken = null;
      const took = performance.now() - started;
      const share = Math.min(1, Math.max(0.01, this.options.timing.busyShare));
      this.notBefore = performance.now() + Math.min(MAX_SPACING_MS, took * (1 / share - 1));
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => void this.poll(), this.options.timing.pollMs);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    this.activity.polls += 1;
    try {
      const token = await withTimeout(this.options.changeToken(), this.options.timing.timeoutMs, 'reading the change token');
      // After a failure the snapshot may be behind whatever the token says: rebuild.
      const covered = this.running !== null && token === this.runningToken;
      if (!covered && (token !== this.lastToken || !this.healthy)) this.requestRebuild();
    } catch (err) {
      this.activity.failedPolls += 1;
      this.setHealthy(false, err);
    } finally {
      this.schedulePoll();
    }
  }

  private setHealthy(healthy: boolean, err?: unknown): void {
    if (healthy === this.healthy) return;
    this.healthy = healthy;
    this.options.onHealth(healthy, err);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
