import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { MAINTENANCE_WINDOW, maintenanceSteps } from '../../../test/maintenance-steps.test-support.js';

for (const dialect of DIALECTS) {
  describe(`maintenances API input checks on ${dialect}`, () => {
    const api = useTestApi(dialect);

    const { maintenance, get } = maintenanceSteps(api);

    test('rejects bad input naming the field, and writes nothing', async () => {
      const real = await api.createComponent('Real one');
      const countBefore = (await api.request('GET', '/api/v1/maintenances?per_page=100')).body.length;
      const auditBefore = (await api.database.db.selectFrom('audit_log').select('id').execute()).length;
      const ok = { name: 'x', ...MAINTENANCE_WINDOW };
      const cases: [unknown, string][] = [
        [{ ...ok, name: undefined }, 'name'],
        [{ ...ok, colour: 'red' }, 'colour'],
        [{ ...ok, status: 'done' }, 'status'],
        [{ ...ok, scheduled_for: 'tomorrow' }, 'scheduled_for'],
        [{ ...ok, scheduled_until: undefined }, 'scheduled_until'],
        [{ ...ok, scheduled_until: '2026-04-01T09:00:00Z' }, 'scheduled_until'],
        [{ ...ok, scheduled_until: MAINTENANCE_WINDOW.scheduled_for }, 'scheduled_until'],
        [{ ...ok, component_ids: [real, 'dangling'] }, 'component_ids.1'],
        [{ ...ok, component_ids: [real, real] }, 'component_ids.1'],
        [{ ...ok, body: '   ' }, 'body'],
        [{ ...ok, auto_transition: 'yes' }, 'auto_transition'],
        [{ ...ok, impact: 'huge' }, 'impact'],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('POST', '/api/v1/maintenances', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION');
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal((await api.request('GET', '/api/v1/maintenances?per_page=100')).body.length, countBefore);
      assert.equal((await api.database.db.selectFrom('audit_log').select('id').execute()).length, auditBefore);
    });

    test('bad updates are rejected naming the field', async () => {
      const m = await maintenance();
      const cases: [unknown, string][] = [
        [{ status: 'in_progress' }, 'body'],
        [{ body: 'x', status: 'resolved' }, 'status'],
        [{ body: 'x', display_at: 'yesterday' }, 'display_at'],
        [{ body: 'x', affected_components: [] }, 'affected_components'],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('POST', `/api/v1/maintenances/${m.id}/updates`, { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.deepEqual(await get(m.id), m);
    });

    test('a failed PATCH leaves no trace', async () => {
      const c = await api.createComponent('Untouched');
      const m = await maintenance({ component_ids: [c] });
      const res = await api.request('PATCH', `/api/v1/maintenances/${m.id}`, { body: { name: 'Should not stick', component_ids: [c, 'ghost'] } });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.issues[0].path, 'component_ids.1');
      assert.deepEqual(await get(m.id), m);
      assert.deepEqual(await api.auditActions(m.id), ['maintenance.create']);
    });

    test('unknown ids are 404', async () => {
      const cases = [
        ['GET', '/api/v1/maintenances/nope', undefined],
        ['PATCH', '/api/v1/maintenances/nope', { name: 'x' }],
        ['DELETE', '/api/v1/maintenances/nope', undefined],
        ['GET', '/api/v1/maintenances/nope/updates', undefined],
        ['POST', '/api/v1/maintenances/nope/updates', { body: 'x' }],
      ] as const;
      for (const [method, path, body] of cases) {
        const res = await api.request(method, path, { body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.body.error.code, 'NOT_FOUND');
      }
    });
  });
}
