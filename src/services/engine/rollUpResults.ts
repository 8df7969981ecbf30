// Rolls raw results up into per-minute rollups, minutes into hours and hours
// into days. A bucket's progress mark is written after its rollups (upserts,
// so rewriting them is harmless): a restart resumes where it stopped and never
// counts a result twice.
// Rollups are derived data, like results: no audit rows.
import { addResult, bucketStart, decodeHistogram, emptyRollup, encodeHistogram, mergeRollups, type Rollup, type RollupUnit } from '../../domain/latency-histogram.js';
import { earliestResultAt, resultsBetween, rollupMark, rollupsBetween, setRollupMark, upsertRollups } from '../../store/monitor-engine.js';
import type { MonitorRollupTable } from '../../store/schema.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type ServiceContext } from '../context.js';
import { transactSilently } from './transactSilently.js';

const SIZE: Record<RollupUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const SOURCE: Record<RollupUnit, RollupUnit | null> = { minute: null, hour: 'minute', day: 'hour' };

export interface RollupOptions {
  /** How long after a minute ends its results are taken as complete (checks finish and batches flush). */
  settleMs: number;
  /** Most buckets of one resolution rolled up per run, so catching up after downtime is spread out. */
  maxBucketsPerRun: number;
}

export const DEFAULT_ROLLUP_OPTIONS: RollupOptions = { settleMs: 15_000, maxBucketsPerRun: 120 };

/** Returns how many buckets were completed, per resolution. */
export async function rollUpResults(ctx: ServiceContext, options: RollupOptions = DEFAULT_ROLLUP_OPTIONS): Promise<Record<RollupUnit, number>> {
  const done: Record<RollupUnit, number> = { minute: 0, hour: 0, day: 0 };
  const first = await earliestResultAt(ctx.db);
  if (first === null) return done;
  const now = ctx.clock.now().getTime();
  for (const unit of ['minute', 'hour', 'day'] as const) {
    const source = SOURCE[unit];
    // A bucket is complete when its source is: raw results after the settle time, or the finer rollups' mark.
    const sourceDone = source === null ? now - options.settleMs : await rollupMark(ctx.db, source);
    if (sourceDone === null) continue;
    const until = bucketStart(sourceDone, unit);
    let from = (await rollupMark(ctx.db, unit)) ?? bucketStart(first, unit);
    while (from < until && done[unit] < options.maxBucketsPerRun) {
      await rollUpBucket(ctx, unit, from);
      from += SIZE[unit];
      done[unit] += 1;
    }
  }
  return done;
}

async function rollUpBucket(ctx: ServiceContext, unit: RollupUnit, start: number): Promise<void> {
  const end = start + SIZE[unit];
  const byMonitor = new Map<string, Rollup>();
  const source = SOURCE[unit];
  if (source === null) {
    for (const r of await resultsBetween(ctx.db, start, end)) {
      byMonitor.set(r.monitor_id, addResult(byMonitor.get(r.monitor_id) ?? emptyRollup(), { ok: r.ok === 1, latency_ms: r.latency_ms }));
    }
  } else {
    // One finer bucket at a time (60 minutes of an hour, 24 hours of a day), yielding between reads.
    for (let at = start; at < end; at += SIZE[source]) {
      for (const r of await rollupsBetween(ctx.db, source, at, at + SIZE[source])) {
        const part: Rollup = { ...r, histogram: decodeHistogram(r.histogram) };
        const prior = byMonitor.get(r.monitor_id);
        byMonitor.set(r.monitor_id, prior ? mergeRollups(prior, part) : part);
      }
      await yieldToEventLoop();
    }
  }
  const rows: MonitorRollupTable[] = [...byMonitor].map(([monitor_id, r]) => ({
    monitor_id,
    resolution: unit,
    bucket_start: start,
    checks: r.checks,
    failures: r.failures,
    latency_min: r.latency_min === null ? null : Math.round(r.latency_min),
    latency_max: r.latency_max === null ? null : Math.round(r.latency_max),
    latency_sum: Math.round(r.latency_sum),
    latency_count: r.latency_count,
    histogram: encodeHistogram(r.histogram),
  }));
  // In slices, each its own short transaction with a turn of the event loop between them, so a large
  // bucket never blocks running checks for long. Upserts make a slice written twice harmless; the
  // mark moves only after every slice is in.
  for (let i = 0; i < rows.length; i += SLICE) {
    await transactSilently(ctx, (db) => upsertRollups(db, rows.slice(i, i + SLICE)));
    await yieldToEventLoop();
  }
  await transactSilently(ctx, (db) => setRollupMark(db, unit, end));
}

const SLICE = 500;
