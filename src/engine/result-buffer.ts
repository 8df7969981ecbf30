// Results and engine events are written in batches: one transaction per
// second (or per `maxRows`), instead of one per check. While the database is
// unavailable rows are kept and retried, up to a cap (results are
// measurements, not acknowledged writes: past the cap the oldest are dropped
// and counted).
import type { Insertable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import { insertMonitorEvents, insertResults } from '../store/monitor-engine.js';
import type { DB, MonitorEventTable, MonitorResultTable } from '../store/schema.js';
import type { EngineMetrics } from './metrics.js';

export interface ResultBufferOptions {
  flushIntervalMs: number;
  maxRows: number;
  /** Most rows held while writes fail. */
  maxHeld: number;
}

export class ResultBuffer {
  private results: Insertable<MonitorResultTable>[] = [];
  private events: Insertable<MonitorEventTable>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: ResultBufferOptions,
    private readonly metrics: EngineMetrics,
    private readonly logger: Logger | null,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  get pending(): number {
    return this.results.length + this.events.length;
  }

  addResult(row: Insertable<MonitorResultTable>): void {
    this.results.push(row);
    if (this.results.length > this.options.maxHeld) {
      const excess = this.results.length - this.options.maxHeld;
      this.results.splice(0, excess);
      this.metrics.dropped.inc(excess);
    }
    this.metrics.buffered.set(this.pending);
    if (this.results.length >= this.options.maxRows && !this.flushing) void this.flush();
  }

  addEvent(row: Insertable<MonitorEventTable>): void {
    this.events.push(row);
  }

  /** Writes everything buffered so far; concurrent callers share one write. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending === 0) return;
    const results = this.results;
    const events = this.events;
    this.results = [];
    this.events = [];
    this.flushing = this.db
      .transaction()
      .execute(async (trx) => {
        await insertResults(trx, results);
        await insertMonitorEvents(trx, events);
      })
      .catch((err: unknown) => {
        // Put them back in front, to be retried with the next batch.
        this.results = results.concat(this.results);
        this.events = events.concat(this.events);
        this.metrics.writeErrors.inc();
        this.logger?.warn({ err: String(err), rows: results.length }, 'could not write monitor results; will retry');
      })
      .finally(() => {
        this.flushing = null;
        this.metrics.buffered.set(this.pending);
      });
    await this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}
