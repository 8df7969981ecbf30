// Latency rollups that compose: a minute's rollups merge into an hour, hours
// into a day, and percentiles of the merged rollup are as good as if every
// check had been recorded into it. Averages of percentiles would not be.
// Buckets are fixed and log-spaced (each ~8% wider than the last), so any
// percentile is exact to within one bucket: at most 8% high.

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './time.js';

/** Each bucket's upper bound is this factor times the previous one. */
export const BUCKET_RATIO = 1.08;
/** The largest latency with its own bucket; anything above goes to the overflow bucket. */
export const MAX_BUCKETED_MS = 120_000;

const LAST_REGULAR = Math.ceil(Math.log(MAX_BUCKETED_MS) / Math.log(BUCKET_RATIO));
/** Upper bounds: bucket 0 is [0, 1 ms], bucket i is (R^(i-1), R^i] ms, the last is the overflow (> R^LAST_REGULAR). */
const UPPER: readonly number[] = [
  ...Array.from({ length: LAST_REGULAR + 1 }, (_, i) => BUCKET_RATIO ** i),
  Number.POSITIVE_INFINITY,
];
export const BUCKET_COUNT = UPPER.length;
const OVERFLOW = BUCKET_COUNT - 1;

export interface LatencyHistogram {
  /** Sparse: bucket index → number of samples; buckets with none are absent. */
  counts: Record<number, number>;
  /** Smallest and largest sample recorded, ms; null when empty. */
  min: number | null;
  max: number | null;
}

/** The bucket holding `ms` (≥ 0). */
export function bucketIndex(ms: number): number {
  if (!(ms > 1)) return 0;
  let i = Math.min(OVERFLOW, Math.ceil(Math.log(ms) / Math.log(BUCKET_RATIO)));
  // The logarithm may be off by one at a bound: settle against the table.
  while (i > 1 && ms <= UPPER[i - 1]!) i--;
  while (i < OVERFLOW && ms > UPPER[i]!) i++;
  return i;
}

/** Inclusive upper bound of a bucket in ms (Infinity for the overflow bucket). */
export function bucketUpperBound(index: number): number {
  return UPPER[index] ?? Number.POSITIVE_INFINITY;
}

export function emptyHistogram(): LatencyHistogram {
  return { counts: {}, min: null, max: null };
}

export function histogramCount(h: LatencyHistogram): number {
  let n = 0;
  for (const c of Object.values(h.counts)) n += c;
  return n;
}

/** A new histogram with one more sample. Negative latencies count as 0; NaN and ±Infinity are ignored. */
export function record(h: LatencyHistogram, ms: number): LatencyHistogram {
  if (!Number.isFinite(ms)) return h;
  const v = Math.max(0, ms);
  const i = bucketIndex(v);
  return {
    counts: { ...h.counts, [i]: (h.counts[i] ?? 0) + 1 },
    min: h.min === null ? v : Math.min(h.min, v),
    max: h.max === null ? v : Math.max(h.max, v),
  };
}

export function merge(a: LatencyHistogram, b: LatencyHistogram): LatencyHistogram {
  const counts: Record<number, number> = { ...a.counts };
  for (const [k, c] of Object.entries(b.counts)) counts[Number(k)] = (counts[Number(k)] ?? 0) + c;
  return { counts, min: minOf(a.min, b.min), max: maxOf(a.max, b.max) };
}

/**
 * The p-th percentile (0..100) in ms: the upper bound of the bucket holding it,
 * clamped to the largest sample, so it is never below the true value and at most
 * one bucket above it. Null when empty.
 */
export function percentile(h: LatencyHistogram, p: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const clamped = Math.min(100, Math.max(0, Number.isFinite(p) ? p : 0));
  // The epsilon keeps 95 × 20 / 100 from becoming 19.000000000000004 and overshooting a rank.
  const rank = Math.max(1, Math.ceil((clamped * total) / 100 - 1e-9));
  let seen = 0;
  for (const [k, c] of sortedEntries(h)) {
    seen += c;
    if (seen >= rank) return Math.min(bucketUpperBound(k), h.max ?? Number.POSITIVE_INFINITY);
  }
  return h.max;
}

/** Compact text for storage: "3:1,57:40,58:2;min=2.5;max=96" (bucket:count pairs, then the range); "" when empty. */
export function encodeHistogram(h: LatencyHistogram): string {
  const pairs = sortedEntries(h).map(([k, c]) => `${k}:${c}`);
  if (pairs.length === 0) return '';
  const parts = [pairs.join(',')];
  if (h.min !== null) parts.push(`min=${h.min}`);
  if (h.max !== null) parts.push(`max=${h.max}`);
  return parts.join(';');
}

/** Parses encodeHistogram's text; throws RangeError on malformed text. A missing range is taken from the buckets. */
export function decodeHistogram(text: string): LatencyHistogram {
  const trimmed = text.trim();
  if (trimmed === '') return emptyHistogram();
  const fail = (why: string): never => {
    throw new RangeError(`invalid latency histogram (${why}): ${JSON.stringify(text.slice(0, 200))}`);
  };
  const [pairText = '', ...rest] = trimmed.split(';');
  const counts: Record<number, number> = {};
  for (const pair of pairText.split(',')) {
    const m = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    if (!m) return fail(`bad pair ${JSON.stringify(pair)}`);
    const k = Number(m[1]);
    const c = Number(m[2]);
    if (k >= BUCKET_COUNT) return fail(`bucket ${k} out of range`);
    if (c > 0) counts[k] = (counts[k] ?? 0) + c;
  }
  let min: number | null = null;
  let max: number | null = null;
  for (const part of rest) {
    const m = /^\s*(min|max)=([0-9.eE+-]+)\s*$/.exec(part);
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(v) || v < 0) return fail(`bad range ${JSON.stringify(part)}`);
    if (m[1] === 'min') min = v;
    else max = v;
  }
  const keys = Object.keys(counts).map(Number);
  if (keys.length === 0) return emptyHistogram();
  const lowest = Math.min(...keys);
  const highest = Math.max(...keys);
  min ??= lowest === 0 ? 0 : bucketUpperBound(lowest - 1);
  max ??= bucketUpperBound(Math.min(highest, OVERFLOW - 1));
  return { counts, min, max };
}

function sortedEntries(h: LatencyHistogram): [number, number][] {
  return Object.entries(h.counts)
    .map(([k, c]): [number, number] => [Number(k), c])
    .filter(([, c]) => c > 0)
    .sort((x, y) => x[0] - y[0]);
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

// ── Rollups: per monitor and per bucket of time (minute, hour, day). ─────────

export interface Rollup {
  checks: number;
  failures: number;
  latency_min: number | null;
  latency_max: number | null;
  latency_sum: number;
  /** Checks that reported a latency (a check that never connected has none). */
  latency_count: number;
  histogram: LatencyHistogram;
}

export interface RollupSample {
  ok: boolean;
  /** Null when the check measured nothing meaningful; failed checks with a latency count too. */
  latency_ms: number | null;
}

export function emptyRollup(): Rollup {
  return { checks: 0, failures: 0, latency_min: null, latency_max: null, latency_sum: 0, latency_count: 0, histogram: emptyHistogram() };
}

export function addResult(r: Rollup, sample: RollupSample): Rollup {
  const next: Rollup = { ...r, checks: r.checks + 1, failures: r.failures + (sample.ok ? 0 : 1) };
  const ms = sample.latency_ms;
  if (ms !== null && Number.isFinite(ms)) {
    const v = Math.max(0, ms);
    next.latency_min = minOf(r.latency_min, v);
    next.latency_max = maxOf(r.latency_max, v);
    next.latency_sum = r.latency_sum + v;
    next.latency_count = r.latency_count + 1;
    next.histogram = record(r.histogram, v);
  }
  return next;
}

export function mergeRollups(a: Rollup, b: Rollup): Rollup {
  return {
    checks: a.checks + b.checks,
    failures: a.failures + b.failures,
    latency_min: minOf(a.latency_min, b.latency_min),
    latency_max: maxOf(a.latency_max, b.latency_max),
    latency_sum: a.latency_sum + b.latency_sum,
    latency_count: a.latency_count + b.latency_count,
    histogram: merge(a.histogram, b.histogram),
  };
}

/**
 * Share of successful checks, 0..100, unrounded (rounding here would show one
 * failure in 100,000 checks as 100%); null when there were no checks.
 */
export function uptimePercent(r: Rollup): number | null {
  if (r.checks <= 0) return null;
  return (100 * (r.checks - r.failures)) / r.checks;
}

export function averageLatency(r: Rollup): number | null {
  return r.latency_count > 0 ? r.latency_sum / r.latency_count : null;
}

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function rollupPercentiles(r: Rollup): LatencyPercentiles {
  return { p50: percentile(r.histogram, 50), p95: percentile(r.histogram, 95), p99: percentile(r.histogram, 99) };
}

export type RollupUnit = 'minute' | 'hour' | 'day';
const UNIT_MS: Record<RollupUnit, number> = { minute: MS_PER_MINUTE, hour: MS_PER_HOUR, day: MS_PER_DAY };

/** Start of the UTC minute, hour or day containing `epochMs`. */
export function bucketStart(epochMs: number, unit: RollupUnit): number {
  const size = UNIT_MS[unit];
  return Math.floor(epochMs / size) * size;
}
