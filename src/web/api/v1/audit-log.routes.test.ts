import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

for (const dialect of DIALECTS) {
  describe(`audit log API on ${dialect}`, () => {
    const api = useTestApi(dialect);

    test('lists changes newest first with actor and parsed before/after', async () => {
      const created = (await api.request('POST', '/api/v1/components', { key: 'write', body: { name: 'Logged' } })).body;
      await api.request('PATCH', `/api/v1/components/${created.id}`, { body: { name: 'Logged 2' } });
      const res = await api.request('GET', `/api/v1/audit-log?entity_id=${created.id}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.length, 2);
      const [update, create] = res.body;
      assert.ok(update.id > create.id);
      assert.deepEqual(Object.keys(update).sort(), ['action', 'actor', 'after', 'at', 'before', 'entity_id', 'entity_type', 'id']);
      assert.equal(update.action, 'component.update');
      assert.equal(update.entity_type, 'component');
      assert.equal(update.before.name, 'Logged');
      assert.equal(update.after.name, 'Logged 2');
      assert.equal(update.actor.type, 'api_key');
      assert.equal(update.actor.name, 'admin');
      assert.equal(create.action, 'component.create');
      assert.equal(create.before, null);
      assert.deepEqual(create.after, created);
      assert.equal(create.actor.name, 'writer');
      assert.match(create.actor.id, /^[a-z0-9]{12}$/);
      assert.match(create.at, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    });

    test('filters by entity type and action, and pages with before_id and limit', async () => {
      for (const name of ['P1', 'P2', 'P3', 'P4', 'P5']) await api.request('POST', '/api/v1/component-groups', { body: { name } });
      const groups = (await api.request('GET', '/api/v1/audit-log?entity_type=component_group&action=component_group.create')).body;
      assert.equal(groups.length, 5);
      assert.deepEqual(groups.map((e: { after: { name: string } }) => e.after.name), ['P5', 'P4', 'P3', 'P2', 'P1']);

      const page1 = (await api.request('GET', '/api/v1/audit-log?entity_type=component_group&limit=2')).body;
      const page2 = (await api.request('GET', `/api/v1/audit-log?entity_type=component_group&limit=2&before_id=${page1.at(-1).id}`)).body;
      const page3 = (await api.request('GET', `/api/v1/audit-log?entity_type=component_group&limit=2&before_id=${page2.at(-1).id}`)).body;
      assert.deepEqual([...page1, ...page2, ...page3].map((e: { id: number }) => e.id), groups.map((e: { id: number }) => e.id));
      assert.equal(page3.length, 1);

      const none = (await api.request('GET', '/api/v1/audit-log?action=nothing.happened')).body;
      assert.deepEqual(none, []);
    });

    test('defaults to the 50 newest entries', async () => {
      for (let i = 0; i < 55; i++) await api.request('PATCH', '/api/v1/page', { body: { name: `Page ${i}` } });
      const res = (await api.request('GET', '/api/v1/audit-log')).body;
      assert.equal(res.length, 50);
      assert.equal(res[0].after.name, 'Page 54');
      const ids = res.map((e: { id: number }) => e.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    });

    test('rejects bad query parameters naming them', async () => {
      for (const [query, field] of [
        ['limit=0', 'query.limit'],
        ['limit=201', 'query.limit'],
        ['limit=ten', 'query.limit'],
        ['before_id=-3', 'query.before_id'],
        ['actor=me', 'query.actor'],
      ]) {
        const res = await api.request('GET', `/api/v1/audit-log?${query}`);
        assert.equal(res.status, 400, query);
        assert.ok(res.body.error.details.issues.some((i: { path: string }) => i.path === field), `${field} in ${JSON.stringify(res.body)}`);
      }
      assert.equal((await api.request('GET', '/api/v1/audit-log?limit=200')).status, 200);
    });
  });
}
