// Every change that should notify writes its events to the outbox in the same
// transaction, through the real API on both databases: the kinds, audiences,
// components and facts of each; nothing for a refused change; nothing public
// for an update posted with deliver_notifications false.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { remindMaintenances } from '../maintenances/remindMaintenances.js';
import { eventsSince, kinds, lastEventId, type StoredEvent } from './events.test-support.js';

for (const dialect of DIALECTS) {
  describe(`notification events on ${dialect}`, () => {
    const clock = new ManualClock('2026-05-04T10:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    const db = () => api.database.db;

    test('an incident opened, updated, back-dated and resolved through the API: one public and one responder event each', async () => {
      const api1 = await api.createComponent('API');
      const web = await api.createComponent('Web');
      let mark = await lastEventId(db());
      const opened = await api.request('POST', '/api/v1/incidents', {
        body: { name: 'Errors on the API', impact: 'major', body: 'Looking into it.', components: { [api1]: 'partial_outage' }, component_ids: [web] },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.id as string;
      let events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public', 'incident.created/public', 'incident.created/responders']);
      const [component, created, told] = events;
      assert.equal(component!.thread_key, `incident:${id}`, 'a change the incident made is in its thread');
      assert.deepEqual(component!.component_ids, [api1]);
      assert.equal(component!.payload.change.old_status, 'operational');
      assert.equal(component!.payload.change.new_status, 'partial_outage');
      assert.equal(component!.payload.page_status.indicator, 'minor');
      for (const e of [created!, told!]) {
        assert.equal(e.subject_type, 'incident');
        assert.equal(e.subject_id, id);
        assert.equal(e.thread_key, `incident:${id}`);
        assert.equal(e.severity, 'major');
        assert.deepEqual(new Set(e.component_ids), new Set([api1, web]));
        assert.equal(e.payload.type, 'incident');
        assert.equal(e.payload.incident.name, 'Errors on the API');
        assert.equal(e.payload.update_id, opened.body.incident_updates[0].id);
        assert.equal(e.payload.actor, 'admin');
        assert.equal(e.payload.incident.updates[0].body, 'Looking into it.');
        assert.deepEqual(e.payload.incident.updates[0].components, [{ id: api1, name: 'API', old_status: 'operational', new_status: 'partial_outage' }]);
      }

      // Back-dated: the facts carry the time the update gives.
      clock.advance(10 * 60_000);
      mark = await lastEventId(db());
      const backdated = await api.request('POST', `/api/v1/incidents/${id}/updates`, {
        body: { status: 'identified', body: 'Found it five minutes ago.', display_at: '2026-05-04T10:05:00.000Z', components: { [api1]: 'major_outage' } },
      });
      assert.equal(backdated.status, 201, JSON.stringify(backdated.body));
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public', 'incident.updated/public', 'incident.updated/responders']);
      assert.equal(events[0]!.payload.change.at, '2026-05-04T10:05:00.000Z');
      assert.equal(events[1]!.payload.update_id, backdated.body.id);
      const update = events[1]!.payload.incident.updates.find((u: { id: string }) => u.id === backdated.body.id);
      assert.equal(update.display_at, '2026-05-04T10:05:00.000Z');
      assert.equal(events[1]!.payload.incident.status, 'identified');

      // Resolving returns both components' statuses: each a component event, then incident.resolved.
      mark = await lastEventId(db());
      const resolved = await api.request('POST', `/api/v1/incidents/${id}/updates`, { body: { status: 'resolved', body: 'Fixed.' } });
      assert.equal(resolved.status, 201);
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public', 'incident.resolved/public', 'incident.resolved/responders']);
      assert.equal(events[0]!.payload.change.new_status, 'operational');
      assert.equal(events[1]!.payload.incident.resolved_at, clock.now().toISOString());
      assert.equal(events[1]!.payload.page_status.indicator, 'none');
    });

    test('a refused change writes no event', async () => {
      const c = await api.createComponent('Refused');
      const opened = await api.request('POST', '/api/v1/incidents', { body: { name: 'Refused updates', components: { [c]: 'degraded_performance' } } });
      const id = opened.body.id as string;
      const before = await api.rowCounts(['notification_events']);
      await api.expectValidation('POST', `/api/v1/incidents/${id}/updates`, { body: 'x', display_at: '2030-01-01T00:00:00.000Z' }, 'display_at');
      await api.expectValidation('POST', `/api/v1/incidents/${id}/updates`, { body: 'x', components: { nope: 'major_outage' } }, 'components.nope');
      await api.expectValidation('POST', '/api/v1/incidents', { name: 'x', components: { [c]: 'major_outage', nope: 'major_outage' } }, 'components.nope');
      await api.expectValidation('POST', `/api/v1/incidents/${id}/updates`, { body: 'x', deliver_notifications: 'yes' }, 'deliver_notifications');
      await api.expectValidation('POST', '/api/v1/maintenances', { name: 'm', scheduled_for: '2026-05-05T10:00:00Z', scheduled_until: '2026-05-05T09:00:00Z' }, 'scheduled_until');
      assert.deepEqual(await api.rowCounts(['notification_events']), before);
    });

    test('deliver_notifications false: no public event (nor component event), responders still hear; stored on the update', async () => {
      const c = await api.createComponent('Quiet');
      let mark = await lastEventId(db());
      const opened = await api.request('POST', '/api/v1/incidents', {
        body: { name: 'Quiet incident', components: { [c]: 'degraded_performance' }, deliver_notifications: false },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.id as string;
      assert.deepEqual(kinds(await eventsSince(db(), mark)), ['incident.created/responders']);
      mark = await lastEventId(db());
      const loud = await api.request('POST', `/api/v1/incidents/${id}/updates`, { body: { body: 'Still on it.' } });
      assert.equal(loud.status, 201);
      assert.deepEqual(kinds(await eventsSince(db(), mark)), ['incident.updated/public', 'incident.updated/responders'], 'the default is true');
      mark = await lastEventId(db());
      await api.request('POST', `/api/v1/incidents/${id}/updates`, { body: { status: 'resolved', body: 'Done.', deliver_notifications: false } });
      assert.deepEqual(kinds(await eventsSince(db(), mark)), ['incident.resolved/responders']);
      // Stored on each update (the public v2 API shows it, as Statuspage does).
      const stored = await db().selectFrom('incident_updates').select(['deliver_notifications']).where('incident_id', '=', id).orderBy('created_at').orderBy('display_at').execute();
      assert.deepEqual(stored.map((u) => u.deliver_notifications).sort(), [0, 0, 1]);
    });

    test('postmortem published: one public event on first publication, none when republished', async () => {
      const opened = await api.request('POST', '/api/v1/incidents', { body: { name: 'For a postmortem', status: 'resolved', body: 'Over.' } });
      const id = opened.body.id as string;
      const sections = [{ key: 'summary', title: 'Summary', body: 'What happened.' }];
      assert.equal((await api.request('PUT', `/api/v1/incidents/${id}/postmortem`, { body: { template: 'blank', sections } })).status, 200);
      let mark = await lastEventId(db());
      const published = await api.request('POST', `/api/v1/incidents/${id}/postmortem/publish`);
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['postmortem.published/public']);
      assert.equal(events[0]!.payload.incident.status, 'postmortem');
      assert.equal(events[0]!.payload.incident.postmortem_published_at, clock.now().toISOString());
      mark = await lastEventId(db());
      assert.equal((await api.request('POST', `/api/v1/incidents/${id}/postmortem/publish`)).status, 200);
      assert.deepEqual(kinds(await eventsSince(db(), mark)), []);
    });

    test('a component status set by hand: one public event in the component\'s own thread; no change, no event', async () => {
      const c = await api.createComponent('Manual');
      let mark = await lastEventId(db());
      assert.equal((await api.request('PATCH', `/api/v1/components/${c}`, { body: { status: 'major_outage' } })).status, 200);
      const events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public']);
      assert.equal(events[0]!.thread_key, `component:${c}`);
      assert.equal(events[0]!.severity, 'critical');
      assert.equal(events[0]!.payload.component.status, 'major_outage');
      mark = await lastEventId(db());
      assert.equal((await api.request('PATCH', `/api/v1/components/${c}`, { body: { status: 'major_outage', description: 'same status' } })).status, 200);
      assert.deepEqual(kinds(await eventsSince(db(), mark)), []);
      await api.request('PATCH', `/api/v1/components/${c}`, { body: { status: 'operational' } });
    });

    test('a maintenance: scheduled, rescheduled, started, updated quietly, completed', async () => {
      const c = await api.createComponent('Database');
      let mark = await lastEventId(db());
      const created = await api.request('POST', '/api/v1/maintenances', {
        body: { name: 'Database upgrade', scheduled_for: '2026-05-05T10:00:00.000Z', scheduled_until: '2026-05-05T12:00:00.000Z', component_ids: [c] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      assert.deepEqual(created.body.reminder_minutes, [60], 'Statuspage\'s default reminder: an hour before');
      let events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['maintenance.scheduled/public']);
      assert.equal(events[0]!.thread_key, `maintenance:${id}`);
      assert.deepEqual(events[0]!.component_ids, [c]);
      assert.equal(events[0]!.payload.maintenance.scheduled_for, '2026-05-05T10:00:00.000Z');
      assert.equal(events[0]!.payload.update_id, created.body.maintenance_updates[0].id);

      mark = await lastEventId(db());
      assert.equal((await api.request('PATCH', `/api/v1/maintenances/${id}`, { body: { name: 'Database upgrade (v16)' } })).status, 200);
      assert.deepEqual(kinds(await eventsSince(db(), mark)), [], 'a new name is not news');
      assert.equal((await api.request('PATCH', `/api/v1/maintenances/${id}`, { body: { scheduled_for: '2026-05-05T11:00:00.000Z' } })).status, 200);
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['maintenance.updated/public'], 'a new window is');
      assert.equal(events[0]!.payload.maintenance.scheduled_for, '2026-05-05T11:00:00.000Z');

      clock.advance(60_000);
      mark = await lastEventId(db());
      const started = await api.request('POST', `/api/v1/maintenances/${id}/updates`, { body: { status: 'in_progress', body: 'Starting early.' } });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public', 'maintenance.started/public']);
      assert.equal(events[0]!.thread_key, `maintenance:${id}`);
      assert.equal(events[0]!.payload.change.new_status, 'under_maintenance');
      assert.equal(events[1]!.payload.maintenance.updates[0].body, 'Starting early.');
      assert.equal(typeof events[1]!.payload.page_status.description, 'string');

      mark = await lastEventId(db());
      assert.equal((await api.request('POST', `/api/v1/maintenances/${id}/updates`, { body: { status: 'verifying', body: 'Checking.', deliver_notifications: false } })).status, 201);
      assert.deepEqual(kinds(await eventsSince(db(), mark)), []);
      const back = await api.request('POST', `/api/v1/maintenances/${id}/updates`, { body: { body: 'Back-dated note.', display_at: '2026-05-04T09:00:00.000Z' } });
      assert.equal(back.status, 201);
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['maintenance.updated/public']);
      assert.equal(events[0]!.payload.update_id, back.body.id);

      mark = await lastEventId(db());
      assert.equal((await api.request('POST', `/api/v1/maintenances/${id}/updates`, { body: { status: 'completed', body: 'Done.' } })).status, 201);
      events = await eventsSince(db(), mark);
      assert.deepEqual(kinds(events), ['component.status_changed/public', 'maintenance.completed/public']);
      assert.equal(events[0]!.payload.change.new_status, 'operational');
    });

    test('maintenance reminders: once per reminder, before the start, none when turned off or past at creation', async () => {
      clock.set('2026-06-01T08:00:00.000Z');
      const make = async (name: string, extra: Record<string, unknown>) => {
        const res = await api.request('POST', '/api/v1/maintenances', {
          body: { name, scheduled_for: '2026-06-02T08:00:00.000Z', scheduled_until: '2026-06-02T09:00:00.000Z', auto_transition: false, ...extra },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body.id as string;
      };
      const byDefault = await make('Default reminder', {});
      const two = await make('Two reminders', { reminder_minutes: [1440, 30] });
      const none = await make('No reminder', { reminder_minutes: [] });
      await api.expectValidation('POST', '/api/v1/maintenances', { name: 'x', scheduled_for: '2026-06-02T08:00:00Z', scheduled_until: '2026-06-02T09:00:00Z', reminder_minutes: [0] }, 'reminder_minutes.0');
      const mine = (events: StoredEvent[]) => events.filter((e) => [byDefault, two, none].includes(e.subject_id));

      let mark = await lastEventId(db());
      assert.equal(await remindMaintenances(api.ctx), 1, 'the 1440-minute reminder is due now');
      let events = mine(await eventsSince(db(), mark));
      assert.deepEqual(kinds(events), ['maintenance.reminder/public']);
      assert.equal(events[0]!.subject_id, two);
      assert.equal(events[0]!.payload.reminder_minutes, 1440);
      assert.equal(events[0]!.dedupe_key, `reminder:${two}:2026-06-02T08:00:00.000Z:1440`);
      assert.equal(await remindMaintenances(api.ctx), 0, 'told once');

      clock.set('2026-06-02T07:00:00.000Z');
      mark = await lastEventId(db());
      await remindMaintenances(api.ctx);
      await remindMaintenances(api.ctx);
      events = mine(await eventsSince(db(), mark));
      assert.deepEqual(events.map((e) => [e.subject_id, e.payload.reminder_minutes]), [[byDefault, 60]]);

      clock.set('2026-06-02T07:45:00.000Z');
      mark = await lastEventId(db());
      await remindMaintenances(api.ctx);
      events = mine(await eventsSince(db(), mark));
      assert.deepEqual(events.map((e) => [e.subject_id, e.payload.reminder_minutes]), [[two, 30]]);
      assert.deepEqual(await api.auditActions(two), ['maintenance.create', 'maintenance.remind', 'maintenance.remind']);

      // Created 20 minutes before its start: its hour-before reminder was due before it existed.
      const late = await api.request('POST', '/api/v1/maintenances', {
        body: { name: 'Short notice', scheduled_for: '2026-06-02T08:05:00.000Z', scheduled_until: '2026-06-02T09:00:00.000Z' },
      });
      mark = await lastEventId(db());
      await remindMaintenances(api.ctx);
      assert.deepEqual(mine(await eventsSince(db(), mark)), []);
      assert.deepEqual((await eventsSince(db(), mark)).filter((e) => e.subject_id === late.body.id), []);
    });
  });
}
