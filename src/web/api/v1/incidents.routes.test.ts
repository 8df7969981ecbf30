import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { incidentSteps } from '../../../test/incident-steps.test-support.js';

// Seed 000's timeline: impact began at 07:05, the first post came at 07:38,
// the status went back from identified to investigating at 09:20, and the
// incident was resolved at 09:54 — "lasting 2h 49m".
const DAY = '2021-03-30T';
const TIMELINE: [string, string, string][] = [
  ['investigating', '07:38', 'We are currently investigating this issue.'],
  ['investigating', '07:39', 'We are continuing to investigate this issue.'],
  ['investigating', '07:40', 'An outage on bh008 has caused the downtime we are experiencing.'],
  ['identified', '07:47', 'This appears to be related to the data center the service is in.'],
  ['identified', '09:01', 'We are still waiting for the provider to contact us.'],
  ['investigating', '09:20', 'We have misidentified the cause of this issue and are investigating.'],
  ['identified', '09:20', 'We have identified the cause of the issue'],
  ['identified', '09:33', 'We are continuing to work on a fix for this issue.'],
  ['identified', '09:45', 'We have regained access to the affected services'],
  ['identified', '09:46', 'We are working to restore services now.'],
  ['monitoring', '09:48', 'A fix has been implemented and we are monitoring the results.'],
  ['resolved', '09:54', 'This incident has been resolved.'],
];
const at = (hhmm: string) => `${DAY}${hhmm}:00.000Z`;

for (const dialect of DIALECTS) {
  describe(`incidents API on ${dialect}`, () => {
    const clock = new ManualClock('2021-03-30T07:38:30.000Z');
    const api = useTestApi(dialect, { clock });

    const { open, post, get } = incidentSteps(api, clock);

    test('seed 000: a critical incident on two components, told update by update', async () => {
      const [ptero, billing] = [await api.createComponent('Pterodactyl API'), await api.createComponent('Billing API')];
      const [first, ...rest] = TIMELINE;
      const created = await open({
        name: 'bh008 outage',
        started_at: at('07:05'),
        display_at: at(first![1]),
        body: first![2],
        components: { [ptero]: 'major_outage', [billing]: 'major_outage' },
      });
      assert.match(created.id, /^[a-z0-9]{12}$/);
      assert.equal(created.status, 'investigating');
      assert.equal(created.impact, 'critical', 'derived from the worst component status');
      assert.equal(created.started_at, at('07:05'));
      assert.equal(created.created_at, clock.now().toISOString());
      assert.equal(created.monitoring_at, null);
      assert.equal(created.resolved_at, null);
      assert.equal(created.postmortem_published_at, null);
      assert.deepEqual(created.components.map((c: { name: string }) => c.name), ['Pterodactyl API', 'Billing API']);
      assert.equal(created.components[0].status, 'major_outage');
      assert.equal(created.duration, '33m', 'running: started_at → now');
      assert.equal(created.incident_updates.length, 1);
      const [u0] = created.incident_updates;
      assert.deepEqual(u0, {
        id: u0.id,
        incident_id: created.id,
        status: 'investigating',
        body: first![2],
        display_at: at('07:38'),
        created_at: created.created_at,
        updated_at: created.created_at,
        // In the order the update named them.
        affected_components: [
          { code: ptero, name: 'Pterodactyl API', old_status: 'operational', new_status: 'major_outage' },
          { code: billing, name: 'Billing API', old_status: 'operational', new_status: 'major_outage' },
        ],
      });

      for (const [status, hhmm, body] of rest) {
        // Posted a little after display_at; the two 09:20 posts are made a second apart.
        const postedAt = new Date(`${DAY}${hhmm}:20.000Z`);
        if (postedAt > clock.now()) clock.set(postedAt);
        const u = await post(created.id, { status, body, display_at: at(hhmm) });
        assert.equal(u.status, status);
        assert.equal((await get(created.id)).status, status, `${hhmm} moves the incident to ${status}, backwards too`);
      }

      const done = await get(created.id);
      assert.equal(done.status, 'resolved');
      assert.equal(done.monitoring_at, at('09:48'));
      assert.equal(done.resolved_at, at('09:54'));
      assert.equal(done.duration, '2h 49m');
      clock.advance(86_400_000);
      assert.equal((await get(created.id)).duration, '2h 49m', 'a resolved incident stops counting');

      // Newest first; the two 09:20 posts keep the order they were made in.
      assert.deepEqual(
        done.incident_updates.map((u: { status: string; display_at: string }) => [u.status, u.display_at]),
        [...TIMELINE].reverse().map(([s, hhmm]) => [s, at(hhmm)]),
      );
      // The resolving update sent no component statuses: the page turns green and says so.
      assert.deepEqual(done.incident_updates[0].affected_components, [
        { code: billing, name: 'Billing API', old_status: 'major_outage', new_status: 'operational' },
        { code: ptero, name: 'Pterodactyl API', old_status: 'major_outage', new_status: 'operational' },
      ]);
      assert.deepEqual(done.incident_updates[1].affected_components, []);
      assert.equal(await api.componentStatus(ptero), 'operational');
      assert.equal(await api.componentStatus(billing), 'operational');
      assert.deepEqual(done.components.map((c: { status: string }) => c.status), ['operational', 'operational']);

      const history = (await api.request('GET', `/api/v1/components/${ptero}/status-history`)).body;
      assert.deepEqual(history.map((h: { status: string; source: string }) => [h.status, h.source]), [
        ['operational', 'manual'],
        ['major_outage', 'incident'],
        ['operational', 'incident'],
      ]);
      assert.equal(history[1].source_id, created.id);

      const listed = (await api.request('GET', `/api/v1/incidents/${created.id}/updates`, { key: 'read' })).body;
      assert.deepEqual(listed, done.incident_updates);

      // The postmortem, published the next night as a `postmortem` update (more in postmortems.routes.test.ts).
      const pm = `/api/v1/incidents/${created.id}/postmortem`;
      const draft = (await api.request('PUT', pm, { body: { template: 'standard' } })).body;
      draft.sections[0].body = '* An engineer made a typo while modifying a cronjob';
      assert.equal((await api.request('PUT', pm, { body: { sections: draft.sections } })).status, 200);
      clock.set('2021-03-31T23:52:00.000Z');
      assert.equal((await api.request('POST', `${pm}/publish`)).status, 200);
      const published = await get(created.id);
      assert.equal(published.status, 'postmortem');
      assert.equal(published.incident_updates[0].status, 'postmortem');
      assert.match(published.incident_updates[0].body, /^#### Leadup\n\n\* An engineer made a typo/);
      assert.equal(published.duration, '2h 49m');
      assert.equal((await api.request('POST', `${pm}/unpublish`)).status, 200);
      const unpublished = await get(created.id);
      assert.equal(unpublished.status, 'resolved');
      assert.equal(unpublished.resolved_at, at('09:54'));
      assert.equal(unpublished.incident_updates.length, TIMELINE.length);
    });

    test('reopening a resolved incident clears resolved_at and keeps counting', async () => {
      clock.set('2021-05-01T10:00:00.000Z');
      const inc = await open({ name: 'Flaky logins', status: 'monitoring', impact: 'minor' });
      assert.equal(inc.monitoring_at, '2021-05-01T10:00:01.000Z');
      await post(inc.id, { status: 'resolved', body: 'Fixed.' });
      assert.equal((await get(inc.id)).resolved_at, '2021-05-01T10:00:02.000Z');
      clock.set('2021-05-01T11:00:00.000Z');
      await post(inc.id, { status: 'investigating', body: 'The errors are back.' });
      const reopened = await get(inc.id);
      assert.equal(reopened.status, 'investigating');
      assert.equal(reopened.resolved_at, null);
      assert.equal(reopened.monitoring_at, '2021-05-01T10:00:01.000Z', 'kept until monitoring begins again');
      assert.equal(reopened.duration, '1h');
      await post(inc.id, { status: 'resolved', body: 'Fixed for good.' });
      assert.equal((await get(inc.id)).resolved_at, '2021-05-01T11:00:02.000Z');
    });

    test('an omitted impact is none without a component map; an omitted status defaults to the current one', async () => {
      const inc = await open({ name: 'Quiet', body: '' });
      assert.equal(inc.impact, 'none');
      assert.equal(inc.incident_updates[0].body, '');
      assert.equal(inc.started_at, inc.incident_updates[0].display_at);
      await post(inc.id, { status: 'identified', body: 'Found it.' });
      const u = await post(inc.id, { body: 'Still on it.' });
      assert.equal(u.status, 'identified');
    });

    test('lists incidents newest first, filtered and paged', async () => {
      clock.set('2022-01-01T00:00:00.000Z');
      const a = await open({ name: 'List A' });
      const b = await open({ name: 'List B', status: 'identified' });
      const c = await open({ name: 'List C' });
      await post(c.id, { status: 'resolved', body: 'ok' });
      const ids = (q: string) => api.request('GET', `/api/v1/incidents${q}`, { key: 'read' }).then((r) => {
        assert.equal(r.status, 200);
        return r.body.map((i: { id: string }) => i.id);
      });
      assert.deepEqual((await ids('?per_page=3')), [c.id, b.id, a.id]);
      assert.deepEqual((await ids('?per_page=2&page=2'))[0], a.id);
      const identified = await ids('?status=identified');
      assert.ok(identified.includes(b.id) && !identified.includes(a.id) && !identified.includes(c.id));
      const open_ = await ids('?unresolved=true');
      assert.ok(open_.includes(a.id) && open_.includes(b.id) && !open_.includes(c.id));
      const all = (await api.request('GET', '/api/v1/incidents?per_page=100')).body;
      assert.ok(all.every((i: { incident_updates: unknown[]; duration: string }) => i.incident_updates.length > 0 && i.duration));
    });

    test('PATCH changes metadata: name, impact, back-dated started_at, the affected set', async () => {
      clock.set('2022-02-01T12:00:00.000Z');
      const [x, y] = [await api.createComponent('Edit X'), await api.createComponent('Edit Y', { status: 'partial_outage' })];
      const inc = await open({ name: 'Typo', component_ids: [x] });
      const res = await api.request('PATCH', `/api/v1/incidents/${inc.id}`, {
        body: { name: 'Checkout errors', impact: 'major', started_at: '2022-02-01T11:15:00+01:00', component_ids: [y] },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Checkout errors');
      assert.equal(res.body.impact, 'major');
      assert.equal(res.body.started_at, '2022-02-01T10:15:00.000Z');
      assert.equal(res.body.duration, '1h 45m');
      assert.deepEqual(res.body.components.map((c: { id: string }) => c.id), [y]);
      assert.equal(res.body.status, 'investigating');
      assert.equal(res.body.updated_at, clock.now().toISOString());
      assert.equal(await api.componentStatus(y), 'partial_outage', 'the affected set changes, statuses do not');
    });

    test('each write leaves an audit row with before and after', async () => {
      const inc = await open({ name: 'Audited' });
      const u = await post(inc.id, { status: 'identified', body: 'x' });
      await api.request('PATCH', `/api/v1/incidents/${inc.id}`, { body: { name: 'Audited 2' } });
      await api.request('PATCH', `/api/v1/incidents/${inc.id}/updates/${u.id}`, { body: { body: 'y' } });
      assert.equal((await api.request('DELETE', `/api/v1/incidents/${inc.id}/updates/${u.id}`)).status, 204);
      assert.equal((await api.request('DELETE', `/api/v1/incidents/${inc.id}`)).status, 204);
      assert.equal((await api.request('GET', `/api/v1/incidents/${inc.id}`)).status, 404);
      const rows = await api.database.db.selectFrom('audit_log').selectAll()
        .where('entity_id', 'in', [inc.id, u.id]).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.action, r.entity_type]), [
        ['incident.create', 'incident'],
        ['incident_update.create', 'incident_update'],
        ['incident.update', 'incident'],
        ['incident_update.update', 'incident_update'],
        ['incident_update.delete', 'incident_update'],
        ['incident.delete', 'incident'],
      ]);
      const json = (s: string | null) => (s === null ? null : JSON.parse(s));
      assert.equal(json(rows[0]!.before_json), null);
      assert.equal(json(rows[0]!.after_json).name, 'Audited');
      assert.equal(json(rows[1]!.after_json).status, 'identified');
      assert.equal(json(rows[2]!.before_json).name, 'Audited');
      assert.equal(json(rows[2]!.after_json).name, 'Audited 2');
      assert.equal(json(rows[3]!.before_json).body, 'x');
      assert.equal(json(rows[3]!.after_json).body, 'y');
      assert.equal(json(rows[4]!.after_json), null);
      assert.equal(json(rows[5]!.before_json).name, 'Audited 2');
      assert.equal(rows[0]!.actor_type, 'api_key');
    });
  });
}
