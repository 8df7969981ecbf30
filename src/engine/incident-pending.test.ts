// Restart-safe incident opening in process: a DOWN waiting for its storm group
// window is kept on the monitor row, so an engine that stops in the window
// (its timers gone) leaves nothing behind: the next engine opens exactly one
// incident, started at the first failing check, and groups storms from the
// database. Also: every incident update the engine posts has its own audit
// row, heartbeats are UP on their first ping, and the engine logs its changes.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { ManualClock, systemClock, type Clock } from '../lib/clock.js';
import { useTestApi, type TestApi } from '../test/api-harness.test-support.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { startSwitchableTarget } from '../test/switchable-target.test-support.js';
import type { EngineConfig } from './config.js';
import { MonitorEngine } from './engine.js';
import { waitUntil } from './monitor-steps.test-support.js';

/** A pino logger whose lines the test can read. */
function captureLogs() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines, messages: () => lines.filter((l) => l.level === 30).map((l) => l.msg) };
}

const STORM = { threshold: 3, window_ms: 120_000 };

for (const dialect of DIALECTS) {
  describe(`restart-safe monitor incidents on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    const target = startSwitchableTarget();
    before(() => target.listen());
    after(() => target.close());

    const engine = (config: Partial<EngineConfig>, options: { clock?: Clock; logger?: pino.Logger } = {}) =>
      new MonitorEngine({ db: api.database.db, clock: options.clock ?? clock, logger: options.logger ?? null, config: { storm: STORM, ...config } });

    async function httpMonitor(name: string, path: string, extra: Record<string, unknown> = {}) {
      const component = await api.createComponent(name);
      const res = await api.request<{ id: string }>('POST', '/api/v1/monitors', {
        body: { type: 'http', name, url: target.url(path), interval_seconds: 60, timeout_seconds: 5, component_id: component, auto_incident: true, down_after: 2, ...extra },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return { id: res.body.id, component };
    }

    const monitorRow = (id: string) => api.database.db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const incidentsOf = async (ids: readonly string[]) => {
      const rows = await api.database.db.selectFrom('incident_components').select('incident_id').where('component_id', 'in', [...ids]).execute();
      return [...new Set(rows.map((r) => r.incident_id))];
    };
    const incident = (id: string) => api.database.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('an engine stopped inside the group wait leaves the DOWN pending; the next engine opens exactly one incident, started at the first failure', async () => {
      clock.advance(10 * 60_000);
      const logs = captureLogs();
      const m = await httpMonitor('Billing API', '/billing');
      target.failing.add('/billing');
      const first = engine({ groupWaitMs: 60_000 }, { logger: logs.logger });
      const firstFailureAt = clock.now().toISOString();
      await first.runNow(m.id);
      clock.advance(20_000);
      assert.equal((await first.runNow(m.id)).state, 'down');
      const waiting = await monitorRow(m.id);
      assert.equal(waiting.incident_pending_since, clock.now().toISOString());
      assert.equal(waiting.failing_since, firstFailureAt);
      assert.equal(await api.componentStatus(m.component), 'major_outage');
      // Stopped (its timers dropped) inside the window: as a crash would.
      await first.stop();
      assert.deepEqual(await incidentsOf([m.component]), []);

      clock.advance(61_000);
      const second = engine({ groupWaitMs: 60_000, reloadIntervalMs: 50 }, { logger: logs.logger });
      await second.start();
      try {
        const [id] = await waitUntil('the incident', async () => {
          const ids = await incidentsOf([m.component]);
          return ids.length > 0 && ids;
        });
        // Several more sweeps: still exactly one.
        const swept = second.sweeps;
        await waitUntil('three more sweeps', async () => second.sweeps >= swept + 3);
        await second.settle();
        assert.deepEqual(await incidentsOf([m.component]), [id]);
        const opened = await incident(id!);
        assert.equal(opened.name, 'Billing API is down');
        assert.equal(opened.started_at, firstFailureAt, 'impact began with the first failing check');
        const row = await monitorRow(m.id);
        assert.equal(row.incident_id, id);
        assert.equal(row.incident_pending_since, null);
      } finally {
        await second.stop();
      }
      const messages = logs.messages();
      assert.ok(messages.some((msg) => /^monitor "Billing API" is down: expected status .*got 503/.test(msg)), messages.join('\n'));
      assert.ok(messages.some((msg) => /^opened incident "Billing API is down": monitor "Billing API" is down: expected status/.test(msg)), messages.join('\n'));
    });

    test('a storm whose engine stopped in the window becomes one storm incident from the database', async () => {
      // Far from the other tests' DOWNs: they are not part of this storm.
      clock.advance(10 * 60_000);
      const ms = [];
      for (let i = 0; i < 3; i++) ms.push(await httpMonitor(`Node ${i}`, `/node/${i}`, { down_after: 1 }));
      for (const m of ms) target.failing.add(`/node/${ms.indexOf(m)}`);
      const first = engine({ groupWaitMs: 60_000 });
      for (const m of ms) {
        await first.runNow(m.id);
        clock.advance(1000);
      }
      await first.stop();
      clock.advance(60_000);
      const second = engine({ groupWaitMs: 60_000, reloadIntervalMs: 50 });
      await second.start();
      try {
        const components = ms.map((m) => m.component);
        const ids = await waitUntil('the storm incident', async () => {
          const found = await incidentsOf(components);
          return found.length > 0 && found;
        });
        const swept = second.sweeps;
        await waitUntil('three more sweeps', async () => second.sweeps >= swept + 3);
        await second.settle();
        assert.deepEqual(await incidentsOf(components), ids, 'one incident for the storm');
        assert.match((await incident(ids[0]!)).name, /^3 monitors are down on host 127\.0\.0\.1/);
      } finally {
        await second.stop();
      }
    });

    test('every incident update the engine posts has its own audit row, folded incidents included', async () => {
      clock.advance(10 * 60_000);
      const logs = captureLogs();
      const linker = engine({ groupWaitMs: 50 }, { logger: logs.logger });
      try {
        const solo = await httpMonitor('Queue', '/queue', { down_after: 1, up_after: 1 });
        target.failing.add('/queue');
        await linker.runNow(solo.id);
        const [own] = await waitUntil('its own incident', async () => {
          const ids = await incidentsOf([solo.component]);
          return ids.length > 0 && ids;
        });
        // Recovers (an update: monitoring), then fails again (an update: investigating).
        target.failing.delete('/queue');
        clock.advance(10_000);
        await linker.runNow(solo.id);
        target.failing.add('/queue');
        clock.advance(10_000);
        await linker.runNow(solo.id);

        // A storm folds the incident Queue had opened: resolved with a pointer, audited as an update.
        clock.advance(1000);
        const others = [];
        for (let i = 0; i < 2; i++) others.push(await httpMonitor(`Worker ${i}`, `/worker/${i}`, { down_after: 1 }));
        for (let i = 0; i < 2; i++) target.failing.add(`/worker/${i}`);
        for (const m of others) await linker.runNow(m.id);
        await waitUntil('the storm', async () => (await monitorRow(solo.id)).incident_id !== own);
        await linker.settle();

        const updates = await api.database.db.selectFrom('incident_updates').select(['id', 'status']).where('incident_id', '=', own!).orderBy('display_at').execute();
        assert.deepEqual(updates.map((u) => u.status), ['investigating', 'monitoring', 'investigating', 'resolved'], 'opened, recovering, down again, folded into the storm');
        const audited = await api.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'incident_update.create').execute();
        const auditedIds = new Set(audited.map((a) => a.entity_id));
        // The first update is part of incident.create; each later one has its own row.
        for (const u of updates.slice(1)) assert.ok(auditedIds.has(u.id), `the ${u.status} update is audited`);
        const messages = logs.messages();
        assert.ok(messages.some((msg) => new RegExp(`^resolved incident ${own}: it continues in the storm incident "3 monitors are down`).test(msg)), messages.join('\n'));
        assert.ok(messages.some((msg) => msg === 'monitor "Queue" is up'), messages.join('\n'));
      } finally {
        await linker.stop();
      }
    });
  });

  describe(`heartbeats on ${dialect}`, () => {
    const api: TestApi = useTestApi(dialect);

    test('a heartbeat monitor is UP on its first ping, not at its next interval', async () => {
      const created = await api.request<{ id: string; ping_url: string }>('POST', '/api/v1/monitors', {
        body: { type: 'heartbeat', name: 'Hourly export', interval_seconds: 3600, timeout_seconds: 5, grace_seconds: 600 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const logs = captureLogs();
      const running = new MonitorEngine({ db: api.database.db, clock: systemClock, logger: logs.logger, config: { reloadIntervalMs: 50, flushIntervalMs: 50 } });
      await running.start();
      try {
        const state = async () => (await api.request<{ state: string }>('GET', `/api/v1/monitors/${created.body.id}`)).body.state;
        // Two rounds of the engine (each reloads changed monitors, looks for first pings, then sweeps): it knows the monitor.
        await waitUntil('two engine rounds', async () => running.sweeps >= 2);
        assert.equal(await state(), 'pending', 'no ping yet');
        assert.equal((await api.request('POST', new URL(created.body.ping_url).pathname, { key: null })).status, 200);
        await waitUntil('up after the first ping', async () => (await state()) === 'up', 5000);
        assert.ok(logs.messages().includes('monitor "Hourly export" is up'), logs.messages().join('\n'));
      } finally {
        await running.stop();
      }
    });
  });
}
