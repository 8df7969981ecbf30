import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { ManualClock } from '../../lib/clock.js';
import type { DB } from '../../store/schema.js';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { incidentSteps } from '../../test/incident-steps.test-support.js';
import { loadPublicModel, UPTIME_DAYS } from './loadPublicModel.js';
import type { PublicModel } from './model.js';

const MINUTE = 60_000;
const PUBLIC_URL = 'http://status.vigil.test';

/** The same database, counting every query sent through it. */
function counting(db: Kysely<DB>) {
  const counter = { queries: 0 };
  const counted = db.withPlugin({
    transformQuery: (args) => {
      counter.queries += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: counted, counter };
}

for (const dialect of DIALECTS) {
  describe(`public read model on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T12:00:00.000Z');
    const api = useTestApi(dialect, { clock });
    const steps = incidentSteps(api, clock);
    const ids = {} as Record<'website' | 'api' | 'db' | 'group' | 'cdn' | 'old' | 'open' | 'upcoming' | 'active', string>;
    let model: PublicModel;
    const load = () => loadPublicModel(api.ctx, { publicUrl: PUBLIC_URL });

    before(async () => {
      // Configured first, so the settings' updated_at is on the test clock (the migration stamps the real install time).
      assert.equal((await api.request('PATCH', '/api/v1/page', { body: { name: 'Vigil' } })).status, 200);
      clock.advance(1000);
      ids.website = await api.createComponent('Website');
      clock.advance(1000);
      ids.api = await api.createComponent('API', { description: 'Public REST API' });
      clock.advance(1000);
      ids.db = await api.createComponent('Database');
      clock.advance(1000);
      const group = await api.request('POST', '/api/v1/component-groups', { body: { name: 'Platform', components: [ids.db, ids.api] } });
      assert.equal(group.status, 201, JSON.stringify(group.body));
      ids.group = group.body.id;
      clock.advance(1000);
      ids.cdn = await api.createComponent('CDN');

      // An incident that went through a postmortem, long resolved.
      const old = await steps.open({ name: 'Old outage', impact: 'minor', components: { [ids.cdn]: 'partial_outage' } });
      ids.old = old.id;
      clock.advance(30 * MINUTE);
      await steps.post(old.id, { status: 'resolved', body: 'Fixed.' });
      const pm = await api.request('PUT', `/api/v1/incidents/${old.id}/postmortem`, {
        body: { template: 'standard', sections: [{ title: 'Leadup', body: 'A deploy.' }, { title: 'Fault', body: 'A typo.' }] },
      });
      assert.equal(pm.status, 200, JSON.stringify(pm.body));
      clock.advance(1000);
      const published = await api.request('POST', `/api/v1/incidents/${old.id}/postmortem/publish`);
      assert.equal(published.status, 200, JSON.stringify(published.body));

      // The open one: API partial for an hour, then API major and Database degraded.
      clock.advance(MINUTE);
      const open = await steps.open({ name: 'API errors', impact: 'major', body: 'Looking into it.', components: { [ids.api]: 'partial_outage' } });
      ids.open = open.id;
      clock.advance(60 * MINUTE - 1000); // steps.post adds the last second
      await steps.post(open.id, { status: 'identified', body: 'Found it.', components: { [ids.api]: 'major_outage', [ids.db]: 'degraded_performance' } });

      const upcoming = await api.request('POST', '/api/v1/maintenances', {
        body: { name: 'CDN swap', scheduled_for: '2026-03-05T10:00:00Z', scheduled_until: '2026-03-05T11:00:00Z', component_ids: [ids.cdn], auto_transition: false },
      });
      assert.equal(upcoming.status, 201, JSON.stringify(upcoming.body));
      ids.upcoming = upcoming.body.id;
      clock.advance(1000);
      const active = await api.request('POST', '/api/v1/maintenances', {
        body: { name: 'Website move', status: 'in_progress', scheduled_for: '2026-03-01T13:00:00Z', scheduled_until: '2026-03-01T15:00:00Z', component_ids: [ids.website], auto_transition: false },
      });
      assert.equal(active.status, 201, JSON.stringify(active.body));
      ids.active = active.body.id;
      clock.advance(30 * MINUTE);
      model = await load();
    });

    test('the page: stable id from settings, the configured URL until settings name one, latest change as updated_at', async () => {
      const settings = await api.database.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
      assert.equal(model.page.id, settings.page_id);
      assert.equal(model.page.url, PUBLIC_URL);
      assert.equal(model.page.time_zone, 'UTC');
      assert.equal(model.generated_at, clock.now().toISOString());
      // The last write was the active maintenance, 30 minutes before the load.
      assert.equal(model.page.updated_at, new Date(clock.now().getTime() - 30 * MINUTE).toISOString());

      clock.advance(1000);
      const patched = await api.request('PATCH', '/api/v1/page', { body: { name: 'Acme Status', public_url: 'https://status.acme.test' } });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      const after = await load();
      assert.equal(after.page.url, 'https://status.acme.test');
      assert.equal(after.page.name, 'Acme Status');
      assert.equal(after.page.id, settings.page_id);
      assert.equal(after.page.updated_at, clock.now().toISOString());
    });

    test('display order: groups and ungrouped components by position, members within their group', () => {
      // Website (position 0, oldest) and the group (position 0, newer) tie on position; CDN is position 1.
      assert.deepEqual(model.components.map((c) => c.name), ['Website', 'Database', 'API', 'CDN']);
      assert.deepEqual(model.groups.map((g) => [g.name, g.component_ids]), [['Platform', [ids.db, ids.api]]]);
      const apiComponent = model.components.find((c) => c.id === ids.api)!;
      assert.equal(apiComponent.group_id, ids.group);
      assert.equal(apiComponent.status, 'major_outage');
      assert.equal(apiComponent.description, 'Public REST API');
    });

    test('incidents newest first, updates newest first with the component changes each made', () => {
      assert.deepEqual(model.incidents.map((i) => i.name), ['API errors', 'Old outage']);
      const open = model.incidents[0]!;
      assert.equal(open.status, 'identified');
      assert.equal(open.impact, 'major');
      assert.deepEqual(open.component_ids, [ids.api, ids.db], 'affected components in the order they were added');
      assert.deepEqual(open.updates.map((u) => u.status), ['identified', 'investigating']);
      assert.deepEqual(open.updates[0]!.affected_components, [
        { code: ids.api, name: 'API', old_status: 'partial_outage', new_status: 'major_outage' },
        { code: ids.db, name: 'Database', old_status: 'operational', new_status: 'degraded_performance' },
      ]);
      assert.deepEqual(open.updates[1]!.affected_components, [{ code: ids.api, name: 'API', old_status: 'operational', new_status: 'partial_outage' }]);
      assert.equal(open.updates[1]!.body, 'Looking into it.');
      assert.equal(open.updates[1]!.deliver_notifications, true);
      assert.equal(open.postmortem, null);
    });

    test('a published postmortem comes with its sections; the incident shows status postmortem', () => {
      const old = model.incidents.find((i) => i.id === ids.old)!;
      assert.equal(old.status, 'postmortem');
      assert.ok(old.postmortem);
      assert.deepEqual(old.postmortem.sections.map((s) => [s.title, s.body]), [['Leadup', 'A deploy.'], ['Fault', 'A typo.']]);
      assert.equal(old.updates[0]!.status, 'postmortem');
    });

    test('an unpublished postmortem stays out of the model', async () => {
      clock.advance(1000);
      assert.equal((await api.request('POST', `/api/v1/incidents/${ids.old}/postmortem/unpublish`)).status, 200);
      const after = await load();
      assert.equal(after.incidents.find((i) => i.id === ids.old)!.postmortem, null);
      clock.advance(1000);
      assert.equal((await api.request('POST', `/api/v1/incidents/${ids.old}/postmortem/publish`)).status, 200);
    });

    test('maintenances newest window first, with their components and updates', () => {
      assert.deepEqual(model.maintenances.map((m) => m.id), [ids.upcoming, ids.active]);
      const [upcoming, active] = model.maintenances;
      assert.equal(upcoming!.status, 'scheduled');
      assert.deepEqual(upcoming!.component_ids, [ids.cdn]);
      assert.equal(upcoming!.updates.length, 1);
      assert.equal(active!.status, 'in_progress');
      assert.ok(active!.started_at);
      assert.equal(model.components.find((c) => c.id === ids.website)!.status, 'under_maintenance');
    });

    test('the page indicator weighs open incidents, component statuses and maintenance', () => {
      assert.deepEqual(model.status, { indicator: 'major', description: 'Partial System Outage' });
    });

    test('90 days of uptime per component from its status history, today last', () => {
      assert.deepEqual(Object.keys(model.uptime).sort(), [ids.website, ids.api, ids.db, ids.cdn].sort());
      const days = model.uptime[ids.api]!;
      assert.equal(days.length, UPTIME_DAYS);
      assert.equal(days.at(-1)!.date, '2026-03-01');
      assert.equal(days[0]!.date, '2025-12-02');
      assert.equal(days[0]!.uptime, null, 'no history before the component existed');
      const today = days.at(-1)!;
      assert.equal(today.partial_outage_minutes, 60);
      assert.equal(today.major_outage_minutes, 30.02, 'from the identified update until the load: 30 min 1 s');
      assert.ok(today.uptime !== null && today.uptime < 100);
      assert.equal(model.uptime[ids.website]!.at(-1)!.major_outage_minutes, 0);
    });

    test('history before the window sets the status the window opens with', async () => {
      clock.set('2026-07-01T12:00:00.000Z'); // months later: every change is before the window
      const later = await load();
      const days = later.uptime[ids.api]!;
      assert.equal(days[0]!.date, '2026-04-03');
      assert.equal(days[0]!.major_outage_minutes, 24 * 60, 'still in major outage since March');
      assert.equal(later.uptime[ids.cdn]!.at(-1)!.uptime, 100);
      clock.set('2026-03-01T14:40:00.000Z');
    });

    test('a fixed number of queries, whatever the number of incidents and updates', async () => {
      const first = counting(api.database.db);
      await loadPublicModel({ ...api.ctx, db: first.db }, { publicUrl: PUBLIC_URL });
      for (let k = 0; k < 5; k++) {
        const i = await steps.open({ name: `Extra ${k}`, components: { [ids.cdn]: 'degraded_performance' } });
        await steps.post(i.id, { status: 'resolved', body: 'ok' });
      }
      const second = counting(api.database.db);
      const bigger = await loadPublicModel({ ...api.ctx, db: second.db }, { publicUrl: PUBLIC_URL });
      assert.equal(bigger.incidents.length, model.incidents.length + 5);
      assert.ok(first.counter.queries > 0);
      assert.equal(second.counter.queries, first.counter.queries);
    });
  });
}
