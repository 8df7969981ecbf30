// Bad input, missing records and failed writes on the incidents API: every
// rejection names the field, and a rejected write leaves nothing behind.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ManualClock } from '../../../lib/clock.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

const NOW = '2026-03-30T08:00:00.000Z';
const SOON = '2026-03-30T08:00:30.000Z';
const LATER = '2026-03-30T08:05:00.000Z';

for (const dialect of DIALECTS) {
  describe(`incidents API input on ${dialect}`, () => {
    let comp: string;
    let incidentId: string;
    const clock = new ManualClock(NOW);
    const api = useTestApi(dialect, { clock });
    before(async () => {
      comp = await api.createComponent('API');
      incidentId = (await api.request('POST', '/api/v1/incidents', { body: { name: 'Base', component_ids: [comp] } })).body.id;
    });

    const TABLES = ['incidents', 'incident_updates', 'incident_components', 'incident_update_components', 'audit_log', 'component_status_changes'] as const;
    const counts = () => api.rowCounts(TABLES);
    async function expect422(method: string, path: string, body: unknown, field: string, pattern?: RegExp) {
      const { message } = await api.expectValidation(method, path, body, field);
      if (pattern) assert.match(message, pattern, message);
    }

    test('POST /incidents rejects bad input naming the field, and writes nothing', async () => {
      const before_ = await counts();
      const cases: [unknown, string][] = [
        [{}, 'name'],
        [{ name: '' }, 'name'],
        [{ name: 'x', status: 'on_fire' }, 'status'],
        [{ name: 'x', status: 'postmortem' }, 'status'],
        [{ name: 'x', impact: 'apocalyptic' }, 'impact'],
        [{ name: 'x', colour: 'red' }, 'colour'],
        [{ name: 'x', display_at: LATER }, 'display_at'],
        [{ name: 'x', started_at: LATER }, 'started_at'],
        [{ name: 'x', started_at: 'yesterday' }, 'started_at'],
        [{ name: 'x', display_at: '2026-03-30T08:00:00' }, 'display_at'],
        [{ name: 'x', status: 'resolved', started_at: '2026-03-30T07:00:00Z', display_at: '2026-03-30T06:00:00Z' }, 'started_at'],
        [{ name: 'x', components: { nope: 'major_outage' } }, 'components.nope'],
        [{ name: 'x', components: { [comp]: 'broken' } }, `components.${comp}`],
        [{ name: 'x', component_ids: [comp, 'nope'] }, 'component_ids.1'],
        [{ name: 'x', component_ids: 'nope' }, 'component_ids'],
        [{ name: 'x', body: 42 }, 'body'],
      ];
      for (const [body, field] of cases) await expect422('POST', '/api/v1/incidents', body, field);
      await expect422('POST', '/api/v1/incidents', { name: 'x', status: 'postmortem' }, 'status', /^status: .*publishing the postmortem/);
      assert.deepEqual(await counts(), before_);
    });

    test('a failed write leaves no trace: an unknown id in the map rolls back the whole incident', async () => {
      const before_ = await counts();
      const res = await api.request('POST', '/api/v1/incidents', {
        body: { name: 'Half', components: { [comp]: 'major_outage', ghost: 'major_outage' }, component_ids: [comp] },
      });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.error.details.issues, [{ path: 'components.ghost', message: 'no component with id or key "ghost"' }]);
      assert.deepEqual(await counts(), before_);
      assert.equal((await api.request('GET', `/api/v1/components/${comp}`)).body.status, 'operational');

      // The same for an update that would resolve the incident.
      const bad = await api.request('POST', `/api/v1/incidents/${incidentId}/updates`, {
        body: { status: 'resolved', body: 'done', components: { [comp]: 'operational', ghost: 'operational' } },
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(await counts(), before_);
      assert.equal((await api.request('GET', `/api/v1/incidents/${incidentId}`)).body.status, 'investigating');
    });

    test('a timestamp up to 60 seconds ahead is accepted (clock drift)', async () => {
      const res = await api.request('POST', '/api/v1/incidents', { body: { name: 'Drift', display_at: SOON, started_at: SOON } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.incident_updates[0].display_at, SOON);
    });

    test('POST /incidents/:id/updates rejects bad input', async () => {
      const path = `/api/v1/incidents/${incidentId}/updates`;
      const before_ = await counts();
      await expect422('POST', path, {}, 'body');
      await expect422('POST', path, { body: 'x', status: 'nope' }, 'status');
      await expect422('POST', path, { body: 'x', status: 'postmortem' }, 'status', /^status: .*postmortem\/publish/);
      await expect422('POST', path, { body: 'x', display_at: LATER }, 'display_at');
      await expect422('POST', path, { body: 'x', status: 'resolved', display_at: '2020-01-01T00:00:00Z' }, 'display_at');
      await expect422('POST', path, { body: 'x', components: { nope: 'operational' } }, 'components.nope');
      await expect422('POST', path, { body: 'x', component_ids: ['nope'] }, 'component_ids.0');
      await expect422('POST', path, { body: 'x', impact: 'major' }, 'impact');
      assert.deepEqual(await counts(), before_);
    });

    test('PATCH /incidents/:id takes metadata only and points status changes at updates', async () => {
      const path = `/api/v1/incidents/${incidentId}`;
      const before_ = await counts();
      await expect422('PATCH', path, { status: 'resolved' }, 'status', /^status: .*POST an update to \/api\/v1\/incidents\/\{id\}\/updates/);
      await expect422('PATCH', path, { body: 'Fixed' }, 'body', /\/updates/);
      await expect422('PATCH', path, { components: { [comp]: 'operational' } }, 'components', /\/updates/);
      await expect422('PATCH', path, { name: 'ok', status: 'resolved' }, 'status');
      await expect422('PATCH', path, {}, '');
      await expect422('PATCH', path, { impact: 'huge' }, 'impact');
      await expect422('PATCH', path, { started_at: LATER }, 'started_at');
      await expect422('PATCH', path, { component_ids: ['nope'] }, 'component_ids.0');
      await expect422('PATCH', path, { colour: 'red' }, 'colour');
      assert.deepEqual(await counts(), before_);
    });

    test('started_at of a resolved incident cannot move past resolved_at', async () => {
      const inc = (await api.request('POST', '/api/v1/incidents', { body: { name: 'Closed', started_at: '2026-03-30T07:00:00Z' } })).body;
      await api.request('POST', `/api/v1/incidents/${inc.id}/updates`, { body: { status: 'resolved', body: 'ok', display_at: '2026-03-30T07:30:00Z' } });
      await expect422('PATCH', `/api/v1/incidents/${inc.id}`, { started_at: '2026-03-30T07:31:00Z' }, 'started_at', /resolved_at/);
      const ok = await api.request('PATCH', `/api/v1/incidents/${inc.id}`, { body: { started_at: '2026-03-30T06:30:00Z' } });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.duration, '1h');
    });

    test('update edits take body and display_at only', async () => {
      const [u] = (await api.request('GET', `/api/v1/incidents/${incidentId}/updates`)).body;
      const path = `/api/v1/incidents/${incidentId}/updates/${u.id}`;
      await expect422('PATCH', path, { status: 'resolved' }, 'status');
      await expect422('PATCH', path, {}, '');
      await expect422('PATCH', path, { display_at: LATER }, 'display_at');
      await expect422('PATCH', path, { display_at: 'noon' }, 'display_at');
    });

    test('list queries are checked', async () => {
      for (const q of ['status=bogus', 'unresolved=yes', 'per_page=0', 'per_page=101', 'page=0', 'sort=name']) {
        const res = await api.request('GET', `/api/v1/incidents?${q}`);
        assert.equal(res.status, 400, q);
        assert.equal(res.body.error.code, 'BAD_REQUEST');
      }
    });

    test('missing incidents and updates are 404', async () => {
      const [u] = (await api.request('GET', `/api/v1/incidents/${incidentId}/updates`)).body;
      const cases: [string, string, unknown?][] = [
        ['GET', '/api/v1/incidents/nope'],
        ['PATCH', '/api/v1/incidents/nope', { name: 'x' }],
        ['DELETE', '/api/v1/incidents/nope'],
        ['GET', '/api/v1/incidents/nope/updates'],
        ['POST', '/api/v1/incidents/nope/updates', { body: 'x' }],
        ['PATCH', `/api/v1/incidents/${incidentId}/updates/nope`, { body: 'x' }],
        ['DELETE', `/api/v1/incidents/${incidentId}/updates/nope`],
        ['PATCH', `/api/v1/incidents/nope/updates/${u.id}`, { body: 'x' }],
        ['DELETE', `/api/v1/incidents/nope/updates/${u.id}`],
      ];
      for (const [method, path, body] of cases) {
        const res = await api.request(method, path, body === undefined ? {} : { body });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.body.error.code, 'NOT_FOUND');
      }
    });

    test('reads need the read scope, writes the write scope', async () => {
      assert.equal((await api.request('GET', '/api/v1/incidents', { key: 'read' })).status, 200);
      assert.equal((await api.request('GET', `/api/v1/incidents/${incidentId}`, { key: 'read' })).status, 200);
      const denied = await api.request('POST', '/api/v1/incidents', { key: 'read', body: { name: 'x' } });
      assert.equal(denied.status, 403);
      assert.equal((await api.request('POST', `/api/v1/incidents/${incidentId}/updates`, { key: 'read', body: { body: 'x' } })).status, 403);
      assert.equal((await api.request('POST', '/api/v1/incidents', { key: 'write', body: { name: 'by writer' } })).status, 201);
      assert.equal((await api.request('GET', '/api/v1/incidents', { key: null })).status, 401);
    });
  });
}
