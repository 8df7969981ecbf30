// The v2 documents end to end: data written through the admin API, the public
// model loaded from the database, the documents rendered and served on
// loopback — then read with our own checks and with a real Statuspage client
// library from npm (statuspage.js), validated against its own type declarations.
// Both from a bare node:http server returning the renderers' bytes and from
// Vigil's own HTTP server (the public snapshot in front of the same renderers).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Statuspage } from 'statuspage.js';
import { ManualClock } from '../../../lib/clock.js';
import { loadPublicModel } from '../../../services/public/loadPublicModel.js';
import type { PublicModel } from '../../../services/public/model.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { incidentSteps } from '../../../test/incident-steps.test-support.js';
import { publicSiteOf } from '../serving/fastify.js';
import { V2_CONTENT_TYPE, V2_DOCUMENTS, v2Routes } from './index.js';
import { clientTypeErrors, loadClientDeclarations } from './client-types.test-support.js';
import { checkDocument } from './shape.test-support.js';

const MINUTE = 60_000;

/** A bare node:http server answering GET and HEAD with the rendered bytes (until the snapshot layer serves them). */
async function serve(model: () => PublicModel): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = v2Routes.find((r) => r.match(url) !== null);
    if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const doc = route.render(model(), url);
    const body = Buffer.from(doc.body);
    res.writeHead(doc.status, { 'content-type': doc.contentType, 'content-length': body.length, 'access-control-allow-origin': '*' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

for (const dialect of DIALECTS) {
  describe(`Statuspage v2 API from the database on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T12:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    const steps = incidentSteps(api, clock);
    const ids = {} as Record<'web' | 'api' | 'db' | 'group' | 'open' | 'monitoring' | 'resolved' | 'upcoming' | 'active' | 'done', string>;
    let model: PublicModel;
    let served: { server: Server; base: string };
    /** The two servers answering the documents: name → base URL. */
    const targets = () => ({ 'a bare node:http server': served.base, "Vigil's public snapshot": api.baseUrl });
    const fetchFrom = async (base: string, path: string) => {
      const res = await fetch(base + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), V2_CONTENT_TYPE);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      return res.json() as Promise<any>;
    };
    const get = (path: string) => fetchFrom(served.base, path);

    before(async () => {
      assert.equal((await api.request('PATCH', '/api/v1/page', { body: { name: 'Acme', public_url: 'https://status.acme.test' } })).status, 200);
      // A second between creations, so created_at settles ties on position.
      clock.advance(1000);
      ids.web = await api.createComponent('Website');
      clock.advance(1000);
      ids.api = await api.createComponent('API', { description: 'Public REST API' });
      clock.advance(1000);
      ids.db = await api.createComponent('Database');
      clock.advance(1000);
      const group = await api.request('POST', '/api/v1/component-groups', { body: { name: 'Platform', components: [ids.api, ids.db] } });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      ids.group = group.body.id;

      ids.resolved = (await steps.open({ name: 'Login failures', impact: 'minor', components: { [ids.web]: 'partial_outage' } })).id;
      clock.advance(20 * MINUTE);
      await steps.post(ids.resolved, { status: 'resolved', body: 'Fixed.' });
      ids.monitoring = (await steps.open({ name: 'Slow dashboard', impact: 'none', body: 'Slow.' })).id;
      await steps.post(ids.monitoring, { status: 'monitoring', body: 'A fix is out.' });
      ids.open = (await steps.open({ name: 'API errors', impact: 'major', body: 'Investigating.', components: { [ids.api]: 'partial_outage' } })).id;
      clock.advance(10 * MINUTE);
      await steps.post(ids.open, { status: 'identified', body: 'Found it.', components: { [ids.api]: 'major_outage', [ids.db]: 'degraded_performance' } });
      await steps.post(ids.open, { status: 'identified', body: 'Still working on it.' });

      const maintenance = async (body: Record<string, unknown>) => {
        clock.advance(1000);
        const res = await api.request('POST', '/api/v1/maintenances', { body: { auto_transition: false, ...body } });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body.id as string;
      };
      ids.done = await maintenance({ name: 'Old upgrade', status: 'completed', scheduled_for: '2026-02-01T10:00:00Z', scheduled_until: '2026-02-01T11:00:00Z' });
      ids.active = await maintenance({ name: 'Website move', status: 'in_progress', scheduled_for: '2026-03-01T12:00:00Z', scheduled_until: '2026-03-01T14:00:00Z', component_ids: [ids.web] });
      ids.upcoming = await maintenance({ name: 'Database upgrade', scheduled_for: '2026-03-08T10:00:00Z', scheduled_until: '2026-03-08T11:00:00Z', component_ids: [ids.db, ids.api] });
      clock.advance(MINUTE);
      model = await loadPublicModel(api.ctx, { publicUrl: 'http://unused.test' });
      served = await serve(() => model);
      await publicSiteOf(api.app)!.refresh();
    });
    after(() => new Promise<void>((resolve) => served.server.close(() => resolve())));

    test('every endpoint answers 200 JSON with Statuspage\'s exact keys, order, nesting, types and enums', async () => {
      for (const base of Object.values(targets())) {
        for (const path of Object.keys(V2_DOCUMENTS)) checkDocument(path, await fetchFrom(base, path));
      }
    });

    test("Vigil's HTTP server sends the renderers' documents unchanged", async () => {
      for (const path of Object.keys(V2_DOCUMENTS)) {
        const res = await fetch(api.baseUrl + path, { headers: { 'accept-encoding': 'identity' } });
        assert.equal(await res.text(), JSON.stringify(V2_DOCUMENTS[path]!(model)), path);
      }
    });

    test('HEAD answers 2xx with no body', async () => {
      for (const base of Object.values(targets())) {
        for (const path of Object.keys(V2_DOCUMENTS)) {
          const res = await fetch(base + path, { method: 'HEAD' });
          assert.equal(res.status, 200, path);
          assert.equal(await res.text(), '');
        }
      }
    });

    test('summary.json: the page, the flat component list, unresolved incidents, active and upcoming maintenances, the indicator', async () => {
      const summary = await get('/api/v2/summary.json');
      assert.deepEqual(summary.page, { id: model.page.id, name: 'Acme', url: 'https://status.acme.test', time_zone: 'UTC', updated_at: model.page.updated_at });
      // Website, API (first in the group) and the group tie on position 0: the order they were created in; then Database (1).
      assert.deepEqual(summary.components.map((c: any) => [c.name, c.group]), [['Website', false], ['API', false], ['Platform', true], ['Database', false]]);
      assert.deepEqual(summary.components[2].components, [ids.api, ids.db]);
      assert.equal(summary.components[2].status, 'major_outage');
      assert.equal(summary.components[0].status, 'under_maintenance');
      assert.deepEqual(summary.incidents.map((i: any) => i.id), [ids.open, ids.monitoring]);
      assert.deepEqual(summary.scheduled_maintenances.map((m: any) => m.id), [ids.upcoming, ids.active]);
      assert.deepEqual(summary.status, { indicator: 'major', description: 'Partial System Outage' });
    });

    test('incident_updates newest first, each with the component changes it made (null when none)', async () => {
      const incident = (await get('/api/v2/incidents/unresolved.json')).incidents[0];
      assert.equal(incident.id, ids.open);
      assert.deepEqual(incident.incident_updates.map((u: any) => u.body), ['Still working on it.', 'Found it.', 'Investigating.']);
      assert.equal(incident.incident_updates[0].affected_components, null);
      assert.deepEqual(incident.incident_updates[1].affected_components, [
        { code: ids.api, name: 'API', old_status: 'partial_outage', new_status: 'major_outage' },
        { code: ids.db, name: 'Database', old_status: 'operational', new_status: 'degraded_performance' },
      ]);
      assert.deepEqual(incident.incident_updates[2].affected_components, [{ code: ids.api, name: 'API', old_status: 'operational', new_status: 'partial_outage' }]);
      assert.ok(incident.incident_updates.every((u: any) => u.incident_id === ids.open));
      assert.deepEqual(incident.components.map((c: any) => c.name), ['API', 'Database']);
      assert.equal(incident.shortlink, `https://status.acme.test/incidents/${ids.open}`);
      assert.equal(incident.monitoring_at, null);
    });

    test('incidents.json lists every incident newest first; unresolved.json only the open ones', async () => {
      assert.deepEqual((await get('/api/v2/incidents.json')).incidents.map((i: any) => [i.name, i.status]), [
        ['API errors', 'identified'],
        ['Slow dashboard', 'monitoring'],
        ['Login failures', 'resolved'],
      ]);
      const resolved = (await get('/api/v2/incidents.json')).incidents[2];
      assert.match(resolved.resolved_at, /^2026-03-01T12:20:0\d\.000Z$/);
      assert.deepEqual((await get('/api/v2/incidents/unresolved.json')).incidents.map((i: any) => i.name), ['API errors', 'Slow dashboard']);
    });

    test('scheduled maintenances: all newest window first, upcoming, active', async () => {
      const names = async (path: string) => (await get(path)).scheduled_maintenances.map((m: any) => [m.name, m.status]);
      assert.deepEqual(await names('/api/v2/scheduled-maintenances.json'), [
        ['Database upgrade', 'scheduled'],
        ['Website move', 'in_progress'],
        ['Old upgrade', 'completed'],
      ]);
      assert.deepEqual(await names('/api/v2/scheduled-maintenances/upcoming.json'), [['Database upgrade', 'scheduled']]);
      assert.deepEqual(await names('/api/v2/scheduled-maintenances/active.json'), [['Website move', 'in_progress']]);
      const upcoming = (await get('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances[0];
      assert.equal(upcoming.scheduled_for, '2026-03-08T10:00:00.000Z');
      assert.equal(upcoming.impact, 'maintenance');
      assert.deepEqual(upcoming.components.map((c: any) => c.name), ['Database', 'API'], 'in the order the maintenance was given them');
      assert.equal(upcoming.incident_updates.length, 1);
    });

    test('a real Statuspage client (statuspage.js from npm) reads all eight documents, each valid against its declared types', async () => {
      const decls = loadClientDeclarations();
      for (const [name, base] of Object.entries(targets())) {
        const client = new Statuspage('vigil');
        // The client's base URL is fixed to <id>.statuspage.io; point its own axios instance at the loopback server.
        (client as unknown as { axios: { defaults: { baseURL: string } } }).axios.defaults.baseURL = `${base}/api/v2`;
        const calls: [string, string, () => Promise<unknown>][] = [
          ['/api/v2/summary.json', 'Summary', () => client.summary()],
          ['/api/v2/status.json', 'PageStatus', () => client.status()],
          ['/api/v2/components.json', 'PageComponents', () => client.components()],
          ['/api/v2/incidents.json', 'AllIncidents', () => client.allIncidents()],
          ['/api/v2/incidents/unresolved.json', 'UnresolvedIncidents', () => client.unresolvedIncidents()],
          ['/api/v2/scheduled-maintenances.json', 'AllScheduledMaintenances', () => client.allScheduledMaintenances()],
          ['/api/v2/scheduled-maintenances/upcoming.json', 'UpcomingScheduledMaintenances', () => client.upcomingScheduledMaintenances()],
          ['/api/v2/scheduled-maintenances/active.json', 'ActiveScheduledMaintenances', () => client.activeScheduledMaintenances()],
        ];
        for (const [path, type, call] of calls) {
          const read = await call();
          assert.deepEqual(clientTypeErrors(decls, type, read), [], `${name}: ${path} as the client's ${type}`);
          // Every timestamp came back as a Date; written out again, the client's view is our document.
          assert.deepEqual(JSON.parse(JSON.stringify(read)), await get(path), `${name}: ${path}`);
        }
        const summary = await client.summary();
        assert.ok(summary.page.updated_at instanceof Date);
        assert.equal(summary.incidents?.[0]?.incident_updates[0]?.body, 'Still working on it.');
        assert.ok(summary.incidents?.[0]?.incident_updates[0]?.display_at instanceof Date);
        const upcoming = await client.upcomingScheduledMaintenances();
        assert.equal(upcoming.scheduled_maintenances[0]?.scheduled_for.toISOString(), '2026-03-08T10:00:00.000Z');
      }
    });
  });
}
