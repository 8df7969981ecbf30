import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MS_PER_DAY, round2, startOfUtcDay, toEpochMs, utcDateString } from './time.js';

test('toEpochMs parses ISO-8601 UTC timestamps', () => {
  assert.equal(toEpochMs('2021-03-30T07:38:00.000Z'), Date.UTC(2021, 2, 30, 7, 38));
  assert.equal(toEpochMs('2021-03-30T09:38:00+02:00'), Date.UTC(2021, 2, 30, 7, 38));
});

test('toEpochMs rejects garbage with the field name', () => {
  assert.throws(() => toEpochMs('not a date', 'started_at'), { name: 'RangeError', message: /started_at/ });
  assert.throws(() => toEpochMs(''), RangeError);
});

test('startOfUtcDay and utcDateString work on UTC days', () => {
  const ms = toEpochMs('2021-03-30T23:59:59.999Z');
  assert.equal(startOfUtcDay(ms), toEpochMs('2021-03-30T00:00:00.000Z'));
  assert.equal(utcDateString(ms), '2021-03-30');
  assert.equal(utcDateString(ms + 1), '2021-03-31');
  assert.equal(startOfUtcDay(ms + 1), toEpochMs('2021-03-30T00:00:00.000Z') + MS_PER_DAY);
});

test('round2 rounds half up to two decimals', () => {
  assert.equal(round2(96.666666), 96.67);
  assert.equal(round2(1.005), 1.01);
  assert.equal(round2(0), 0);
  assert.equal(round2(100), 100);
  assert.equal(round2(-1.005), -1.01);
});
