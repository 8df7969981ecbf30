import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { maintenanceSteps } from '../../test/maintenance-steps.test-support.js';
import type { ServiceContext } from '../context.js';
import { advanceMaintenances } from './advanceMaintenances.js';

const IN_PROGRESS = 'Scheduled maintenance is currently in progress. We will provide updates as necessary.';
const COMPLETED = 'The scheduled maintenance has been completed.';

for (const dialect of DIALECTS) {
  describe(`advanceMaintenances on ${dialect}`, () => {
    let scheduler: ServiceContext;
    const clock = new ManualClock('2026-05-01T08:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    before(() => {
      scheduler = { ...api.ctx, actor: { type: 'system', id: null, name: 'scheduler' } };
    });
    const { maintenance, get } = maintenanceSteps(api, { name: 'Window' });
    async function at(iso: string): Promise<number> {
      clock.set(iso);
      return advanceMaintenances(scheduler);
    }

    test('moves maintenances across their windows; overlapping ones hold a shared component until the last ends', async () => {
      const [a, b, c] = [await api.createComponent('Shared'), await api.createComponent('Only first'), await api.createComponent('Manual')];
      const first = await maintenance({ scheduled_for: '2026-05-01T10:00:00Z', scheduled_until: '2026-05-01T11:00:00Z', component_ids: [a, b] });
      const second = await maintenance({ scheduled_for: '2026-05-01T10:30:00Z', scheduled_until: '2026-05-01T12:00:00Z', component_ids: [a] });
      const manual = await maintenance({
        scheduled_for: '2026-05-01T10:00:00Z', scheduled_until: '2026-05-01T11:00:00Z', component_ids: [c], auto_transition: false,
      });

      assert.equal(await at('2026-05-01T09:59:59.999Z'), 0);
      assert.equal(await api.componentStatus(a), 'operational');

      assert.equal(await at('2026-05-01T10:00:00.000Z'), 1);
      let m = await get(first.id);
      assert.equal(m.status, 'in_progress');
      assert.equal(m.started_at, '2026-05-01T10:00:00.000Z');
      assert.equal(m.maintenance_updates[0].body, IN_PROGRESS);
      assert.equal(m.maintenance_updates[0].status, 'in_progress');
      assert.equal(m.maintenance_updates[0].display_at, '2026-05-01T10:00:00.000Z');
      assert.equal(await api.componentStatus(a), 'under_maintenance');
      assert.equal(await api.componentStatus(b), 'under_maintenance');
      assert.equal(await api.componentStatus(c), 'operational', 'auto_transition off: the clock does not move it');
      const history = (await api.request('GET', `/api/v1/components/${b}/status-history`)).body;
      assert.deepEqual(history.at(-1), { status: 'under_maintenance', at: '2026-05-01T10:00:00.000Z', source: 'maintenance', source_id: first.id });

      assert.equal(await at('2026-05-01T10:10:00.000Z'), 0, 'nothing left to move');
      assert.equal((await get(first.id)).maintenance_updates.length, 2);

      assert.equal(await at('2026-05-01T10:30:00.000Z'), 1);
      assert.equal((await get(second.id)).status, 'in_progress');

      assert.equal(await at('2026-05-01T11:00:00.000Z'), 1);
      m = await get(first.id);
      assert.equal(m.status, 'completed');
      assert.equal(m.completed_at, '2026-05-01T11:00:00.000Z');
      assert.equal(m.maintenance_updates[0].body, COMPLETED);
      assert.equal(await api.componentStatus(b), 'operational');
      assert.equal(await api.componentStatus(a), 'under_maintenance', 'the second maintenance still covers it');

      assert.equal(await at('2026-05-01T12:00:00.000Z'), 1);
      assert.equal((await get(second.id)).status, 'completed');
      assert.equal(await api.componentStatus(a), 'operational');

      const stillManual = await get(manual.id);
      assert.equal(stillManual.status, 'scheduled');
      assert.equal(stillManual.maintenance_updates.length, 1);
      assert.equal(await at('2026-05-02T00:00:00.000Z'), 0);
    });

    test('a window that passed unseen completes directly', async () => {
      const c = await api.createComponent('Missed');
      const m = await maintenance({ scheduled_for: '2026-05-03T10:00:00Z', scheduled_until: '2026-05-03T11:00:00Z', component_ids: [c] });
      assert.equal(await at('2026-05-04T00:00:00.000Z'), 1);
      const done = await get(m.id);
      assert.equal(done.status, 'completed');
      assert.equal(done.started_at, null);
      assert.deepEqual(done.maintenance_updates.map((u: { status: string }) => u.status), ['completed', 'scheduled']);
      assert.equal(await api.componentStatus(c), 'operational');
    });

    test('respects what operators did: a status they set by hand, a component they marked down', async () => {
      const [c, d] = [await api.createComponent('Broke during maintenance'), await api.createComponent('Verified')];
      const m = await maintenance({ scheduled_for: '2026-05-05T10:00:00Z', scheduled_until: '2026-05-05T11:00:00Z', component_ids: [c] });
      const verifying = await maintenance({ scheduled_for: '2026-05-05T10:00:00Z', scheduled_until: '2026-05-05T11:00:00Z', component_ids: [d] });
      assert.equal(await at('2026-05-05T10:00:00.000Z'), 2);
      await api.request('PATCH', `/api/v1/components/${c}`, { body: { status: 'major_outage' } });
      clock.set('2026-05-05T10:20:00.000Z');
      await api.request('POST', `/api/v1/maintenances/${verifying.id}/updates`, { body: { status: 'verifying', body: 'Checking.' } });
      assert.equal(await at('2026-05-05T10:30:00.000Z'), 0, 'verifying is not pushed back to in_progress');
      assert.equal((await get(verifying.id)).status, 'verifying');

      assert.equal(await at('2026-05-05T11:00:00.000Z'), 2);
      assert.equal((await get(m.id)).status, 'completed');
      assert.equal(await api.componentStatus(c), 'major_outage', 'only components still under maintenance are returned to operational');
      assert.equal((await get(verifying.id)).status, 'completed');
      assert.equal(await api.componentStatus(d), 'operational');
    });

    test('follows a window moved by PATCH', async () => {
      const m = await maintenance({ scheduled_for: '2026-05-06T10:00:00Z', scheduled_until: '2026-05-06T11:00:00Z' });
      await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { scheduled_for: '2026-05-06T10:30:00Z' } });
      assert.equal(await at('2026-05-06T10:00:00.000Z'), 0);
      assert.equal(await at('2026-05-06T10:30:00.000Z'), 1);
      assert.equal((await get(m.id)).status, 'in_progress');
      assert.equal(await at('2026-05-06T11:00:00.000Z'), 1);
    });

    test('runs raced from several instances move each maintenance once', async () => {
      const c = await api.createComponent('Raced');
      const ids = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await maintenance({ scheduled_for: '2026-05-08T10:00:00Z', scheduled_until: '2026-05-08T11:00:00Z', component_ids: [c] })).id);
      }
      clock.set('2026-05-08T10:00:00.000Z');
      const counts = await Promise.all([advanceMaintenances(scheduler), advanceMaintenances(scheduler), advanceMaintenances(scheduler)]);
      assert.equal(counts.reduce((a, b) => a + b, 0), 4);
      for (const id of ids) {
        const m = await get(id);
        assert.equal(m.status, 'in_progress');
        assert.equal(m.maintenance_updates.length, 2, 'one automatic update, not one per instance');
      }
      const history = (await api.request('GET', `/api/v1/components/${c}/status-history`)).body;
      assert.deepEqual(history.map((h: { status: string }) => h.status), ['operational', 'under_maintenance']);
    });

    test('audits automatic changes as the acting context', async () => {
      const m = await maintenance({ scheduled_for: '2026-05-07T10:00:00Z', scheduled_until: '2026-05-07T11:00:00Z' });
      assert.equal(await at('2026-05-07T10:00:00.000Z'), 1);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', m.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['maintenance.create', 'maintenance.post_update']);
      assert.equal(rows[1]!.actor_type, 'system');
      assert.equal(rows[1]!.actor_name, 'scheduler');
      assert.equal(rows[1]!.at, '2026-05-07T10:00:00.000Z');
      assert.equal(JSON.parse(rows[1]!.after_json!).update.body, IN_PROGRESS);
    });
  });
}
