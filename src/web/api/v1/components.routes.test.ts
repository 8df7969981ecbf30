import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

for (const dialect of DIALECTS) {
  describe(`components API on ${dialect}`, () => {
    const api = useTestApi(dialect);

    test('creates, reads, lists, updates and deletes a component', async () => {
      const created = await api.request('POST', '/api/v1/components', { body: { name: 'API', description: 'Public REST API' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.name, 'API');
      assert.equal(created.body.status, 'operational');
      assert.equal(created.body.group, false);
      assert.match(created.body.id, /^[a-z0-9]{12}$/);

      const got = await api.request('GET', `/api/v1/components/${created.body.id}`, { key: 'read' });
      assert.deepEqual(got.body, created.body);

      const patched = await api.request('PATCH', `/api/v1/components/${created.body.id}`, { body: { status: 'major_outage' } });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.status, 'major_outage');

      const history = await api.request('GET', `/api/v1/components/${created.body.id}/status-history`);
      assert.deepEqual(history.body.map((h: { status: string }) => h.status), ['operational', 'major_outage']);

      const list = await api.request('GET', '/api/v1/components');
      assert.ok(list.body.some((c: { id: string }) => c.id === created.body.id));

      const deleted = await api.request('DELETE', `/api/v1/components/${created.body.id}`);
      assert.equal(deleted.status, 204);
      assert.equal((await api.request('GET', `/api/v1/components/${created.body.id}`)).status, 404);
    });

    test('writes an audit row for each change', async () => {
      const created = await api.request('POST', '/api/v1/components', { body: { name: 'Audited' } });
      await api.request('PATCH', `/api/v1/components/${created.body.id}`, { body: { name: 'Audited 2' } });
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.body.id).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => r.action), ['component.create', 'component.update']);
      assert.equal(rows[0]!.actor_type, 'api_key');
      assert.equal(rows[0]!.actor_name, 'admin');
      assert.equal(JSON.parse(rows[1]!.before_json!).name, 'Audited');
      assert.equal(JSON.parse(rows[1]!.after_json!).name, 'Audited 2');
    });

    test('rejects bad input naming the field, and writes nothing', async () => {
      const countBefore = (await api.request('GET', '/api/v1/components')).body.length;
      const cases: [unknown, string][] = [
        [{ name: 'x', status: 'on_fire' }, 'status'],
        [{ name: '' }, 'name'],
        [{}, 'name'],
        [{ name: 'x', colour: 'red' }, 'colour'],
        [{ name: 'x', group_id: 'nope' }, 'group_id'],
        [{ name: 'x', position: -1 }, 'position'],
        [{ name: 'x', start_date: '2026-13-45' }, 'start_date'],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('POST', '/api/v1/components', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION');
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal((await api.request('GET', '/api/v1/components')).body.length, countBefore);
    });

    test('duplicate keys conflict', async () => {
      assert.equal((await api.request('POST', '/api/v1/components', { body: { name: 'A', key: 'dup' } })).status, 201);
      const again = await api.request('POST', '/api/v1/components', { body: { name: 'B', key: 'dup' } });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'CONFLICT');
    });
  });
}
