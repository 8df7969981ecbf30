import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, incidentDurationMs } from './duration.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

test('minutes only under one hour, floored', () => {
  assert.equal(formatDuration(47 * MIN), '47m');
  assert.equal(formatDuration(47 * MIN + 59_999), '47m');
  assert.equal(formatDuration(MIN), '1m');
  assert.equal(formatDuration(59 * MIN + 59_999), '59m');
});

test('under one minute', () => {
  assert.equal(formatDuration(0), 'under 1m');
  assert.equal(formatDuration(59_999), 'under 1m');
});

test('hours and minutes from one hour', () => {
  assert.equal(formatDuration(2 * HOUR + 49 * MIN), '2h 49m');
  assert.equal(formatDuration(HOUR), '1h');
  assert.equal(formatDuration(2 * HOUR + 30_000), '2h');
  assert.equal(formatDuration(23 * HOUR + 59 * MIN + 59_999), '23h 59m');
});

test('days and hours from one day; minutes dropped', () => {
  assert.equal(formatDuration(3 * DAY + 4 * HOUR), '3d 4h');
  assert.equal(formatDuration(3 * DAY + 4 * HOUR + 59 * MIN), '3d 4h');
  assert.equal(formatDuration(3 * DAY), '3d');
  assert.equal(formatDuration(DAY + 59 * MIN), '1d');
  assert.equal(formatDuration(400 * DAY + 1 * HOUR), '400d 1h');
});

test('negative and non-finite count as zero', () => {
  assert.equal(formatDuration(-5 * HOUR), 'under 1m');
  assert.equal(formatDuration(Number.NaN), 'under 1m');
  assert.equal(formatDuration(Number.NEGATIVE_INFINITY), 'under 1m');
});

test('seed 000: impact began before the first post, lasting 2h 49m', () => {
  const ms = incidentDurationMs('2021-03-30T07:05:00.000Z', '2021-03-30T09:54:00.000Z', '2021-04-01T00:00:00.000Z');
  assert.equal(ms, 2 * HOUR + 49 * MIN);
  assert.equal(formatDuration(ms), '2h 49m');
});

test('unresolved incidents run until now', () => {
  assert.equal(incidentDurationMs('2021-02-01T16:09:00.000Z', null, '2021-02-01T16:56:00.000Z'), 47 * MIN);
});

test('resolved_at wins over now even when now is earlier (replayed data)', () => {
  assert.equal(incidentDurationMs('2021-02-01T16:09:00.000Z', '2021-02-01T16:56:00.000Z', '2021-02-01T16:10:00.000Z'), 47 * MIN);
});

test('started_at after the end clamps to zero', () => {
  assert.equal(incidentDurationMs('2021-02-01T17:00:00.000Z', '2021-02-01T16:56:00.000Z', '2021-02-02T00:00:00.000Z'), 0);
  assert.equal(incidentDurationMs('2021-02-01T17:00:00.000Z', null, '2021-02-01T16:00:00.000Z'), 0);
});

test('invalid timestamps throw RangeError naming the field', () => {
  assert.throws(() => incidentDurationMs('nope', null, '2021-02-01T16:00:00.000Z'), /started_at/);
  assert.throws(() => incidentDurationMs('2021-02-01T16:00:00.000Z', 'x', '2021-02-01T16:00:00.000Z'), /resolved_at/);
});
