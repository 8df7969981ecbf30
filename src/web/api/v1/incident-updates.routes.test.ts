// Incident updates: component changes they record, what resolving does to
// the page, and corrections (edit, delete) that never change statuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { incidentSteps } from '../../../test/incident-steps.test-support.js';

for (const dialect of DIALECTS) {
  describe(`incident updates API on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-30T08:00:00.000Z');
    const api = useTestApi(dialect, { clock });

    const { open, post, get } = incidentSteps(api, clock);

    test('an update records each real component change old → new and grows the affected set', async () => {
      const [db, web] = [await api.createComponent('Database'), await api.createComponent('Web')];
      const inc = await open({ name: 'Slow', components: { [db]: 'degraded_performance' } });
      assert.equal(inc.impact, 'minor');
      const u = await post(inc.id, { status: 'identified', body: 'Worse.', components: { [db]: 'major_outage', [web]: 'operational' } });
      assert.deepEqual(u.affected_components, [{ code: db, name: 'Database', old_status: 'degraded_performance', new_status: 'major_outage' }]);
      assert.equal(u.incident_id, inc.id);
      const got = await get(inc.id);
      assert.deepEqual(got.components.map((c: { id: string }) => c.id).sort(), [db, web].sort(), 'named components join the incident');
      assert.equal(got.impact, 'minor', 'impact is not re-derived by updates');
      assert.equal(got.updated_at, u.created_at);
      const later = await post(inc.id, { body: 'Same status again.', components: { [db]: 'major_outage' } });
      assert.deepEqual(later.affected_components, [], 'no change, nothing recorded');
    });

    test('resolving returns affected components to operational, except maintenance and other open incidents', async () => {
      const broken = await api.createComponent('Broken', { status: 'major_outage' });
      const maint = await api.createComponent('In maintenance', { status: 'under_maintenance' });
      const shared = await api.createComponent('Shared', { status: 'partial_outage' });
      const explicit = await api.createComponent('Explicit');
      const closedElsewhere = await api.createComponent('Closed elsewhere', { status: 'degraded_performance' });
      const other = await open({ name: 'Other open', component_ids: [shared] });
      const old = await open({ name: 'Old', component_ids: [closedElsewhere] });
      await post(old.id, { status: 'resolved', body: 'ok', components: { [closedElsewhere]: 'degraded_performance' } });
      const inc = await open({ name: 'Many', component_ids: [broken, maint, shared, closedElsewhere] });
      const resolved = await post(inc.id, { status: 'resolved', body: 'All good.', components: { [explicit]: 'degraded_performance' } });
      assert.deepEqual(
        resolved.affected_components.map((c: { name: string; old_status: string; new_status: string }) => [c.name, c.old_status, c.new_status]),
        // In the order made: the update's own change, then the restored ones (by name).
        [
          ['Explicit', 'operational', 'degraded_performance'],
          ['Broken', 'major_outage', 'operational'],
          ['Closed elsewhere', 'degraded_performance', 'operational'],
        ],
      );
      assert.equal(await api.componentStatus(maint), 'under_maintenance');
      assert.equal(await api.componentStatus(shared), 'partial_outage', 'still affected by an open incident');
      assert.equal(await api.componentStatus(explicit), 'degraded_performance', 'what the update says wins');
      // Posting another "resolved" is not a resolution: nothing is restored again.
      await api.request('PATCH', `/api/v1/components/${broken}`, { body: { status: 'partial_outage' } });
      const again = await post(inc.id, { status: 'resolved', body: 'Note.' });
      assert.deepEqual(again.affected_components, []);
      assert.equal(await api.componentStatus(broken), 'partial_outage');
      // Resolving the other incident now frees the shared component.
      await post(other.id, { status: 'resolved', body: 'ok' });
      assert.equal(await api.componentStatus(shared), 'operational');
    });

    test('an incident opened as resolved is backfilled with resolved_at at its display_at', async () => {
      const c = await api.createComponent('Backfill', { status: 'major_outage' });
      const inc = await open({ name: 'Yesterday', status: 'resolved', started_at: '2026-03-29T10:00:00Z', display_at: '2026-03-29T10:12:00Z', component_ids: [c] });
      assert.equal(inc.resolved_at, '2026-03-29T10:12:00.000Z');
      assert.equal(inc.duration, '12m');
      assert.equal(await api.componentStatus(c), 'operational');
    });

    test('updates are listed newest first by display_at, then by when they were posted', async () => {
      const inc = await open({ name: 'Order', display_at: '2026-03-30T07:00:00Z' });
      const late = await post(inc.id, { body: 'b', display_at: '2026-03-30T07:30:00Z' });
      const backdated = await post(inc.id, { body: 'a', display_at: '2026-03-30T07:10:00Z' });
      const tie = await post(inc.id, { body: 'c', display_at: '2026-03-30T07:30:00Z' });
      const ids = (await api.request('GET', `/api/v1/incidents/${inc.id}/updates`)).body.map((u: { id: string }) => u.id);
      assert.deepEqual(ids, [tie.id, late.id, backdated.id, inc.incident_updates[0].id]);
    });

    test('editing an update changes its text and time, never a status', async () => {
      const c = await api.createComponent('Edited');
      const inc = await open({ name: 'Edits', started_at: '2026-03-30T07:00:00Z', components: { [c]: 'major_outage' } });
      const mon = await post(inc.id, { status: 'monitoring', body: 'Watching', display_at: '2026-03-30T07:40:00Z' });
      const res = await post(inc.id, { status: 'resolved', body: 'Fixd', display_at: '2026-03-30T08:00:00Z' });
      assert.equal((await get(inc.id)).duration, '1h');
      clock.advance(60_000);
      const edited = await api.request('PATCH', `/api/v1/incidents/${inc.id}/updates/${res.id}`, {
        body: { body: 'Fixed.', display_at: '2026-03-30T07:45:00Z' },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.body, 'Fixed.');
      assert.equal(edited.body.status, 'resolved');
      assert.equal(edited.body.created_at, res.created_at);
      assert.equal(edited.body.updated_at, clock.now().toISOString());
      assert.deepEqual(edited.body.affected_components, res.affected_components);
      await api.request('PATCH', `/api/v1/incidents/${inc.id}/updates/${mon.id}`, { body: { display_at: '2026-03-30T07:35:00Z' } });
      const after_ = await get(inc.id);
      assert.equal(after_.status, 'resolved');
      assert.equal(after_.resolved_at, '2026-03-30T07:45:00.000Z', 'the resolving update moved, so did resolved_at');
      assert.equal(after_.monitoring_at, '2026-03-30T07:35:00.000Z');
      assert.equal(after_.duration, '45m');
      assert.equal(await api.componentStatus(c), 'operational');
      const bad = await api.request('PATCH', `/api/v1/incidents/${inc.id}/updates/${res.id}`, { body: { display_at: '2026-03-30T06:00:00Z' } });
      assert.equal(bad.status, 422, 'resolution before started_at');
    });

    test('deleting an update keeps statuses; the last one cannot go', async () => {
      const c = await api.createComponent('Deleted');
      const inc = await open({ name: 'Deletes', components: { [c]: 'partial_outage' } });
      const u = await post(inc.id, { status: 'identified', body: 'x', components: { [c]: 'major_outage' } });
      assert.equal((await api.request('DELETE', `/api/v1/incidents/${inc.id}/updates/${u.id}`)).status, 204);
      const got = await get(inc.id);
      assert.equal(got.status, 'identified');
      assert.equal(got.incident_updates.length, 1);
      assert.equal(await api.componentStatus(c), 'major_outage');
      const last = await api.request('DELETE', `/api/v1/incidents/${inc.id}/updates/${got.incident_updates[0].id}`);
      assert.equal(last.status, 409);
      assert.equal(last.body.error.code, 'CONFLICT');
      assert.equal((await get(inc.id)).incident_updates.length, 1);
    });

    test('deleting an incident removes its updates but leaves component statuses', async () => {
      const c = await api.createComponent('Orphan');
      const inc = await open({ name: 'Gone', components: { [c]: 'major_outage' } });
      assert.equal((await api.request('DELETE', `/api/v1/incidents/${inc.id}`)).status, 204);
      const left = await api.database.db.selectFrom('incident_updates').select('id').where('incident_id', '=', inc.id).execute();
      assert.deepEqual(left, []);
      assert.equal(await api.componentStatus(c), 'major_outage');
    });
  });
}
