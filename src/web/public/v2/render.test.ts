import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { V2_CONTENT_TYPE, V2_DOCUMENTS, v2Routes } from './index.js';
import { RECENT_LIMIT } from './documents.js';
import { incident, maintenance, testModel, update } from './model.test-support.js';
import { checkDocument, KEYS, reference } from './shape.test-support.js';
import { statuspageTime } from './time.js';
import { Statuspage } from 'statuspage.js';
import { clientTypeErrors, loadClientDeclarations } from './client-types.test-support.js';

const PATHS = Object.keys(V2_DOCUMENTS);

function render(path: string, model = testModel()): any {
  const route = v2Routes.find((r) => r.match(new URL(`http://status.test${path}`)) !== null);
  assert.ok(route, `a route answers ${path}`);
  const doc = route.render(model, new URL(`http://status.test${path}`));
  assert.equal(doc.status, 200);
  assert.equal(doc.contentType, V2_CONTENT_TYPE);
  return JSON.parse(doc.body);
}

describe('Statuspage v2 documents', () => {
  test('the reference fixture itself passes the checks (they compare against it)', () => {
    checkDocument('/api/v2/summary.json', reference);
    assert.deepEqual(KEYS.summary, ['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
  });

  test('every endpoint has exactly Statuspage\'s keys, order, nesting, types and enums', () => {
    for (const path of PATHS) checkDocument(path, render(path));
  });

  test('eight routes, each matching only its own path, CORS open', () => {
    assert.equal(v2Routes.length, 8);
    for (const path of PATHS) {
      const matching = v2Routes.filter((r) => r.match(new URL(`http://x${path}`)) !== null);
      assert.equal(matching.length, 1, path);
      assert.equal(matching[0]!.cors, true);
    }
    assert.ok(v2Routes.every((r) => r.match(new URL('http://x/api/v2/summary.jsonx')) === null));
    assert.ok(v2Routes.every((r) => r.match(new URL('http://x/api/v2/incidents/abc.json')) === null));
  });

  test('bodies are compact JSON, as Statuspage sends them', () => {
    const route = v2Routes.find((r) => r.match(new URL('http://x/api/v2/status.json')))!;
    const body = route.render(testModel(), new URL('http://x/api/v2/status.json')).body;
    assert.equal(
      body,
      '{"page":{"id":"page00000001","name":"Acme","url":"https://status.acme.test/","time_zone":"UTC","updated_at":"2026-03-01T12:50:00.000Z"},' +
        '"status":{"indicator":"minor","description":"Minor Service Outage"}}',
    );
  });

  test('groups and components form one flat list ordered by position, groups carrying their members', () => {
    const { components } = render('/api/v2/components.json');
    // g(0) a(0, in g) | b(1, in g) c(1) | d(2): position first, the order they were made in (sequence) on ties.
    assert.deepEqual(components.map((c: any) => c.id), ['g', 'a', 'b', 'c', 'd']);
    const [g, a] = components;
    assert.equal(g.group, true);
    assert.deepEqual(g.components, ['a', 'b']);
    assert.equal(g.status, 'partial_outage', 'a group shows its worst member');
    assert.equal(g.description, 'Core services');
    assert.equal(a.group, false);
    assert.equal(a.group_id, 'g');
    assert.equal(a.page_id, 'page00000001');
    assert.equal(a.start_date, '2026-01-15');
    assert.ok(!('components' in a), 'only groups carry `components`');
    assert.equal(components[4].only_show_if_degraded, true);
  });

  test('ties on position follow sequence, so a child may come before its group and groups interleave (status.sendgrid.com)', () => {
    const model = testModel();
    // b (in g) was made first, then g, then c: all at position 1 once g moves there.
    model.groups[0]!.position = 1;
    model.components.find((x) => x.id === 'b')!.sequence = 0;
    const { components } = render('/api/v2/components.json', model);
    assert.deepEqual(components.map((c: any) => c.id), ['a', 'b', 'g', 'c', 'd']);
    assert.deepEqual(components[2].components, ['a', 'b'], "a group's members stay in their own order");
  });

  test('an empty group is operational and lists no members', () => {
    const model = testModel();
    model.groups.push({ id: 'e', name: 'Empty', description: null, position: 5, component_ids: [], created_at: model.page.updated_at, updated_at: model.page.updated_at });
    const e = render('/api/v2/components.json', model).components.at(-1);
    assert.equal(e.id, 'e');
    assert.equal(e.status, 'operational');
    assert.deepEqual(e.components, []);
  });

  test('unresolved incidents in summary.json and unresolved.json; every incident in incidents.json, newest first', () => {
    assert.deepEqual(render('/api/v2/summary.json').incidents.map((i: any) => i.id), ['i3']);
    assert.deepEqual(render('/api/v2/incidents/unresolved.json').incidents.map((i: any) => i.id), ['i3']);
    assert.deepEqual(render('/api/v2/incidents.json').incidents.map((i: any) => i.id), ['i3', 'i2', 'i1']);
  });

  test('incident_updates newest first, with affected_components (null when an update names none)', () => {
    const [i3] = render('/api/v2/incidents.json').incidents;
    assert.deepEqual(i3.incident_updates.map((u: any) => u.id), ['i3-u2', 'i3-u1']);
    assert.equal(i3.incident_updates[0].affected_components, null);
    assert.deepEqual(i3.incident_updates[1].affected_components, [{ code: 'a', name: 'A', old_status: 'operational', new_status: 'partial_outage' }]);
    assert.equal(i3.incident_updates[1].incident_id, 'i3');
    assert.equal(i3.incident_updates[1].deliver_notifications, true);
    assert.deepEqual(i3.components.map((c: any) => c.id), ['a', 'c']);
    assert.equal(i3.reminder_intervals, null);
  });

  test('shortlinks: the stored one, else the incident\'s or maintenance\'s page under the public URL', () => {
    const incidents = render('/api/v2/incidents.json').incidents;
    assert.equal(incidents[0].shortlink, 'https://status.acme.test/incidents/i3');
    assert.equal(incidents[1].shortlink, 'https://stspg.io/abc');
    assert.equal(render('/api/v2/scheduled-maintenances.json').scheduled_maintenances[0].shortlink, 'https://status.acme.test/maintenances/m4');
  });

  test('maintenances: upcoming = scheduled, active = in progress or verifying, summary = both, all = every state', () => {
    const ids = (path: string) => render(path).scheduled_maintenances.map((m: any) => m.id);
    assert.deepEqual(ids('/api/v2/scheduled-maintenances/upcoming.json'), ['m4']);
    assert.deepEqual(ids('/api/v2/scheduled-maintenances/active.json'), ['m3', 'm2']);
    assert.deepEqual(ids('/api/v2/summary.json'), ['m4', 'm3', 'm2']);
    assert.deepEqual(ids('/api/v2/scheduled-maintenances.json'), ['m4', 'm3', 'm2', 'm1']);
  });

  test('a maintenance is an incident with impact "maintenance", its window last', () => {
    const all = render('/api/v2/scheduled-maintenances.json').scheduled_maintenances;
    const [m4] = all;
    assert.equal(m4.impact, 'maintenance');
    assert.equal(m4.scheduled_for, '2026-03-01T12:55:00.000Z');
    assert.equal(m4.scheduled_until, '2026-03-01T13:25:00.000Z');
    assert.equal(m4.started_at, m4.created_at, 'not begun: announced at creation');
    assert.equal(m4.resolved_at, null);
    assert.deepEqual(m4.components.map((c: any) => c.id), ['d', 'a'], 'components in the order the maintenance lists them');
    const m1 = all.at(-1);
    assert.equal(m1.resolved_at, '2026-03-01T12:35:00.000Z', 'resolved_at is when it completed');
    assert.equal(m1.started_at, m1.created_at, 'started_at stays when the notice began, after the work begins too (discordstatus.com)');
    assert.deepEqual(Object.keys(m4).slice(-4), ['incident_updates', 'components', 'scheduled_for', 'scheduled_until']);
  });

  test('incidents.json and scheduled-maintenances.json hold the 50 most recent', () => {
    const model = testModel();
    model.incidents = Array.from({ length: RECENT_LIMIT + 10 }, (_, k) => incident(`n${k}`, 'resolved', 0, { updates: [update(`n${k}u`, 'resolved', 0)] }));
    model.maintenances = Array.from({ length: RECENT_LIMIT + 5 }, (_, k) => maintenance(`w${k}`, k % 2 ? 'completed' : 'scheduled', 0));
    const incidents = render('/api/v2/incidents.json', model).incidents;
    assert.equal(incidents.length, 50);
    assert.deepEqual([incidents[0].id, incidents[49].id], ['n0', 'n49'], 'the first 50 in model order (newest first)');
    assert.equal(render('/api/v2/scheduled-maintenances.json', model).scheduled_maintenances.length, 50);
    // The filtered lists are not capped.
    assert.equal(render('/api/v2/scheduled-maintenances/upcoming.json', model).scheduled_maintenances.length, 28);
  });

  test('page and status come from the model', () => {
    const summary = render('/api/v2/summary.json');
    assert.deepEqual(summary.page, { id: 'page00000001', name: 'Acme', url: 'https://status.acme.test/', time_zone: 'UTC', updated_at: '2026-03-01T12:50:00.000Z' });
    assert.deepEqual(summary.status, { indicator: 'minor', description: 'Minor Service Outage' });
  });

  test('timestamps are written in the page\'s time zone with that instant\'s offset', () => {
    const model = testModel();
    model.page.time_zone = 'America/Tijuana';
    model.page.updated_at = '2022-02-15T21:37:37.407Z';
    model.components[0]!.created_at = '2015-07-31T01:55:43.739Z';
    const doc = render('/api/v2/components.json', model);
    // discordstatus.com (America/Tijuana) writes exactly these two.
    assert.equal(doc.page.updated_at, '2022-02-15T13:37:37.407-08:00');
    assert.equal(doc.components.find((c: any) => c.id === 'a').created_at, '2015-07-30T18:55:43.739-07:00');
  });

  test('statuspageTime: Z for UTC zones, the offset elsewhere, milliseconds always', () => {
    const t = '2026-01-10T06:05:04Z';
    assert.equal(statuspageTime(t, 'Etc/UTC'), '2026-01-10T06:05:04.000Z');
    assert.equal(statuspageTime(t, 'UTC'), '2026-01-10T06:05:04.000Z');
    assert.equal(statuspageTime(t, 'Asia/Kolkata'), '2026-01-10T11:35:04.000+05:30');
    assert.equal(statuspageTime(t, 'Europe/London'), '2026-01-10T06:05:04.000+00:00');
    assert.equal(statuspageTime('2026-07-10T06:05:04.123Z', 'Europe/London'), '2026-07-10T07:05:04.123+01:00');
    assert.equal(statuspageTime(t, 'America/St_Johns'), '2026-01-10T02:35:04.000-03:30');
    assert.equal(statuspageTime(t, 'Not/AZone'), '2026-01-10T06:05:04.000Z', 'an unknown zone falls back to UTC');
  });

  test('the statuspage.js client parses every document of a page in another time zone (its own response transform)', () => {
    const model = testModel();
    model.page.time_zone = 'America/Tijuana';
    type Transform = (body: string) => unknown;
    const client = new Statuspage('vigil') as unknown as { axios: { defaults: { transformResponse: Transform | Transform[] } } };
    const transform = client.axios.defaults.transformResponse;
    const parse = Array.isArray(transform) ? transform[0] : transform;
    const decls = loadClientDeclarations();
    const types: Record<string, string> = {
      '/api/v2/summary.json': 'Summary',
      '/api/v2/status.json': 'PageStatus',
      '/api/v2/components.json': 'PageComponents',
      '/api/v2/incidents.json': 'AllIncidents',
      '/api/v2/incidents/unresolved.json': 'UnresolvedIncidents',
      '/api/v2/scheduled-maintenances.json': 'AllScheduledMaintenances',
      '/api/v2/scheduled-maintenances/upcoming.json': 'UpcomingScheduledMaintenances',
      '/api/v2/scheduled-maintenances/active.json': 'ActiveScheduledMaintenances',
    };
    for (const path of PATHS) {
      const body = JSON.stringify(V2_DOCUMENTS[path]!(model));
      assert.match(body, /T\d{2}:\d{2}:\d{2}\.\d{3}-0[78]:00"/, 'offsets, not Z');
      const read = parse!(body) as any;
      assert.deepEqual(clientTypeErrors(decls, types[path]!, read), [], path);
      assert.equal(read.page.updated_at.toISOString(), model.page.updated_at, 'the same instant');
    }
  });

  test('the client-declaration check does catch a document the client would misread', () => {
    const decls = loadClientDeclarations();
    const errors = clientTypeErrors(decls, 'PageStatus', { page: { id: 'p', name: 'n', url: 'u', updated_at: '2026-01-01 10:00' }, status: { indicator: 'red' } });
    assert.deepEqual(errors, [
      'PageStatus.page.updated_at: not a Date the client recognised ("2026-01-01 10:00")',
      'PageStatus.status.description: missing',
      'PageStatus.status.indicator: "red" is none of \'none\' | \'minor\' | \'major\' | \'critical\'',
    ]);
  });
});
