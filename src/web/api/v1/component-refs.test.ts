// Components and component groups are addressable by the key vigil.yaml gives them wherever the
// admin API takes their id: in paths, in body fields and in the monitors filter. Answers carry ids.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

for (const dialect of DIALECTS) {
  describe(`components by key on ${dialect}`, () => {
    const api = useTestApi(dialect);
    let billing: string;
    let search: string;
    let core: string;

    before(async () => {
      const group = await api.request('POST', '/api/v1/component-groups', { body: { name: 'Core', key: 'core' } });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      core = group.body.id;
      billing = await api.createComponent('Billing API', { key: 'billing-api', group_id: 'core' });
      search = await api.createComponent('Search', { key: 'search' });
    });

    test('component paths take the key and answer with the id', async () => {
      const got = await api.request('GET', '/api/v1/components/billing-api', { key: 'read' });
      assert.equal(got.status, 200, JSON.stringify(got.body));
      assert.equal(got.body.id, billing);
      assert.equal(got.body.group_id, core, 'group_id given as a key is stored as the id');

      const patched = await api.request('PATCH', '/api/v1/components/billing-api', { body: { status: 'degraded_performance' } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.id, billing);
      assert.equal(await api.componentStatus(billing), 'degraded_performance');

      const history = await api.request('GET', '/api/v1/components/billing-api/status-history');
      assert.deepEqual(history.body.map((h: { status: string }) => h.status), ['operational', 'degraded_performance']);
      const uptime = await api.request('GET', '/api/v1/components/billing-api/uptime?days=7');
      assert.equal(uptime.status, 200);
      assert.equal(uptime.body.component_id, billing);
    });

    test('an unknown key is a 404 naming it; an unknown group key is a 422 naming group_id', async () => {
      const missing = await api.request('GET', '/api/v1/components/no-such-key');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NOT_FOUND');
      assert.match(missing.body.error.message, /no-such-key/);
      assert.equal((await api.request('DELETE', '/api/v1/component-groups/no-such-group')).status, 404);

      const { issue } = await api.expectValidation('POST', '/api/v1/components', { name: 'Orphan', group_id: 'no-such-group' }, 'group_id');
      assert.equal(issue.message, 'no component group with id or key "no-such-group"');
    });

    test('an id wins over another component\'s key equal to it', async () => {
      const first = await api.createComponent('First');
      const shadow = await api.createComponent('Shadow', { key: first });
      const got = await api.request('GET', `/api/v1/components/${first}`);
      assert.equal(got.body.id, first);
      await api.request('DELETE', `/api/v1/components/${shadow}`);
      await api.request('DELETE', `/api/v1/components/${first}`);
    });

    test('group paths and member lists take keys', async () => {
      const got = await api.request('GET', '/api/v1/component-groups/core');
      assert.equal(got.status, 200);
      assert.equal(got.body.id, core);
      const patched = await api.request('PATCH', '/api/v1/component-groups/core', { body: { components: ['search', billing] } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual(patched.body.components, [search, billing]);

      const twice = await api.expectValidation('PATCH', '/api/v1/component-groups/core', { components: [billing, 'billing-api'] }, 'components.1');
      assert.match(twice.issue.message, /listed more than once/);
      const unknown = await api.expectValidation('POST', '/api/v1/component-groups', { name: 'Edge', components: ['search', 'ghost'] }, 'components.1');
      assert.equal(unknown.issue.message, 'no component with id or key "ghost"');
    });

    test('incidents and their updates take keys in components and component_ids', async () => {
      const created = await api.request('POST', '/api/v1/incidents', {
        body: { name: 'Payments failing', components: { 'billing-api': 'major_outage' }, component_ids: ['search'] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.components.map((c: { id: string }) => c.id).sort(), [billing, search].sort());
      assert.deepEqual(created.body.incident_updates[0].affected_components.map((c: { code: string }) => c.code), [billing]);
      assert.equal(await api.componentStatus(billing), 'major_outage');

      const update = await api.request('POST', `/api/v1/incidents/${created.body.id}/updates`, {
        body: { status: 'monitoring', body: 'Fix deployed', components: { 'billing-api': 'partial_outage' } },
      });
      assert.equal(update.status, 201, JSON.stringify(update.body));
      assert.equal(update.body.affected_components[0].code, billing);

      const patched = await api.request('PATCH', `/api/v1/incidents/${created.body.id}`, { body: { component_ids: ['billing-api'] } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual(patched.body.components.map((c: { id: string }) => c.id), [billing]);

      const before = await api.rowCounts(['incidents', 'incident_updates']);
      const res = await api.request('POST', '/api/v1/incidents', { body: { name: 'Bad', components: { 'ghost-key': 'major_outage' }, component_ids: ['search', 'other-ghost'] } });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.error.details.issues, [
        { path: 'components.ghost-key', message: 'no component with id or key "ghost-key"' },
        { path: 'component_ids.1', message: 'no component with id or key "other-ghost"' },
      ]);
      const same = await api.expectValidation('POST', `/api/v1/incidents/${created.body.id}/updates`, { body: 'x', components: { [billing]: 'operational', 'billing-api': 'major_outage' } }, 'components.billing-api');
      assert.equal(same.issue.message, `names the same component as "${billing}"`);
      assert.deepEqual(await api.rowCounts(['incidents', 'incident_updates']), before, 'refused requests wrote nothing');
    });

    test('maintenances take keys in component_ids', async () => {
      const body = { name: 'Database upgrade', scheduled_for: '2030-01-01T00:00:00Z', scheduled_until: '2030-01-01T02:00:00Z' };
      const created = await api.request('POST', '/api/v1/maintenances', { body: { ...body, component_ids: ['billing-api', 'search'] } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.components.map((c: { id: string }) => c.id).sort(), [billing, search].sort());

      const patched = await api.request('PATCH', `/api/v1/maintenances/${created.body.id}`, { body: { component_ids: ['search'] } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual(patched.body.components.map((c: { id: string }) => c.id), [search]);

      const { issue } = await api.expectValidation('POST', '/api/v1/maintenances', { ...body, component_ids: ['search', 'nope'] }, 'component_ids.1');
      assert.equal(issue.message, 'no component with id or key "nope"');
      await api.expectValidation('POST', '/api/v1/maintenances', { ...body, component_ids: [search, 'search'] }, 'component_ids.1');
    });

    test('monitors take a key in component_id and in the list filter', async () => {
      const created = await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'Billing cron', component_id: 'billing-api' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.component_id, billing);

      const moved = await api.request('PATCH', `/api/v1/monitors/${created.body.id}`, { body: { component_id: 'search' } });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.component_id, search);

      const listed = await api.request('GET', '/api/v1/monitors?component_id=search');
      assert.deepEqual(listed.body.map((m: { id: string }) => m.id), [created.body.id]);
      assert.deepEqual((await api.request('GET', '/api/v1/monitors?component_id=nothing-here')).body, []);

      const { issue } = await api.expectValidation('PATCH', `/api/v1/monitors/${created.body.id}`, { component_id: 'ghost' }, 'component_id');
      assert.equal(issue.message, 'no component with id or key "ghost"');
    });

    test('deleting by key removes the component', async () => {
      const doomed = await api.createComponent('Doomed', { key: 'doomed' });
      assert.equal((await api.request('DELETE', '/api/v1/components/doomed')).status, 204);
      assert.equal((await api.request('GET', `/api/v1/components/${doomed}`)).status, 404);
      assert.deepEqual(await api.auditActions(doomed), ['component.create', 'component.delete']);
    });
  });
}

describe('OpenAPI says where a key is accepted', () => {
  const api = useTestApi('sqlite');

  test('component and group paths and the component fields describe id or key', async () => {
    const doc = (await api.request('GET', '/api/v1/openapi.json', { key: null })).body;
    for (const path of ['/api/v1/components/{id}', '/api/v1/component-groups/{id}']) {
      const param = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'id');
      assert.match(param.description, /key given in vigil\.yaml/, path);
    }
    const text = JSON.stringify(doc.components.schemas);
    for (const schema of ['IncidentCreate', 'MaintenanceCreate', 'ComponentGroupCreate']) {
      assert.match(JSON.stringify(doc.components.schemas[schema]), /key given in vigil\.yaml/, schema);
    }
    assert.match(text, /the component whose status follows this monitor, by id or vigil\.yaml key/);
  });
});
