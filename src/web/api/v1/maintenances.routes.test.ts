import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { maintenanceSteps } from '../../../test/maintenance-steps.test-support.js';

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`maintenances API on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T00:00:00.000Z');
    const api = useTestApi(dialect, { clock });

    const { maintenance, get } = maintenanceSteps(api);
    async function post(id: string, body: Record<string, unknown>) {
      clock.advance(MINUTE);
      const res = await api.request('POST', `/api/v1/maintenances/${id}/updates`, { body });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    }

    test('creates a scheduled maintenance with its first update', async () => {
      const [a, b] = [await api.createComponent('Database'), await api.createComponent('API')];
      const m = await maintenance({ component_ids: [a, b], body: 'We are upgrading the **database**.' });
      assert.match(m.id, /^[a-z0-9]{12}$/);
      assert.equal(m.name, 'Database upgrade');
      assert.equal(m.status, 'scheduled');
      assert.equal(m.impact, 'maintenance');
      assert.equal(m.auto_transition, true);
      assert.equal(m.scheduled_for, '2026-04-01T10:00:00.000Z');
      assert.equal(m.scheduled_until, '2026-04-01T12:00:00.000Z');
      assert.equal(m.started_at, null);
      assert.equal(m.completed_at, null);
      assert.equal(m.created_at, clock.now().toISOString());
      assert.deepEqual(m.components.map((c: { id: string }) => c.id).sort(), [a, b].sort());
      assert.equal(m.components[0].group, false);
      assert.equal(m.maintenance_updates.length, 1);
      const [first] = m.maintenance_updates;
      assert.deepEqual(first, {
        id: first.id,
        maintenance_id: m.id,
        status: 'scheduled',
        body: 'We are upgrading the **database**.',
        display_at: m.created_at,
        created_at: m.created_at,
        updated_at: m.created_at,
        affected_components: [],
      });
      assert.equal(await api.componentStatus(a), 'operational');
      assert.deepEqual(await get(m.id), m);
    });

    test('a first update without a body gets the standard text; auto_transition can be off', async () => {
      const m = await maintenance({ auto_transition: false });
      assert.equal(m.auto_transition, false);
      assert.deepEqual(m.components, []);
      assert.equal(m.maintenance_updates[0].body, 'This maintenance has been scheduled.');
    });

    test('created in progress, its components go under maintenance at once', async () => {
      const c = await api.createComponent('Queue');
      const m = await maintenance({ status: 'in_progress', component_ids: [c] });
      assert.equal(m.status, 'in_progress');
      assert.equal(m.started_at, clock.now().toISOString());
      assert.equal(m.components[0].status, 'under_maintenance');
      const history = (await api.request('GET', `/api/v1/components/${c}/status-history`)).body;
      assert.deepEqual(history.at(-1), { status: 'under_maintenance', at: m.created_at, source: 'maintenance', source_id: m.id });
    });

    test('updates move the status in any order, with their effects', async () => {
      const c = await api.createComponent('Storage');
      const m = await maintenance({ component_ids: [c] });

      const verifying = await post(m.id, { status: 'verifying', body: 'Checking early.' });
      assert.equal(verifying.status, 'verifying');
      // The update that put the component under maintenance records it, as on Statuspage.
      assert.deepEqual(verifying.affected_components, [{ code: c, name: 'Storage', old_status: 'operational', new_status: 'under_maintenance' }]);
      let now = await get(m.id);
      assert.equal(now.status, 'verifying');
      assert.equal(now.started_at, verifying.created_at);
      assert.equal(await api.componentStatus(c), 'under_maintenance');

      const inProgress = await post(m.id, { status: 'in_progress', body: 'Back at work.' });
      now = await get(m.id);
      assert.equal(now.status, 'in_progress');
      assert.equal(now.started_at, verifying.created_at, 'keeps the first start');
      assert.equal(now.updated_at, inProgress.created_at);

      await post(m.id, { status: 'scheduled', body: 'Postponed.' });
      now = await get(m.id);
      assert.equal(now.status, 'scheduled');
      assert.equal(now.started_at, null);
      assert.equal(await api.componentStatus(c), 'operational');

      const note = await post(m.id, { body: 'Still planned.' });
      assert.equal(note.status, 'scheduled');

      const completed = await post(m.id, { status: 'completed', body: 'Done.' });
      now = await get(m.id);
      assert.equal(now.status, 'completed');
      assert.equal(now.completed_at, completed.created_at);

      const reopened = await post(m.id, { status: 'in_progress', body: 'One more thing.' });
      now = await get(m.id);
      assert.equal(now.status, 'in_progress');
      assert.equal(now.completed_at, null);
      assert.equal(now.started_at, reopened.created_at);
      assert.equal(await api.componentStatus(c), 'under_maintenance');

      await post(m.id, { status: 'completed', body: 'Really done.' });
      assert.equal(await api.componentStatus(c), 'operational');

      const updates = (await api.request('GET', `/api/v1/maintenances/${m.id}/updates`, { key: 'read' })).body;
      assert.deepEqual(
        updates.map((u: { body: string }) => u.body),
        ['Really done.', 'One more thing.', 'Done.', 'Still planned.', 'Postponed.', 'Back at work.', 'Checking early.', 'This maintenance has been scheduled.'],
      );
      assert.deepEqual((await get(m.id)).maintenance_updates, updates);
    });

    test('display_at may be back-dated and orders the updates', async () => {
      const m = await maintenance();
      const backdated = await post(m.id, { body: 'Announced earlier by email.', display_at: '2026-02-01T09:00:00+01:00' });
      assert.equal(backdated.display_at, '2026-02-01T08:00:00.000Z');
      assert.notEqual(backdated.created_at, backdated.display_at);
      const updates = (await get(m.id)).maintenance_updates;
      assert.equal(updates.at(-1).id, backdated.id);
    });

    test('lists newest window first, filters by status and pages', async () => {
      const names = ['List A', 'List B', 'List C'];
      const created: { id: string }[] = [];
      for (const [i, name] of names.entries()) {
        created.push(await maintenance({ name, scheduled_for: `2030-0${i + 1}-01T00:00:00Z`, scheduled_until: `2030-0${i + 1}-02T00:00:00Z` }));
      }
      await post(created[0]!.id, { status: 'completed', body: 'Finished early.' });
      const all = (await api.request('GET', '/api/v1/maintenances?per_page=100', { key: 'read' })).body;
      const forList = all.filter((m: { name: string }) => names.includes(m.name)).map((m: { name: string }) => m.name);
      assert.deepEqual(forList, ['List C', 'List B', 'List A']);
      const sorted = [...all].sort((x, y) => y.scheduled_for.localeCompare(x.scheduled_for));
      assert.deepEqual(all.map((m: { id: string }) => m.id), sorted.map((m: { id: string }) => m.id));

      const completed = (await api.request('GET', '/api/v1/maintenances?status=completed')).body;
      assert.ok(completed.length >= 1);
      assert.ok(completed.every((m: { status: string }) => m.status === 'completed'));
      assert.ok(completed.some((m: { id: string }) => m.id === created[0]!.id));

      const page1 = (await api.request('GET', '/api/v1/maintenances?per_page=2&page=1')).body;
      const page2 = (await api.request('GET', '/api/v1/maintenances?per_page=2&page=2')).body;
      assert.equal(page1.length, 2);
      assert.deepEqual([...page1, ...page2].map((m: { id: string }) => m.id), all.slice(0, page1.length + page2.length).map((m: { id: string }) => m.id));

      const bad = await api.request('GET', '/api/v1/maintenances?status=done');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.issues[0].path, 'query.status');
    });

    test('PATCH changes fields; the window is checked against the stored values', async () => {
      const m = await maintenance();
      const patched = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, {
        body: { name: 'Bigger upgrade', scheduled_until: '2026-04-01T14:00:00Z', auto_transition: false },
      });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.name, 'Bigger upgrade');
      assert.equal(patched.body.scheduled_until, '2026-04-01T14:00:00.000Z');
      assert.equal(patched.body.auto_transition, false);
      assert.equal(patched.body.maintenance_updates.length, 1);

      const before = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { scheduled_until: '2026-04-01T09:00:00Z' } });
      assert.equal(before.status, 422);
      assert.equal(before.body.error.details.issues[0].path, 'scheduled_until');
      const after = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { scheduled_for: '2026-04-01T15:00:00Z' } });
      assert.equal(after.status, 422);
      assert.equal(after.body.error.details.issues[0].path, 'scheduled_until');
      const status = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { status: 'completed' } });
      assert.equal(status.status, 422);
      assert.equal(status.body.error.details.issues[0].path, 'status');
      assert.deepEqual(await get(m.id), patched.body);
    });

    test('changing the components of an active maintenance holds added ones and releases dropped ones', async () => {
      const [a, b, shared] = [await api.createComponent('Keep'), await api.createComponent('Add'), await api.createComponent('Shared')];
      const m = await maintenance({ status: 'in_progress', component_ids: [a, shared] });
      await maintenance({ status: 'in_progress', component_ids: [shared] });
      const patched = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { component_ids: [b] } });
      assert.equal(patched.status, 200);
      assert.deepEqual(patched.body.components.map((c: { id: string }) => c.id), [b]);
      assert.equal(await api.componentStatus(b), 'under_maintenance');
      assert.equal(await api.componentStatus(a), 'operational');
      assert.equal(await api.componentStatus(shared), 'under_maintenance', 'still covered by the other maintenance');
    });

    test('deleting an active maintenance releases its components', async () => {
      const c = await api.createComponent('Released on delete');
      const m = await maintenance({ status: 'in_progress', component_ids: [c] });
      assert.equal(await api.componentStatus(c), 'under_maintenance');
      const deleted = await api.request('DELETE', `/api/v1/maintenances/${m.id}`);
      assert.equal(deleted.status, 204);
      assert.equal((await api.request('GET', `/api/v1/maintenances/${m.id}`)).status, 404);
      assert.equal(await api.componentStatus(c), 'operational');
      const updates = await api.database.db.selectFrom('maintenance_updates').select('id').where('maintenance_id', '=', m.id).execute();
      assert.equal(updates.length, 0);
    });

    test('writes an audit row for each change', async () => {
      const m = await maintenance();
      await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { name: 'Renamed' } });
      await post(m.id, { status: 'in_progress', body: 'Started.' });
      await api.request('DELETE', `/api/v1/maintenances/${m.id}`);
      assert.deepEqual(await api.auditActions(m.id), ['maintenance.create', 'maintenance.update', 'maintenance.post_update', 'maintenance.delete']);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', m.id).orderBy('id').execute();
      assert.ok(rows.every((r) => r.entity_type === 'maintenance' && r.actor_type === 'api_key'));
      assert.equal(JSON.parse(rows[1]!.before_json!).name, 'Database upgrade');
      assert.equal(JSON.parse(rows[1]!.after_json!).name, 'Renamed');
      const posted = JSON.parse(rows[2]!.after_json!);
      assert.equal(posted.status, 'in_progress');
      assert.equal(posted.update.body, 'Started.');
      assert.equal(JSON.parse(rows[2]!.before_json!).status, 'scheduled');
    });
  });
}
