// Rollups and retention on real databases: raw results at known times become
// minute, hour and day rollups that agree with each other, a rerun changes
// nothing, and pruning keeps each resolution for its own time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import { openTestDatabase } from '../../test/databases.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { insertResults } from '../../store/monitor-engine.js';
import type { Database } from '../../store/database.js';
import type { ServiceContext } from '../context.js';
import { createMonitor } from '../monitors/createMonitor.js';
import { listMonitorRollups } from '../monitors/queries.js';
import { pruneMonitorData } from './pruneMonitorData.js';
import { rollUpResults } from './rollUpResults.js';
import { defaultMonitorGuard } from '../../outbound/guards.js';

const DAY0 = Date.parse('2026-04-01T00:00:00.000Z');

for (const dialect of DIALECTS) {
  describe(`monitor rollups and retention on ${dialect}`, () => {
    const clock = new ManualClock(new Date(DAY0));
    let database: Database;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    let monitorId: string;

    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'test' } };
      const monitor = await createMonitor(ctx, { type: 'http', name: 'api', url: 'http://127.0.0.1:9/' }, { publicUrl: 'http://localhost', outbound: defaultMonitorGuard() });
      monitorId = monitor.id;
      // Two full hours: a check every 30 s; latency i % 100 + 1 ms; every 10th check fails.
      const rows = [];
      for (let i = 0; i < 240; i++) {
        rows.push({ monitor_id: monitorId, checked_at: DAY0 + i * 30_000, ok: i % 10 === 0 ? 0 : 1, latency_ms: (i % 100) + 1, reason: i % 10 === 0 ? 'boom' : null, detail_json: null });
      }
      await insertResults(database.db, rows);
    });
    after(() => close());

    test('minutes, hours and days add up to the raw results', async () => {
      clock.set(new Date(DAY0 + 3 * 3_600_000));
      const done = await rollUpResults(ctx, { settleMs: 15_000, maxBucketsPerRun: 1000 });
      assert.equal(done.hour, 2, 'both complete hours');
      assert.equal(done.day, 0, 'the day is not over yet');
      const minutes = await listMonitorRollups(ctx, monitorId, { resolution: 'minute', since: new Date(DAY0).toISOString(), until: new Date(DAY0 + 3 * 3_600_000).toISOString(), limit: 1000 });
      assert.equal(minutes.length, 120);
      assert.ok(minutes.every((m) => m.checks === 2));
      const hours = await listMonitorRollups(ctx, monitorId, { resolution: 'hour', since: new Date(DAY0).toISOString(), until: new Date(DAY0 + 3 * 3_600_000).toISOString(), limit: 10 });
      assert.deepEqual(hours.map((h) => [h.checks, h.failures]), [[120, 12], [120, 12]]);
      assert.equal(hours[0]!.uptime_percent, 90);
      assert.equal(hours[0]!.latency_min_ms, 1);
      assert.equal(hours[0]!.latency_max_ms, 100);
      // Latencies 1..100 ms and 1..20 ms again: the true median is 40 ms; the histogram is within one 8% bucket.
      assert.ok(Math.abs(hours[0]!.latency_p50_ms! - 40) <= 40 * 0.08, String(hours[0]!.latency_p50_ms));

      assert.deepEqual(await rollUpResults(ctx), { minute: 0, hour: 0, day: 0 }, 'a rerun finds nothing new');
      clock.set(new Date(DAY0 + 86_400_000 + 60_000));
      const later = await rollUpResults(ctx, { settleMs: 15_000, maxBucketsPerRun: 5000 });
      assert.equal(later.day, 1);
      const days = await listMonitorRollups(ctx, monitorId, { resolution: 'day', since: new Date(DAY0).toISOString(), until: new Date(DAY0 + 2 * 86_400_000).toISOString(), limit: 10 });
      assert.deepEqual(days.map((d) => [d.checks, d.failures]), [[240, 24]]);
    });

    test('pruning keeps raw results for their retention and rollups longer', async () => {
      clock.set(new Date(DAY0 + 31 * 86_400_000));
      const deleted = await pruneMonitorData(ctx, { results_days: 30, minute_days: 45, hour_days: 400, day_days: 1825 });
      assert.equal(deleted, 240);
      const raw = await database.db.selectFrom('monitor_results').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(raw.n), 0);
      const left = await database.db.selectFrom('monitor_rollups').select(['resolution']).execute();
      assert.equal(left.filter((r) => r.resolution === 'minute').length, 120);
      clock.set(new Date(DAY0 + 46 * 86_400_000));
      await pruneMonitorData(ctx, { results_days: 30, minute_days: 45, hour_days: 400, day_days: 1825 });
      const after = await database.db.selectFrom('monitor_rollups').select(['resolution']).execute();
      assert.deepEqual([...new Set(after.map((r) => r.resolution))].sort(), ['day', 'hour']);
    });
  });
}
