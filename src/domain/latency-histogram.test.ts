import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addResult,
  averageLatency,
  BUCKET_COUNT,
  BUCKET_RATIO,
  bucketIndex,
  bucketStart,
  bucketUpperBound,
  decodeHistogram,
  emptyHistogram,
  emptyRollup,
  encodeHistogram,
  histogramCount,
  merge,
  mergeRollups,
  percentile,
  record,
  rollupPercentiles,
  uptimePercent,
  type LatencyHistogram,
  type Rollup,
} from './latency-histogram.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const recordAll = (values: number[], h: LatencyHistogram = emptyHistogram()) => values.reduce(record, h);

/** The exact p-th percentile by the same nearest-rank rule. */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9)) - 1]!;
}

/** Never below the true value, at most one bucket (8%) above it. */
function assertWithinOneBucket(actual: number | null, exact: number, label: string) {
  assert.ok(actual !== null, label);
  assert.ok(actual >= exact - 1e-9, `${label}: ${actual} < exact ${exact}`);
  assert.ok(actual <= Math.max(1, exact * BUCKET_RATIO) + 1e-9, `${label}: ${actual} more than a bucket above ${exact}`);
}

test('buckets: 0–1 ms, log-spaced ~8% to 120 s, then overflow', () => {
  assert.equal(bucketIndex(0), 0);
  assert.equal(bucketIndex(1), 0);
  assert.equal(bucketIndex(1.01), 1);
  assert.equal(bucketUpperBound(0), 1);
  assert.ok(bucketUpperBound(BUCKET_COUNT - 2) >= 120_000);
  assert.ok(bucketUpperBound(BUCKET_COUNT - 3) < 120_000);
  assert.equal(bucketIndex(120_000), BUCKET_COUNT - 2);
  assert.equal(bucketIndex(10 * 60_000), BUCKET_COUNT - 1);
  assert.equal(bucketUpperBound(BUCKET_COUNT - 1), Number.POSITIVE_INFINITY);
  assert.ok(BUCKET_COUNT < 200, 'small enough to store per minute');
  // Every value lies in (upper(i-1), upper(i)], including the bounds themselves.
  for (let i = 1; i < BUCKET_COUNT - 1; i++) {
    const upper = bucketUpperBound(i);
    assert.equal(bucketIndex(upper), i, `upper bound of ${i}`);
    assert.equal(bucketIndex(upper * (1 + 1e-12)), i + 1, `just above ${i}`);
    assert.ok(Math.abs(upper / bucketUpperBound(i - 1) - BUCKET_RATIO) < 1e-9);
  }
});

test('percentiles of known distributions are within one bucket', () => {
  const rand = prng(9);
  const distributions: Record<string, number[]> = {
    'uniform 1..1000 ms': Array.from({ length: 1000 }, (_, i) => i + 1),
    'uniform random 20..400 ms': Array.from({ length: 5000 }, () => 20 + rand() * 380),
    // Most requests fast, a slow tail: the shape real latencies have.
    'log-normal around 80 ms': Array.from({ length: 20_000 }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      return Math.exp(Math.log(80) + 0.6 * z);
    }),
    'bimodal 5 ms / 2 s': Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 2000 + i : 5 + (i % 7))),
  };
  for (const [name, values] of Object.entries(distributions)) {
    const h = recordAll(values);
    assert.equal(histogramCount(h), values.length);
    for (const p of [1, 10, 50, 90, 95, 99, 99.9, 100]) {
      assertWithinOneBucket(percentile(h, p), exactPercentile(values, p), `${name} p${p}`);
    }
  }
});

test('percentile is clamped to the largest sample and handles small and extreme cases', () => {
  const h = recordAll([100, 100, 100]);
  assert.equal(percentile(h, 50), 100, 'clamped to the max, not the bucket bound');
  assert.equal(percentile(h, 100), 100);
  assert.equal(percentile(recordAll([0.2]), 50), 0.2);
  const huge = recordAll([5, 400_000]);
  assert.equal(percentile(huge, 100), 400_000, 'overflow bucket reports the max');
  assertWithinOneBucket(percentile(huge, 50), 5, 'p50');
  assert.equal(percentile(huge, 0), percentile(huge, 1), 'p0 is the first sample');
  assert.equal(percentile(huge, 250), 400_000, 'p above 100 is p100');
});

test('empty and ignored samples', () => {
  const e = emptyHistogram();
  assert.equal(percentile(e, 50), null);
  assert.equal(histogramCount(e), 0);
  assert.equal(record(e, Number.NaN), e);
  assert.equal(record(e, Number.POSITIVE_INFINITY), e);
  assert.deepEqual(record(e, -3), { counts: { 0: 1 }, min: 0, max: 0 });
  assert.deepEqual(merge(e, e), e);
  const r = emptyRollup();
  assert.equal(uptimePercent(r), null);
  assert.equal(averageLatency(r), null);
  assert.deepEqual(rollupPercentiles(r), { p50: null, p95: null, p99: null });
});

test('record does not modify its input', () => {
  const h = recordAll([3, 4]);
  const copy = structuredClone(h);
  record(h, 5000);
  merge(h, recordAll([1]));
  assert.deepEqual(h, copy);
});

test('merging histograms equals recording every sample into one', () => {
  const rand = prng(5);
  const values = Array.from({ length: 3000 }, () => rand() ** 3 * 20_000);
  const parts = [values.slice(0, 1000), values.slice(1000, 1001), [], values.slice(1001)];
  const merged = parts.map((p) => recordAll(p)).reduce(merge, emptyHistogram());
  assert.deepEqual(merged, recordAll(values));
  assert.deepEqual(merge(recordAll(parts[0]!), recordAll(parts[3]!)), merge(recordAll(parts[3]!), recordAll(parts[0]!)));
});

test('encode/decode round trip', () => {
  const rand = prng(11);
  const h = recordAll(Array.from({ length: 500 }, () => rand() * 3000).concat([0, 0.5, 130_000, 1_000_000]));
  const text = encodeHistogram(h);
  assert.match(text, /^\d+:\d+(,\d+:\d+)*;min=0;max=1000000$/);
  assert.deepEqual(decodeHistogram(text), h);
  assert.equal(encodeHistogram(emptyHistogram()), '');
  assert.deepEqual(decodeHistogram(''), emptyHistogram());
  assert.equal(encodeHistogram(recordAll([2.5, 2.5, 96])), `${bucketIndex(2.5)}:2,${bucketIndex(96)}:1;min=2.5;max=96`);
});

test('decode takes a missing range from the buckets and rejects malformed text', () => {
  const d = decodeHistogram('0:2,10:3');
  assert.deepEqual(d.counts, { 0: 2, 10: 3 });
  assert.equal(d.min, 0);
  assert.equal(d.max, bucketUpperBound(10));
  assert.equal(decodeHistogram('5:1').min, bucketUpperBound(4));
  for (const bad of ['x', '1:', ':1', '1:2;min=abc', '1:2;max=-1', `${BUCKET_COUNT}:1`, '1:2;avg=3', '1.5:2']) {
    assert.throws(() => decodeHistogram(bad), RangeError, bad);
  }
});

function rollupOf(samples: { ok: boolean; latency_ms: number | null }[]): Rollup {
  return samples.reduce(addResult, emptyRollup());
}

test('rollups count checks, failures and latency; failures without latency count as checks only', () => {
  const r = rollupOf([
    { ok: true, latency_ms: 100 },
    { ok: true, latency_ms: 300 },
    { ok: false, latency_ms: 50 },
    { ok: false, latency_ms: null },
  ]);
  assert.equal(r.checks, 4);
  assert.equal(r.failures, 2);
  assert.equal(r.latency_min, 50);
  assert.equal(r.latency_max, 300);
  assert.equal(r.latency_sum, 450);
  assert.equal(r.latency_count, 3);
  assert.equal(averageLatency(r), 150);
  assert.equal(uptimePercent(r), 50);
  assert.equal(histogramCount(r.histogram), 3);
  const { p50, p95, p99 } = rollupPercentiles(r);
  assertWithinOneBucket(p50, 100, 'p50');
  assert.equal(p95, 300);
  assert.equal(p99, 300);
});

test('uptime is not rounded up to 100 while there were failures', () => {
  const r: Rollup = { ...emptyRollup(), checks: 100_000, failures: 1 };
  assert.ok(uptimePercent(r)! < 100);
  assert.equal(uptimePercent({ ...emptyRollup(), checks: 3, failures: 0 }), 100);
  assert.equal(uptimePercent({ ...emptyRollup(), checks: 3, failures: 3 }), 0);
});

test('minute rollups merged into an hour equal the hour recorded directly', () => {
  const rand = prng(3);
  const start = Date.UTC(2024, 5, 1, 10, 0, 0);
  const minutes = new Map<number, Rollup>();
  let hour = emptyRollup();
  for (let at = start; at < start + 3_600_000; at += 20_000) {
    const sample = { ok: rand() > 0.05, latency_ms: rand() < 0.02 ? null : Math.round(rand() * 800) };
    const key = bucketStart(at, 'minute');
    minutes.set(key, addResult(minutes.get(key) ?? emptyRollup(), sample));
    hour = addResult(hour, sample);
  }
  assert.equal(minutes.size, 60);
  const merged = [...minutes.values()].reduce(mergeRollups, emptyRollup());
  assert.deepEqual(merged, hour);
  assert.deepEqual(rollupPercentiles(merged), rollupPercentiles(hour));
  assert.deepEqual(mergeRollups(hour, emptyRollup()), hour);
});

test('bucketStart floors to the UTC minute, hour and day', () => {
  const t = Date.UTC(2024, 1, 29, 23, 59, 59, 999);
  assert.equal(bucketStart(t, 'minute'), Date.UTC(2024, 1, 29, 23, 59));
  assert.equal(bucketStart(t, 'hour'), Date.UTC(2024, 1, 29, 23));
  assert.equal(bucketStart(t, 'day'), Date.UTC(2024, 1, 29));
  const midnight = Date.UTC(2024, 2, 1);
  assert.equal(bucketStart(midnight, 'day'), midnight);
  assert.equal(bucketStart(midnight - 1, 'day'), Date.UTC(2024, 1, 29));
});
