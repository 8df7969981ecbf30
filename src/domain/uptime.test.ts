import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { round2 } from './time.js';
import { dailyUptime, uptimeOverPeriod, withMonitorChecks, type DayUptime, type StatusChange } from './uptime.js';

const FULL_DAY = 1440;

function day(list: DayUptime[], date: string): DayUptime {
  const d = list.find((x) => x.date === date);
  assert.ok(d, `no entry for ${date}`);
  return d;
}

test('returns `days` UTC days ending today, oldest first', () => {
  const out = dailyUptime([], { days: 3, now: '2021-03-30T07:38:00.000Z' });
  assert.deepEqual(out.map((d) => d.date), ['2021-03-28', '2021-03-29', '2021-03-30']);
  assert.equal(dailyUptime([], { days: 90, now: '2021-03-30T07:38:00.000Z' }).length, 90);
  assert.deepEqual(dailyUptime([], { days: 0, now: '2021-03-30T07:38:00.000Z' }), []);
});

test('days crossing a month and year boundary', () => {
  const out = dailyUptime([], { days: 3, now: '2021-01-01T00:00:01.000Z' });
  assert.deepEqual(out.map((d) => d.date), ['2020-12-30', '2020-12-31', '2021-01-01']);
});

test('no history means no data on every day', () => {
  for (const d of dailyUptime([], { days: 5, now: '2021-03-30T07:38:00.000Z' })) {
    assert.equal(d.uptime, null);
    assert.equal(d.covered_minutes, 0);
    assert.equal(d.downtime_minutes, 0);
  }
});

test('a full operational day is 100%', () => {
  const h: StatusChange[] = [{ status: 'operational', at: '2021-01-01T00:00:00.000Z' }];
  const d = day(dailyUptime(h, { days: 3, now: '2021-03-30T12:00:00.000Z' }), '2021-03-29');
  assert.deepEqual(d, {
    date: '2021-03-29', uptime: 100, major_outage_minutes: 0, partial_outage_minutes: 0,
    degraded_minutes: 0, maintenance_minutes: 0, downtime_minutes: 0, covered_minutes: FULL_DAY,
  });
});

test('one day split across partial (60 min) and major (30 min): downtime 48 min, 96.67%', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-01T00:00:00.000Z' },
    { status: 'partial_outage', at: '2021-03-29T10:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-29T11:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T11:30:00.000Z' },
  ];
  const d = day(dailyUptime(h, { days: 2, now: '2021-03-30T06:00:00.000Z' }), '2021-03-29');
  assert.equal(d.partial_outage_minutes, 60);
  assert.equal(d.major_outage_minutes, 30);
  assert.equal(d.downtime_minutes, 48);
  assert.equal(d.uptime, 96.67);
  assert.equal(d.covered_minutes, FULL_DAY);
});

test('degraded and maintenance are reported but are not downtime', () => {
  const h: StatusChange[] = [
    { status: 'degraded_performance', at: '2021-03-29T00:00:00.000Z' },
    { status: 'under_maintenance', at: '2021-03-29T02:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T03:30:00.000Z' },
  ];
  const d = day(dailyUptime(h, { days: 2, now: '2021-03-30T06:00:00.000Z' }), '2021-03-29');
  assert.equal(d.degraded_minutes, 120);
  assert.equal(d.maintenance_minutes, 90);
  assert.equal(d.downtime_minutes, 0);
  assert.equal(d.uptime, 100);
});

test('a major outage crossing midnight is split between both days', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-01T00:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-28T23:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T01:00:00.000Z' },
  ];
  const out = dailyUptime(h, { days: 3, now: '2021-03-30T12:00:00.000Z' });
  assert.equal(day(out, '2021-03-28').major_outage_minutes, 60);
  assert.equal(day(out, '2021-03-29').major_outage_minutes, 60);
  assert.equal(day(out, '2021-03-28').uptime, 95.83);
  assert.equal(day(out, '2021-03-30').uptime, 100);
});

test('an outage spanning several whole days', () => {
  const h: StatusChange[] = [{ status: 'partial_outage', at: '2021-03-27T12:00:00.000Z' }];
  const out = dailyUptime(h, { days: 4, now: '2021-03-30T12:00:00.000Z' });
  assert.deepEqual(out.map((d) => d.uptime), [70, 70, 70, 70]);
  assert.deepEqual(out.map((d) => d.covered_minutes), [720, FULL_DAY, FULL_DAY, 720]);
  assert.deepEqual(out.map((d) => d.downtime_minutes), [216, 432, 432, 216]);
});

test('today is counted only up to now', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-01T00:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-30T11:00:00.000Z' },
  ];
  const today = day(dailyUptime(h, { days: 1, now: '2021-03-30T12:00:00.000Z' }), '2021-03-30');
  assert.equal(today.covered_minutes, 720);
  assert.equal(today.major_outage_minutes, 60);
  assert.equal(today.uptime, 91.67);
});

test('changes after now are ignored', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-30T00:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-30T18:00:00.000Z' },
  ];
  const today = day(dailyUptime(h, { days: 1, now: '2021-03-30T12:00:00.000Z' }), '2021-03-30');
  assert.equal(today.uptime, 100);
  assert.equal(today.major_outage_minutes, 0);
});

test('time before the first entry is no data; a partly covered day uses its covered minutes', () => {
  const h: StatusChange[] = [
    { status: 'partial_outage', at: '2021-03-29T18:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T20:00:00.000Z' },
  ];
  const out = dailyUptime(h, { days: 3, now: '2021-03-30T06:00:00.000Z' });
  assert.equal(day(out, '2021-03-28').uptime, null);
  const partly = day(out, '2021-03-29');
  assert.equal(partly.covered_minutes, 360);
  assert.equal(partly.downtime_minutes, 36);
  assert.equal(partly.uptime, 90);
});

test('fractional minutes are kept and reported to 2 decimals', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-29T00:00:00.000Z' },
    { status: 'partial_outage', at: '2021-03-29T10:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T10:01:30.000Z' },
  ];
  const d = day(dailyUptime(h, { days: 2, now: '2021-03-30T06:00:00.000Z' }), '2021-03-29');
  assert.equal(d.partial_outage_minutes, 1.5);
  assert.equal(d.downtime_minutes, 0.45);
  assert.equal(d.uptime, 99.97);
});

test('unsorted history is sorted before use', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-29T11:30:00.000Z' },
    { status: 'major_outage', at: '2021-03-29T11:00:00.000Z' },
    { status: 'operational', at: '2021-03-29T00:00:00.000Z' },
  ];
  assert.equal(day(dailyUptime(h, { days: 2, now: '2021-03-30T00:00:00.000Z' }), '2021-03-29').major_outage_minutes, 30);
});

test('uptimeOverPeriod weights by covered minutes and skips no-data days', () => {
  const h: StatusChange[] = [
    { status: 'operational', at: '2021-03-29T12:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-30T00:00:00.000Z' },
    { status: 'operational', at: '2021-03-30T01:12:00.000Z' },
  ];
  const out = dailyUptime(h, { days: 5, now: '2021-03-31T00:00:00.000Z' });
  // covered: 720 + 1440 + 0 (today at 00:00) = 2160; downtime 72 → 96.67%
  assert.equal(uptimeOverPeriod(out), 96.67);
  assert.equal(uptimeOverPeriod([]), null);
  assert.equal(uptimeOverPeriod(dailyUptime([], { days: 3, now: '2021-03-31T00:00:00.000Z' })), null);
});

test('invalid timestamps throw', () => {
  assert.throws(() => dailyUptime([{ status: 'operational', at: 'yesterday' }], { days: 1, now: '2021-03-30T00:00:00.000Z' }), RangeError);
  assert.throws(() => dailyUptime([], { days: 1, now: 'now' }), RangeError);
});

describe('uptime measured by monitors', () => {
  const days = dailyUptime([{ status: 'operational', at: '2026-01-01T00:00:00Z' }], { days: 3, now: '2026-01-03T12:00:00Z' });

  test('replaces the days monitors checked with their pass rate, and weighs them by covered minutes', () => {
    const measured = withMonitorChecks(days, new Map([['2026-01-02', { checks: 2880, failures: 144 }]]));
    assert.equal(measured[1]!.uptime, 95);
    assert.equal(measured[1]!.downtime_minutes, 72);
    assert.deepEqual([measured[0], measured[2]], [days[0], days[2]], 'days without checks keep the status history');
    assert.equal(uptimeOverPeriod(measured), round2((100 * (1440 + 1440 + 720 - 72)) / (1440 + 1440 + 720)));
  });
});
