import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dailyUptime, type StatusChange } from '../../domain/uptime.js';
import { memoDailyUptime } from './uptimeMemo.js';

const HISTORIES: Record<string, StatusChange[]> = {
  none: [],
  'operational all along': [{ status: 'operational', at: '2020-01-01T00:00:00.000Z' }],
  'created mid-range': [{ status: 'operational', at: '2021-02-10T13:17:00.000Z' }],
  'outages, one across midnight and one today': [
    { status: 'operational', at: '2020-01-01T00:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-30T23:10:00.000Z' },
    { status: 'partial_outage', at: '2021-03-31T01:00:00.000Z' },
    { status: 'degraded_performance', at: '2021-03-31T02:30:00.000Z' },
    { status: 'under_maintenance', at: '2021-03-31T03:00:00.000Z' },
    { status: 'operational', at: '2021-03-31T05:00:00.000Z' },
    { status: 'major_outage', at: '2021-04-01T09:00:00.000Z' },
    { status: 'operational', at: '2021-04-01T09:45:00.000Z' },
  ],
  'down since yesterday': [
    { status: 'operational', at: '2020-01-01T00:00:00.000Z' },
    { status: 'major_outage', at: '2021-03-31T20:00:00.000Z' },
  ],
};

describe('memoised daily uptime', () => {
  for (const [name, history] of Object.entries(HISTORIES)) {
    test(`${name}: the same days as dailyUptime, whether computed or remembered`, () => {
      for (const now of ['2021-04-01T00:00:00.000Z', '2021-04-01T10:00:00.000Z', '2021-04-01T12:34:56.789Z', '2021-04-02T00:00:30.000Z']) {
        const expected = dailyUptime(history, { days: 90, now });
        assert.deepEqual(memoDailyUptime(history, 90, now), expected, `first call at ${now}`);
        assert.deepEqual(memoDailyUptime(history, 90, now), expected, `remembered at ${now}`);
      }
    });
  }

  test('a history that changes is not confused with the one before', () => {
    const before = HISTORIES['operational all along']!;
    const now = '2021-04-01T12:00:00.000Z';
    memoDailyUptime(before, 90, now);
    const after = [...before, { status: 'major_outage' as const, at: '2021-03-20T10:00:00.000Z' }, { status: 'operational' as const, at: '2021-03-20T11:00:00.000Z' }];
    assert.deepEqual(memoDailyUptime(after, 90, now), dailyUptime(after, { days: 90, now }));
  });

  test('odd lengths are passed through', () => {
    const history = HISTORIES['operational all along']!;
    for (const days of [0, 1, 2, 7.5]) assert.deepEqual(memoDailyUptime(history, days, '2021-04-01T12:00:00.000Z'), dailyUptime(history, { days, now: '2021-04-01T12:00:00.000Z' }));
  });
});
