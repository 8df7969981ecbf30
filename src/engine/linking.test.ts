// End to end through the API: monitors checked on demand (run-now) against a
// real HTTP server on loopback drive their component, open, update and resolve
// incidents, group a storm into one incident and stay quiet during maintenance.
// What the public sees is read from the Statuspage-compatible v2 API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../lib/clock.js';
import { openPendingIncidents } from '../services/engine/openPendingIncidents.js';
import { resolveRecoveredIncidents } from '../services/engine/resolveRecoveredIncidents.js';
import { loadPublicModel } from '../services/public/loadPublicModel.js';
import { upsertRollups } from '../store/monitor-engine.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { startSwitchableTarget } from '../test/switchable-target.test-support.js';
import { useTestApi, type TestApi } from '../test/api-harness.test-support.js';
import { createMonitor, run, waitUntil } from './monitor-steps.test-support.js';

async function publicComponent(api: TestApi, id: string): Promise<string | undefined> {
  const summary = await api.request<{ components: { id: string; status: string }[] }>('GET', '/api/v2/summary.json', { key: null });
  return summary.body.components.find((c) => c.id === id)?.status;
}

async function unresolved(api: TestApi) {
  return (await api.request<{ incidents: any[] }>('GET', '/api/v2/incidents/unresolved.json', { key: null })).body.incidents;
}

for (const dialect of DIALECTS) {
  describe(`monitors drive the status page on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const policy = { groupWaitMs: 150, storm: { threshold: 5, window_ms: 120_000 } };
    const api = useTestApi(dialect, { clock, engine: policy });
    const target = startSwitchableTarget();
    before(() => target.listen());
    after(() => target.close());

    test('DOWN after N failures sets the component, opens an incident, recovers to monitoring and resolves after the quiet period', async () => {
      const component = await api.createComponent('Checkout');
      const id = await createMonitor(api, {
        name: 'Checkout API',
        url: target.url('/checkout'),
        component_id: component,
        auto_incident: true,
        down_after: 3,
        up_after: 2,
        resolve_after_seconds: 300,
      });
      assert.equal((await run(api, id)).state, 'pending', 'one pass is not yet a verdict');
      assert.equal((await run(api, id)).state, 'up', 'two passes: up');

      target.failing.add('/checkout');
      const first = await run(api, id, 2);
      assert.equal(first.ok, false);
      assert.match(first.reason, /expected status .*got 503/);
      assert.equal(first.state, 'up', 'two failures are not yet DOWN');
      assert.equal(await api.componentStatus(component), 'operational');

      clock.advance(20_000);
      assert.equal((await run(api, id)).state, 'down');
      assert.equal(await api.componentStatus(component), 'major_outage');
      await waitUntil('the component on the public API', async () => (await publicComponent(api, component)) === 'major_outage');
      const incident = await waitUntil('the incident', async () => (await unresolved(api)).find((i) => i.name === 'Checkout API is down'));
      assert.equal(incident.status, 'investigating');
      assert.equal(incident.impact, 'major');
      assert.match(incident.incident_updates[0].body, /Checkout API is not responding: HTTP 503\. We are investigating\./);
      assert.deepEqual(incident.components.map((c: { id: string }) => c.id), [component]);

      target.failing.delete('/checkout');
      clock.advance(60_000);
      await run(api, id, 2);
      assert.equal(await api.componentStatus(component), 'operational');
      const recovering = await waitUntil('monitoring', async () => (await unresolved(api)).find((i) => i.id === incident.id && i.status === 'monitoring'));
      assert.match(recovering.incident_updates[0].body, /has recovered after 1m/);

      assert.equal(await resolveRecoveredIncidents(api.ctx), 0, 'the quiet period has not passed');
      clock.advance(301_000);
      assert.equal(await resolveRecoveredIncidents(api.ctx), 1);
      await waitUntil('resolution', async () => !(await unresolved(api)).some((i) => i.id === incident.id));
      const events = await api.request<any[]>('GET', `/api/v1/monitors/${id}/events`);
      assert.deepEqual(events.body.map((e) => e.kind).reverse(), ['up', 'down', 'up']);
    });

    test('a flapping target does not reopen incidents on every recovery', async () => {
      const id = await createMonitor(api, { name: 'Flappy', url: target.url('/flappy'), down_after: 1, up_after: 1, auto_incident: false });
      const states: string[] = [];
      for (let i = 0; i < 12; i++) {
        if (i % 2 === 0) target.failing.add('/flappy');
        else target.failing.delete('/flappy');
        clock.advance(30_000);
        states.push((await run(api, id)).state);
      }
      const events = (await api.request<any[]>('GET', `/api/v1/monitors/${id}/events`)).body.map((e) => e.kind).reverse();
      assert.ok(events.includes('flapping'), events.join(','));
      // Held DOWN while flapping: far fewer state changes than the 12 alternating results.
      assert.ok(events.filter((k) => k === 'up' || k === 'down').length <= 5, events.join(','));
      assert.equal(states.at(-1), 'down');
    });

    test('a storm of monitors going down together becomes one incident naming the shared host', async () => {
      const before = (await unresolved(api)).length;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const component = await api.createComponent(`Shard ${i}`);
        ids.push(await createMonitor(api, { name: `Shard ${i}`, url: target.url(`/shard/${i}`), component_id: component, auto_incident: true, down_after: 1 }));
        target.failing.add(`/shard/${i}`);
      }
      for (const id of ids.slice(0, 5)) await run(api, id);
      const storm = await waitUntil('the storm incident', async () => (await unresolved(api)).find((i) => /^5 monitors are down on host 127\.0\.0\.1/.test(i.name)));
      assert.equal((await unresolved(api)).length, before + 1, 'one incident, not five');
      assert.match(storm.incident_updates[0].body, /Shard 0[\s\S]*Shard 4/);
      assert.equal(storm.components.length, 5);

      clock.advance(5000);
      await run(api, ids[5]!);
      const joined = await waitUntil('the sixth joining', async () => (await unresolved(api)).find((i) => i.id === storm.id && i.incident_updates.length === 2));
      assert.match(joined.incident_updates[0].body, /Shard 5 is down too/);
      assert.equal((await unresolved(api)).length, before + 1);
    });

    test('a maintenance in progress suppresses component changes and incidents', async () => {
      const component = await api.createComponent('Database');
      const now = clock.now().getTime();
      const maintenance = await api.request('POST', '/api/v1/maintenances', {
        body: {
          name: 'Database upgrade',
          scheduled_for: new Date(now - 60_000).toISOString(),
          scheduled_until: new Date(now + 3_600_000).toISOString(),
          component_ids: [component],
        },
      });
      assert.equal(maintenance.status, 201, JSON.stringify(maintenance.body));
      const id = await createMonitor(api, { name: 'Database', url: target.url('/db'), component_id: component, auto_incident: true, down_after: 1 });
      target.failing.add('/db');
      const before = (await unresolved(api)).length;
      assert.equal((await run(api, id)).state, 'down');
      // Run-now returns once the transition is handled. The DOWN is not marked as waiting for an incident (the
      // mark is what the group-wait timer and the engine's sweeps act on)...
      const row = await api.database.db.selectFrom('monitors').select(['incident_pending_since', 'incident_id']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { incident_pending_since: null, incident_id: null });
      // ...so once the group wait is over, the sweep opens nothing for it.
      clock.advance(policy.groupWaitMs + 1000);
      assert.deepEqual(await openPendingIncidents(api.ctx, policy, { only: [id] }), []);
      assert.notEqual(await api.componentStatus(component), 'major_outage');
      assert.equal((await unresolved(api)).length, before);
      const kinds = (await api.request<any[]>('GET', `/api/v1/monitors/${id}/events`)).body.map((e) => e.kind);
      assert.ok(kinds.includes('suppressed'), kinds.join(','));
    });

    test('the uptime bars of a monitored component show the share of checks that passed', async () => {
      const component = await api.createComponent('Search');
      const id = await createMonitor(api, { name: 'Search', url: target.url('/search'), component_id: component });
      const today = Date.parse(clock.now().toISOString().slice(0, 10));
      const rollup = (resolution: string, bucket_start: number, checks: number, failures: number) =>
        ({ monitor_id: id, resolution, bucket_start, checks, failures, latency_min: 1, latency_max: 9, latency_sum: checks * 5, latency_count: checks, histogram: '' });
      await upsertRollups(api.database.db, [rollup('day', today - 86_400_000, 2880, 144), rollup('hour', today, 120, 0)]);
      const model = await loadPublicModel(api.ctx, { publicUrl: 'http://localhost' });
      const days = model.uptime[component]!;
      assert.equal(days.at(-2)!.uptime, 95, 'yesterday: 144 of 2880 checks failed');
      assert.equal(days.at(-1)!.uptime, 100, 'today so far, from hour rollups');
    });

    test('a heartbeat monitor fails when pings stop and when the job reports failure', async () => {
      const created = await api.request<{ id: string; ping_url: string }>('POST', '/api/v1/monitors', {
        body: { type: 'heartbeat', name: 'Nightly backup', interval_seconds: 3600, timeout_seconds: 5, grace_seconds: 600, down_after: 1, up_after: 1 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const path = new URL(created.body.ping_url).pathname;
      assert.equal((await api.request('POST', path, { key: null })).status, 200);
      assert.equal((await run(api, created.body.id)).state, 'up');

      clock.advance(3600_000 + 601_000);
      const late = await run(api, created.body.id);
      assert.equal(late.state, 'down');
      assert.match(late.reason, /no ping for/);

      // In the same millisecond as the last check's result: the ping must still count.
      assert.equal((await api.request('GET', path, { key: null })).status, 200);
      const back = await run(api, created.body.id);
      assert.equal(back.state, 'up', JSON.stringify(back));
      assert.equal((await api.request('GET', `${path}/fail`, { key: null })).status, 200);
      const failed = await run(api, created.body.id);
      assert.equal(failed.state, 'down');
      assert.match(failed.reason, /reported failure/);
    });
  });
}
