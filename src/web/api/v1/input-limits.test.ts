// Bounded, clean input on the admin API: huge id lists and maps are a 422
// naming the field (not a 500 from the database's variable limit), long
// issue lists are cut at 50 with a count, NUL and lone surrogates are refused
// in every text field (bodies, query strings, path parameters), and years
// outside 1970–9999 are refused.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';

const MANY = 40_000;
const manyIds = Array.from({ length: MANY }, (_, i) => `c${i}`);
const manyStatuses = Object.fromEntries(manyIds.map((id) => [id, 'major_outage']));

for (const dialect of DIALECTS) {
  describe(`admin API input bounds on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-30T08:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    let comp: string;
    let incident: string;
    let update: string;
    before(async () => {
      comp = await api.createComponent('API');
      const created = await api.request('POST', '/api/v1/incidents', { body: { name: 'Base', component_ids: [comp] } });
      incident = created.body.id;
      update = created.body.incident_updates[0].id;
    });

    test(`${MANY.toLocaleString('en')} ids in a components map or id list are a 422 naming the field`, async () => {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/v1/incidents', { name: 'x', components: manyStatuses }, 'components'],
        ['POST', '/api/v1/incidents', { name: 'x', component_ids: manyIds }, 'component_ids'],
        ['POST', '/api/v1/incidents/{incident}/updates', { body: 'x', components: manyStatuses }, 'components'],
        ['PATCH', '/api/v1/incidents/{incident}', { component_ids: manyIds }, 'component_ids'],
        ['POST', '/api/v1/maintenances', { name: 'm', scheduled_for: '2026-04-01T00:00:00Z', scheduled_until: '2026-04-01T01:00:00Z', component_ids: manyIds }, 'component_ids'],
        ['POST', '/api/v1/component-groups', { name: 'g', components: manyIds }, 'components'],
      ];
      for (const [method, path, body, field] of cases) {
        const { issue } = await api.expectValidation(method, path.replace('{incident}', incident), body, field);
        assert.match(issue.message, /at most 1000 components/, `${method} ${path}: ${issue.message}`);
      }
      // 1000 is allowed (and reaches the database: they do not exist).
      const thousand = Object.fromEntries(manyIds.slice(0, 1000).map((id) => [id, 'major_outage']));
      const res = await api.request('POST', '/api/v1/incidents', { body: { name: 'x', components: thousand } });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.details.issues[0].path, 'components.c0');
    });

    test('a validation error lists the first 50 issues and counts the rest', async () => {
      const bad = Object.fromEntries(manyIds.slice(0, 900).map((id) => [id, 'on_fire']));
      const res = await api.request('POST', '/api/v1/incidents', { body: { name: 'x', components: bad } });
      assert.equal(res.status, 422);
      const { issues, total, truncated } = res.body.error.details;
      assert.equal(issues.length, 50);
      assert.equal(total, 900);
      assert.equal(truncated, true);
      assert.match(res.body.error.message, /\(and 899 more\)$/);
    });

    test('NUL and lone surrogates are refused in every text field, naming it, and nothing is written', async () => {
      const tables = ['components', 'incidents', 'incident_updates', 'maintenances', 'component_groups', 'postmortems', 'audit_log'] as const;
      const counts = await api.rowCounts(tables);
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/v1/components', { name: 'a\u0000b' }, 'name'],
        ['POST', '/api/v1/components', { name: 'ok', description: 'lone \ud800 high' }, 'description'],
        ['PATCH', `/api/v1/components/{comp}`, { description: 'lone \udc00 low' }, 'description'],
        ['POST', '/api/v1/incidents', { name: 'x', body: 'nul \u0000' }, 'body'],
        ['POST', '/api/v1/incidents', { name: 'x', components: { 'a\u0000': 'major_outage' } }, 'components.a\\u0000'],
        ['POST', '/api/v1/incidents/{incident}/updates', { body: 'x\u0000' }, 'body'],
        ['PATCH', '/api/v1/incidents/{incident}/updates/{update}', { body: 'x\u0000' }, 'body'],
        ['PATCH', '/api/v1/incidents/{incident}', { name: 'x\u0000' }, 'name'],
        ['PUT', '/api/v1/incidents/{incident}/postmortem', { sections: [{ title: 'Fault', body: 'ok' }, { title: 'Lead\u0000up', body: 'x' }] }, 'sections.1.title'],
        ['POST', '/api/v1/maintenances', { name: 'm\u0000', scheduled_for: '2026-04-01T00:00:00Z', scheduled_until: '2026-04-01T01:00:00Z' }, 'name'],
        ['POST', '/api/v1/component-groups', { name: 'g\ud83d' }, 'name'],
        ['PATCH', '/api/v1/page', { name: 'Status\u0000' }, 'name'],
        ['POST', '/api/v1/api-keys', { name: 'k\u0000', scope: 'read' }, 'name'],
        ['POST', '/api/v1/monitors', { type: 'heartbeat', name: 'hb\u0000' }, 'name'],
      ];
      const path = (p: string) => p.replace('{comp}', comp).replace('{incident}', incident).replace('{update}', update);
      for (const [method, p, body, field] of cases) {
        const { issue } = await api.expectValidation(method, path(p), body, field);
        assert.match(issue.message, /NUL|surrogate/, `${method} ${p}: ${issue.message}`);
      }
      assert.deepEqual(await api.rowCounts(tables), counts);
    });

    test('a monitor PATCH is checked too', async () => {
      const created = await api.request('POST', '/api/v1/monitors', { body: { type: 'heartbeat', name: 'hb' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await api.expectValidation('PATCH', `/api/v1/monitors/${created.body.id}`, { name: 'hb\u0000' }, 'name');
    });

    test('query strings and path parameters: NUL is a 422 naming the parameter', async () => {
      for (const [method, url, field] of [
        ['GET', '/api/v1/audit-log?action=a%00b', 'query.action'],
        ['GET', '/api/v1/components/a%00b', 'params.id'],
        ['DELETE', `/api/v1/incidents/${incident}/updates/a%00b`, 'params.update_id'],
      ] as const) {
        const res = await api.request(method, url);
        assert.equal(res.status, 422, `${url}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.details.issues[0].path, field);
      }
    });

    test('years outside 1970–9999 are a 422', async () => {
      await api.expectValidation('POST', '/api/v1/incidents', { name: 'x', started_at: '0001-01-01T00:00:00Z' }, 'started_at');
      await api.expectValidation('POST', '/api/v1/incidents', { name: 'x', display_at: '1969-12-31T23:59:59Z' }, 'display_at');
      await api.expectValidation('PATCH', `/api/v1/incidents/${incident}/updates/${update}`, { display_at: '0999-01-01T00:00:00Z' }, 'display_at');
      await api.expectValidation('POST', '/api/v1/components', { name: 'x', start_date: '1969-12-31' }, 'start_date');
      const window = { name: 'm', scheduled_for: '9999-12-31T23:00:00-02:00', scheduled_until: '9999-12-31T23:30:00Z' };
      await api.expectValidation('POST', '/api/v1/maintenances', window, 'scheduled_for');
    });
  });
}
