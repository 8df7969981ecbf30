// Results, rollups and events of a monitor, read through the API from rows
// written with the engine's own store functions.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { addResult, emptyRollup, encodeHistogram } from '../../../domain/latency-histogram.js';
import { ManualClock } from '../../../lib/clock.js';
import { insertMonitorEvents, insertResults, upsertRollups } from '../../../store/monitor-engine.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

const T0 = Date.parse('2026-04-01T00:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

for (const dialect of DIALECTS) {
  describe(`monitor results, rollups and events on ${dialect}`, () => {
    const clock = new ManualClock(new Date(T0 + 2 * HOUR));
    const api = useTestApi(dialect, { clock });
    let id: string;
    let other: string;
    before(async () => {
      id = (await api.request('POST', '/api/v1/monitors', { body: { type: 'http', name: 'Site', url: 'https://a.test/' } })).body.id;
      other = (await api.request('POST', '/api/v1/monitors', { body: { type: 'http', name: 'Other', url: 'https://b.test/' } })).body.id;
      const db = api.database.db;
      await insertResults(db, [
        { monitor_id: id, checked_at: T0, ok: 1, latency_ms: 120, reason: null, detail_json: JSON.stringify({ status_code: 200 }) },
        { monitor_id: id, checked_at: T0 + MIN, ok: 0, latency_ms: 3000, reason: 'HTTP 503', detail_json: JSON.stringify({ status_code: 503 }) },
        { monitor_id: id, checked_at: T0 + 2 * MIN, ok: 0, latency_ms: null, reason: 'connection refused', detail_json: null },
        { monitor_id: other, checked_at: T0 + 3 * MIN, ok: 1, latency_ms: 5, reason: null, detail_json: null },
      ]);
      let minute = emptyRollup();
      for (let i = 1; i <= 100; i++) minute = addResult(minute, { ok: i !== 50, latency_ms: i });
      const row = (bucket: number, r: typeof minute, resolution = 'minute') => ({
        monitor_id: id, resolution, bucket_start: bucket, checks: r.checks, failures: r.failures, latency_min: r.latency_min,
        latency_max: r.latency_max, latency_sum: r.latency_sum, latency_count: r.latency_count, histogram: encodeHistogram(r.histogram),
      });
      await upsertRollups(db, [
        row(T0, minute),
        row(T0 + MIN, addResult(emptyRollup(), { ok: false, latency_ms: null })),
        row(T0 + 2 * MIN, emptyRollup()),
        row(T0, minute, 'hour'),
      ]);
      await insertMonitorEvents(db, [
        { monitor_id: id, at: new Date(T0 + MIN).toISOString(), kind: 'down', reason: 'HTTP 503', incident_id: null },
        { monitor_id: id, at: new Date(T0 + 5 * MIN).toISOString(), kind: 'up', reason: null, incident_id: null },
      ]);
    });

    test('results come newest first with ISO times and parsed detail, within since/until and limit', async () => {
      const all = await api.request('GET', `/api/v1/monitors/${id}/results`, { key: 'read' });
      assert.equal(all.status, 200);
      assert.deepEqual(all.body, [
        { checked_at: '2026-04-01T00:02:00.000Z', ok: false, latency_ms: null, reason: 'connection refused', detail: null },
        { checked_at: '2026-04-01T00:01:00.000Z', ok: false, latency_ms: 3000, reason: 'HTTP 503', detail: { status_code: 503 } },
        { checked_at: '2026-04-01T00:00:00.000Z', ok: true, latency_ms: 120, reason: null, detail: { status_code: 200 } },
      ]);
      const times = async (q: string) => (await api.request('GET', `/api/v1/monitors/${id}/results?${q}`)).body.map((r: { checked_at: string }) => r.checked_at);
      assert.deepEqual(await times('limit=1'), ['2026-04-01T00:02:00.000Z']);
      assert.deepEqual(await times('since=2026-04-01T00:01:00Z'), ['2026-04-01T00:02:00.000Z', '2026-04-01T00:01:00.000Z']);
      assert.deepEqual(await times('until=2026-04-01T00:01:00Z'), ['2026-04-01T00:00:00.000Z']);
      assert.deepEqual(await times('since=2026-04-01T02:00:00%2B02:00&until=2026-04-01T00:02:00Z'), ['2026-04-01T00:01:00.000Z', '2026-04-01T00:00:00.000Z']);
    });

    test('the monitor shows its newest result', async () => {
      const m = await api.request('GET', `/api/v1/monitors/${id}`);
      assert.deepEqual(m.body.last_result, { checked_at: '2026-04-01T00:02:00.000Z', ok: false, latency_ms: null, reason: 'connection refused' });
      const list = await api.request('GET', '/api/v1/monitors');
      const byId = new Map(list.body.map((x: { id: string; last_result: unknown }) => [x.id, x.last_result]));
      assert.deepEqual(byId.get(other), { checked_at: '2026-04-01T00:03:00.000Z', ok: true, latency_ms: 5, reason: null });
    });

    test('rollups come oldest first with uptime, average and percentiles from the histogram', async () => {
      const res = await api.request('GET', `/api/v1/monitors/${id}/rollups?resolution=minute`, { key: 'read' });
      assert.equal(res.status, 200);
      const [first, second, third] = res.body;
      assert.equal(res.body.length, 3);
      assert.equal(first.bucket_start, '2026-04-01T00:00:00.000Z');
      assert.deepEqual([first.checks, first.failures, first.uptime_percent], [100, 1, 99]);
      assert.deepEqual([first.latency_min_ms, first.latency_max_ms, first.latency_avg_ms], [1, 100, 50.5]);
      // Percentiles are bucket upper bounds: never below the true value, at most 8% above it.
      for (const [p, exact] of [[first.latency_p50_ms, 50], [first.latency_p95_ms, 95], [first.latency_p99_ms, 99]] as const) {
        assert.ok(p >= exact && p <= exact * 1.08, `${p} for ${exact}`);
      }
      assert.deepEqual(second, {
        bucket_start: '2026-04-01T00:01:00.000Z', checks: 1, failures: 1, uptime_percent: 0, latency_min_ms: null, latency_max_ms: null,
        latency_avg_ms: null, latency_p50_ms: null, latency_p95_ms: null, latency_p99_ms: null,
      });
      assert.equal(third.uptime_percent, null);

      const hours = await api.request('GET', `/api/v1/monitors/${id}/rollups`);
      assert.deepEqual(hours.body.map((r: { bucket_start: string; checks: number }) => [r.bucket_start, r.checks]), [['2026-04-01T00:00:00.000Z', 100]]);
      const windowed = await api.request('GET', `/api/v1/monitors/${id}/rollups?resolution=minute&since=2026-04-01T00:01:00Z&until=2026-04-01T00:02:00Z`);
      assert.deepEqual(windowed.body.map((r: { bucket_start: string }) => r.bucket_start), ['2026-04-01T00:01:00.000Z']);
      const limited = await api.request('GET', `/api/v1/monitors/${id}/rollups?resolution=minute&limit=2`);
      assert.equal(limited.body.length, 2);
      // The default window ends now: a day of minutes from two hours after T0 still holds them; the day before does not.
      const old = await api.request('GET', `/api/v1/monitors/${id}/rollups?resolution=minute&until=2026-03-31T00:00:00Z`);
      assert.deepEqual(old.body, []);
    });

    test('events come newest first', async () => {
      const res = await api.request('GET', `/api/v1/monitors/${id}/events`, { key: 'read' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.map((e: Record<string, unknown>) => [e.at, e.kind, e.reason, e.incident_id]), [
        ['2026-04-01T00:05:00.000Z', 'up', null, null],
        ['2026-04-01T00:01:00.000Z', 'down', 'HTTP 503', null],
      ]);
      assert.ok(res.body.every((e: { id: unknown }) => Number.isInteger(e.id)));
      assert.equal((await api.request('GET', `/api/v1/monitors/${id}/events?limit=1`)).body.length, 1);
    });

    test('deleting a monitor removes its results, rollups and events', async () => {
      assert.equal((await api.request('DELETE', `/api/v1/monitors/${id}`)).status, 204);
      const db = api.database.db;
      for (const table of ['monitor_results', 'monitor_rollups', 'monitor_events'] as const) {
        const rows = await db.selectFrom(table).select('monitor_id').where('monitor_id', '=', id).execute();
        assert.equal(rows.length, 0, table);
      }
      assert.equal((await db.selectFrom('monitor_results').select('monitor_id').where('monitor_id', '=', other).execute()).length, 1);
    });
  });
}
