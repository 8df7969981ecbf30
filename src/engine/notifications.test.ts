// What responders hear from the monitoring engine, end to end: monitors checked
// on demand against real servers on loopback write monitor.down / monitor.up
// (heartbeat_missed for a heartbeat), a storm writes monitor.storm, and a TLS
// certificate near expiry warns once per threshold, across engines too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:tls';
import { ManualClock } from '../lib/clock.js';
import { eventsSince, kinds, lastEventId, type StoredEvent } from '../services/notifications/events.test-support.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { startSwitchableTarget } from '../test/switchable-target.test-support.js';
import { useTestApi } from '../test/api-harness.test-support.js';
import { testCertificates } from './checks/certs.test-support.js';
import { serve, type Running } from './checks/net.test-support.js';
import { checks } from './checks/registry.js';
import { createTlsCheck } from './checks/tls.js';
import { MonitorEngine } from './engine.js';
import { createMonitor, run, waitUntil } from './monitor-steps.test-support.js';

const of = (events: StoredEvent[], monitorId: string) => events.filter((e) => e.monitor_id === monitorId);

for (const dialect of DIALECTS) {
  describe(`monitor notifications on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const api = useTestApi(dialect, { clock, engine: { groupWaitMs: 150, storm: { threshold: 3, window_ms: 120_000 } } });
    const db = () => api.database.db;
    const target = startSwitchableTarget();
    let tlsServer: Running;
    before(async () => {
      await target.listen();
      const cert = testCertificates().expiringIn5Days;
      tlsServer = await serve(createServer({ key: cert.key, cert: cert.cert }, (s) => s.end()));
    });
    after(async () => {
      await target.close();
      await tlsServer.close();
    });

    test('DOWN and UP reach responders with reason, since and duration; the incident the engine opens tells subscribers only', async () => {
      const component = await api.createComponent('Checkout');
      const id = await createMonitor(api, { name: 'Checkout API', url: target.url('/checkout'), component_id: component, auto_incident: true, down_after: 2, up_after: 1, incident_impact: 'critical' });
      await run(api, id, 2);
      let mark = await lastEventId(db());
      target.failing.add('/checkout');
      const firstFailure = clock.now().toISOString();
      await run(api, id);
      clock.advance(30_000);
      assert.equal((await run(api, id)).state, 'down');
      const down = await waitUntil('the DOWN and its incident', async () => {
        const events = await eventsSince(db(), mark);
        return events.some((e) => e.kind === 'incident.created') ? events : undefined;
      });
      assert.deepEqual(kinds(of(down, id)), ['monitor.down/responders']);
      const [event] = of(down, id);
      assert.equal(event!.severity, 'critical');
      assert.deepEqual(event!.component_ids, [component]);
      assert.equal(event!.payload.state, 'down');
      assert.match(event!.payload.reason, /503/);
      assert.equal(event!.payload.since, firstFailure, 'since the first failing check');
      assert.equal(event!.payload.down_for_ms, 30_000);
      assert.equal(event!.payload.monitor.name, 'Checkout API');
      assert.equal(event!.payload.monitor.target, target.url('/checkout'));
      assert.deepEqual(event!.payload.monitor.component, { id: component, name: 'Checkout' });
      // The engine's own incident: public events, no responder incident.* (they heard monitor.down).
      const incidentKinds = kinds(down.filter((e) => e.subject_type === 'incident'));
      assert.deepEqual(incidentKinds, ['incident.created/public']);

      mark = await lastEventId(db());
      target.failing.delete('/checkout');
      clock.advance(90_000);
      assert.equal((await run(api, id)).state, 'up');
      const up = of(await eventsSince(db(), mark), id);
      assert.deepEqual(kinds(up), ['monitor.up/responders']);
      assert.equal(up[0]!.payload.since, firstFailure);
      assert.equal(up[0]!.payload.down_for_ms, 120_000);
      assert.equal(up[0]!.thread_key, event!.thread_key, 'the UP answers its DOWN');
      assert.equal(up[0]!.payload.incident_id, down.find((e) => e.kind === 'incident.created')!.subject_id);
    });

    test('a heartbeat that stops arriving is heartbeat_missed', async () => {
      const created = await api.request<{ id: string; ping_url: string }>('POST', '/api/v1/monitors', {
        body: { type: 'heartbeat', name: 'Nightly backup', interval_seconds: 3600, timeout_seconds: 5, grace_seconds: 600, down_after: 1, up_after: 1 },
      });
      const id = created.body.id;
      assert.equal((await api.request('POST', new URL(created.body.ping_url).pathname, { key: null })).status, 200);
      assert.equal((await run(api, id)).state, 'up');
      const mark = await lastEventId(db());
      clock.advance(3600_000 + 601_000);
      assert.equal((await run(api, id)).state, 'down');
      const events = of(await eventsSince(db(), mark), id);
      assert.deepEqual(kinds(events), ['monitor.heartbeat_missed/responders']);
      assert.match(events[0]!.payload.reason, /no ping for/);
    });

    test('a storm: one monitor.storm naming its members and the shared cause', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(await createMonitor(api, { name: `Shard ${i}`, url: target.url(`/shard/${i}`), auto_incident: true, down_after: 1 }));
        target.failing.add(`/shard/${i}`);
      }
      const mark = await lastEventId(db());
      for (const id of ids) await run(api, id);
      const storm = await waitUntil('the storm event', async () => (await eventsSince(db(), mark)).find((e) => e.kind === 'monitor.storm'));
      assert.equal(storm.audience, 'responders');
      assert.equal(storm.payload.cause, 'all on host 127.0.0.1');
      assert.deepEqual(storm.payload.members.map((m: { monitor: { id: string } }) => m.monitor.id).sort(), [...ids].sort());
      assert.match(storm.payload.members[0].reason, /503/);
      assert.equal(storm.thread_key, `incident:${storm.payload.incident_id}`);
      const all = await eventsSince(db(), mark);
      assert.equal(all.filter((e) => e.kind === 'monitor.storm').length, 1);
      assert.equal(all.filter((e) => e.kind === 'monitor.down').length, 3);
    });

    test('a certificate near expiry warns once per threshold, across engines', async () => {
      // The test certificates are dated from the real clock.
      clock.set(new Date());
      const id = await createMonitor(api, { type: 'tls', name: 'Shop TLS', host: 'localhost', port: tlsServer.port });
      const engine = () => new MonitorEngine({ db: db(), clock, checks: { ...checks, tls: createTlsCheck({ ca: [testCertificates().ca] }) } });
      const mark = await lastEventId(db());
      const first = engine();
      try {
        const result = await first.runNow(id);
        assert.equal(result.ok, true, result.reason ?? '');
        await first.runNow(id);
      } finally {
        await first.stop();
      }
      const second = engine();
      try {
        await second.runNow(id);
      } finally {
        await second.stop();
      }
      const events = of(await eventsSince(db(), mark), id);
      assert.deepEqual(kinds(events), ['monitor.certificate_expiring/responders']);
      assert.equal(events[0]!.payload.days_left, 5);
      assert.match(events[0]!.dedupe_key!, new RegExp(`^cert:${id}:\\d{4}-.+Z:7$`), 'the 7-day threshold (5 days left)');
      assert.equal(events[0]!.payload.expires_at, events[0]!.dedupe_key!.split(':').slice(2, -1).join(':'));
      assert.deepEqual((await api.auditActions(id)).filter((a) => a === 'monitor.certificate_expiring'), ['monitor.certificate_expiring']);
    });
  });
}
