import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, DEFAULT_BACKOFF, retryDelayMs } from './retry-backoff.js';

const policy = { baseMs: 1000, capMs: 10_000, maxRetryAfterMs: 60_000 };

test('the delay ceiling doubles per attempt up to the cap, and the jitter spans all of it', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, policy, 0.999_999)), [999, 1999, 3999, 7999, 9999, 9999]);
  assert.deepEqual([1, 2, 5].map((a) => retryDelayMs(a, policy, 0)), [0, 0, 0]);
  assert.equal(retryDelayMs(3, policy, 0.5), 2000);
  assert.equal(retryDelayMs(500, DEFAULT_BACKOFF, 0.5), DEFAULT_BACKOFF.capMs / 2, 'huge attempt numbers stay finite');
});

test('Retry-After wins over the backoff, bounded', () => {
  assert.equal(retryDelayMs(1, policy, 0.9, 30_000), 30_000);
  assert.equal(retryDelayMs(1, policy, 0.9, 3_600_000), 60_000);
  assert.equal(retryDelayMs(1, policy, 0.5, 0), 0);
  assert.equal(retryDelayMs(2, policy, 0.5, Number.NaN), 1000, 'an unreadable Retry-After falls back to the backoff');
});

test('a delivery dies after its last attempt or a permanent failure', () => {
  assert.equal(afterFailure(1, 3, false), 'retry');
  assert.equal(afterFailure(3, 3, false), 'dead');
  assert.equal(afterFailure(1, 3, true), 'dead');
});
