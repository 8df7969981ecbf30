import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashId, nextDueAt, phaseMs, retryDueAt } from './monitor-schedule.js';

/** Deterministic PRNG (mulberry32) so the simulations are the same on every run. */
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

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function ids(count: number, seed: number): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => Array.from({ length: 12 }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join(''));
}

const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);

test('hashId is a stable unsigned 32-bit value', () => {
  assert.equal(hashId('abc'), hashId('abc'));
  assert.notEqual(hashId('abc'), hashId('abd'));
  for (const id of ['', 'a', 'x'.repeat(500), 'été ✓']) {
    const h = hashId(id);
    assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32, `${id}: ${h}`);
  }
});

test('phase is stable, whole and within the interval', () => {
  for (const id of ids(1000, 1)) {
    const p = phaseMs(id, 30_000);
    assert.equal(p, phaseMs(id, 30_000));
    assert.ok(Number.isInteger(p) && p >= 0 && p < 30_000, `${id}: ${p}`);
  }
  assert.equal(phaseMs('anything', 1), 0);
});

for (const [label, list] of [
  ['random ids', ids(10_000, 7)],
  ['sequential ids', Array.from({ length: 10_000 }, (_, i) => `mon${String(i).padStart(9, '0')}`)],
] as const) {
  test(`10,000 ${label} spread over a 30 s interval: no 1 s bucket holds more than 2× the mean`, () => {
    const buckets = new Array<number>(30).fill(0);
    for (const id of list) buckets[Math.floor(phaseMs(id, 30_000) / 1000)]! += 1;
    const mean = list.length / 30;
    const max = Math.max(...buckets);
    const min = Math.min(...buckets);
    assert.ok(max <= 2 * mean, `fullest bucket ${max}, mean ${mean}`);
    assert.ok(min >= mean / 2, `emptiest bucket ${min}, mean ${mean}`);
  });
}

test('nextDueAt is the next grid point strictly after the given instant', () => {
  const id = 'k3j2h4g5f6d7';
  const interval = 60_000;
  const phase = phaseMs(id, interval);
  const onGrid = 28_000_000 * interval + phase;
  assert.equal(nextDueAt(id, interval, onGrid), onGrid + interval, 'strictly after');
  assert.equal(nextDueAt(id, interval, onGrid - 1), onGrid);
  assert.equal(nextDueAt(id, interval, onGrid + 1), onGrid + interval);
  assert.equal(nextDueAt(id, interval, onGrid - interval), onGrid);
  // A run that finished several intervals late skips the missed slots instead of bunching them.
  assert.equal(nextDueAt(id, interval, onGrid + 3.5 * interval), onGrid + 4 * interval);
});

test('10 hours of runs with random lateness stay on the grid: zero drift', () => {
  const rand = prng(42);
  for (const [id, interval] of [['a1b2c3d4e5f6', 30_000], ['zz9yy8xx7ww6', 60_000], ['q'.repeat(12), 10_000]] as const) {
    const phase = phaseMs(id, interval);
    const end = T0 + 10 * 3_600_000;
    let due = nextDueAt(id, interval, T0);
    let runs = 0;
    while (due < end) {
      assert.equal(((due - phase) % interval + interval) % interval, 0, `off grid at ${due}`);
      // Start late by up to 2 s, sometimes much later (a stalled event loop), and run for up to 5 s.
      const lateness = rand() < 0.02 ? rand() * 3 * interval : rand() * 2000;
      const finished = due + lateness + rand() * 5000;
      const next = nextDueAt(id, interval, finished);
      assert.ok(next > finished && next - finished <= interval);
      due = next;
      runs += 1;
    }
    // The last due time is exactly where the grid says, however late the runs were.
    assert.equal((due - phase) % interval, 0);
    assert.ok(runs > (0.8 * 10 * 3_600_000) / interval, `${runs} runs`);
  }
});

test('monitors on the same interval keep their relative offsets', () => {
  const [a, b] = ids(2, 3) as [string, string];
  const offset = (at: number) => nextDueAt(a, 30_000, at) - nextDueAt(b, 30_000, at);
  const first = phaseMs(a, 30_000) - phaseMs(b, 30_000);
  for (let at = T0; at < T0 + 3_600_000; at += 7_777) {
    assert.ok([first, first - 30_000, first + 30_000].includes(offset(at)));
  }
});

test('retryDueAt is the last run plus the retry interval', () => {
  assert.equal(retryDueAt(T0, 20_000), T0 + 20_000);
});

test('invalid intervals are programming errors', () => {
  assert.throws(() => phaseMs('x', 0), RangeError);
  assert.throws(() => nextDueAt('x', -5, T0), RangeError);
  assert.throws(() => nextDueAt('x', Number.NaN, T0), RangeError);
  assert.throws(() => retryDueAt(T0, Number.POSITIVE_INFINITY), RangeError);
});
