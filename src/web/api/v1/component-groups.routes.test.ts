import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

for (const dialect of DIALECTS) {
  describe(`component groups API on ${dialect}`, () => {
    const api = useTestApi(dialect);

    const groupIdOf = async (id: string) => (await api.request('GET', `/api/v1/components/${id}`)).body.group_id;

    test('creates a group holding the listed components, in the order given', async () => {
      const [a, b] = [await api.createComponent('Web'), await api.createComponent('API')];
      const created = await api.request('POST', '/api/v1/component-groups', {
        body: { name: 'Frontend', description: 'What users see', key: 'frontend', components: [b, a] },
      });
      assert.equal(created.status, 201);
      assert.match(created.body.id, /^[a-z0-9]{12}$/);
      assert.equal(created.body.name, 'Frontend');
      assert.equal(created.body.key, 'frontend');
      assert.equal(created.body.description, 'What users see');
      assert.deepEqual(created.body.components, [b, a]);
      assert.equal(await groupIdOf(a), created.body.id);

      const got = await api.request('GET', `/api/v1/component-groups/${created.body.id}`, { key: 'read' });
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, created.body);
      const list = await api.request('GET', '/api/v1/component-groups', { key: 'read' });
      assert.deepEqual(list.body.find((g: { id: string }) => g.id === created.body.id), created.body);
    });

    test('a group without components is empty and gets the next position', async () => {
      const first = await api.request('POST', '/api/v1/component-groups', { body: { name: 'First' } });
      const second = await api.request('POST', '/api/v1/component-groups', { body: { name: 'Second' } });
      assert.deepEqual(first.body.components, []);
      assert.equal(first.body.key, null);
      assert.equal(first.body.description, null);
      assert.equal(second.body.position, first.body.position + 1);
    });

    test('moving a component into a group takes it out of its old one', async () => {
      const c = await api.createComponent('Mover');
      const g1 = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'G1', components: [c] } })).body;
      const g2 = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'G2', components: [c] } })).body;
      assert.deepEqual((await api.request('GET', `/api/v1/component-groups/${g1.id}`)).body.components, []);
      assert.deepEqual((await api.request('GET', `/api/v1/component-groups/${g2.id}`)).body.components, [c]);
    });

    test('PATCH with components replaces membership; dropped components become ungrouped', async () => {
      const [a, b, c] = [await api.createComponent('A'), await api.createComponent('B'), await api.createComponent('C')];
      const g = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'G', components: [a, b] } })).body;
      const patched = await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: { name: 'G2', components: [c, a] } });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.name, 'G2');
      assert.deepEqual(patched.body.components, [c, a]);
      assert.equal(await groupIdOf(b), null);
      assert.equal(await groupIdOf(c), g.id);

      const renamed = await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: { description: 'kept members' } });
      assert.deepEqual(renamed.body.components, [c, a]);
      const emptied = await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: { components: [] } });
      assert.deepEqual(emptied.body.components, []);
      assert.equal(await groupIdOf(a), null);
    });

    test('DELETE ungroups its components without deleting them', async () => {
      const a = await api.createComponent('Survivor');
      const g = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'Doomed', components: [a] } })).body;
      const deleted = await api.request('DELETE', `/api/v1/component-groups/${g.id}`);
      assert.equal(deleted.status, 204);
      assert.equal((await api.request('GET', `/api/v1/component-groups/${g.id}`)).status, 404);
      const survivor = await api.request('GET', `/api/v1/components/${a}`);
      assert.equal(survivor.status, 200);
      assert.equal(survivor.body.group_id, null);
    });

    test('writes an audit row for each change', async () => {
      const a = await api.createComponent('Audited member');
      const g = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'Audited', components: [a] } })).body;
      await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: { name: 'Audited 2', components: [] } });
      await api.request('DELETE', `/api/v1/component-groups/${g.id}`);
      assert.deepEqual(await api.auditActions(g.id), ['component_group.create', 'component_group.update', 'component_group.delete']);
      const rows = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', g.id).orderBy('id').execute();
      assert.equal(rows[0]!.entity_type, 'component_group');
      assert.equal(rows[0]!.actor_name, 'admin');
      assert.deepEqual(JSON.parse(rows[1]!.before_json!).components, [a]);
      assert.deepEqual(JSON.parse(rows[1]!.after_json!).components, []);
      assert.equal(JSON.parse(rows[1]!.after_json!).name, 'Audited 2');
      assert.equal(rows[2]!.after_json, null);
    });

    test('rejects bad input naming the field, and writes nothing', async () => {
      const real = await api.createComponent('Real');
      const groupsBefore = (await api.request('GET', '/api/v1/component-groups')).body.length;
      const cases: [unknown, string][] = [
        [{}, 'name'],
        [{ name: '' }, 'name'],
        [{ name: 'x', colour: 'red' }, 'colour'],
        [{ name: 'x', position: -1 }, 'position'],
        [{ name: 'x', key: 'Not A Key' }, 'key'],
        [{ name: 'x', components: 'abc' }, 'components'],
        [{ name: 'x', components: [real, 'nope'] }, 'components.1'],
        [{ name: 'x', components: [real, real] }, 'components.1'],
        [{ name: 'x', group_id: 'abc' }, 'group_id'],
      ];
      for (const [body, field] of cases) {
        const res = await api.request('POST', '/api/v1/component-groups', { body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.equal(res.body.error.code, 'VALIDATION');
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal((await api.request('GET', '/api/v1/component-groups')).body.length, groupsBefore);
      assert.equal(await groupIdOf(real), null);
      assert.deepEqual(await api.auditActions(real), ['component.create']);
    });

    test('a failed PATCH leaves the group and its members unchanged', async () => {
      const a = await api.createComponent('Steady');
      const g = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'Steady group', components: [a] } })).body;
      const bad = await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: { name: 'Changed', components: ['missing'] } });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.details.issues[0].path, 'components.0');
      const empty = await api.request('PATCH', `/api/v1/component-groups/${g.id}`, { body: {} });
      assert.equal(empty.status, 422);
      assert.deepEqual((await api.request('GET', `/api/v1/component-groups/${g.id}`)).body, g);
      assert.deepEqual(await api.auditActions(g.id), ['component_group.create']);
    });

    test('unknown ids are 404', async () => {
      for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
        const res = await api.request(method, '/api/v1/component-groups/doesnotexist', { body });
        assert.equal(res.status, 404, method);
        assert.equal(res.body.error.code, 'NOT_FOUND');
      }
    });

    test('duplicate keys conflict, on create and on PATCH', async () => {
      assert.equal((await api.request('POST', '/api/v1/component-groups', { body: { name: 'A', key: 'dup-group' } })).status, 201);
      const again = await api.request('POST', '/api/v1/component-groups', { body: { name: 'B', key: 'dup-group' } });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'CONFLICT');
      const other = (await api.request('POST', '/api/v1/component-groups', { body: { name: 'C', key: 'other-group' } })).body;
      const patched = await api.request('PATCH', `/api/v1/component-groups/${other.id}`, { body: { key: 'dup-group' } });
      assert.equal(patched.status, 409);
      const same = await api.request('PATCH', `/api/v1/component-groups/${other.id}`, { body: { key: 'other-group', name: 'C2' } });
      assert.equal(same.status, 200);
    });

    test('a read key cannot change groups', async () => {
      const res = await api.request('POST', '/api/v1/component-groups', { key: 'read', body: { name: 'Nope' } });
      assert.equal(res.status, 403);
      assert.equal((await api.request('POST', '/api/v1/component-groups', { key: 'write', body: { name: 'Writer' } })).status, 201);
    });
  });
}
