import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import type { ServiceContext } from '../context.js';
import { dumpAll, fixture, rowCounts } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';
import { formatReport } from './report.js';

const API = 'ap1x7k2m9q4w';
const EU_WEST = 'ew1q4m8z2k7c';
const SLACK = 'sl4k9a2p6m3w';
const CORE = 'gk3x9wq2m7hd';
const OPEN_INCIDENT = 'k9v3t7x1q5mz';

for (const dialect of DIALECTS) {
  describe(`importing a Statuspage page on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    const clock = new ManualClock('2026-03-02T10:00:00.000Z');
    let ctx: ServiceContext;
    const run = (source: string, doc: unknown) => importStatuspage(ctx, { source, text: typeof doc === 'string' ? doc : JSON.stringify(doc) });
    const rows = (table: 'components' | 'incidents' | 'incident_updates' | 'maintenances', id: string) =>
      database.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'tester' } };
    });
    after(() => close());

    test('imports summary.json into an empty database with the original ids, timestamps, positions and statuses', async () => {
      const report = await run('summary.json', fixture('summary'));
      assert.deepEqual(formatReport(report), [
        '~ page (Acme Cloud): name, public_url, time_zone, page_id, updated_at',
        'imported summary.json: 12 components (3 groups), 1 incident (7 updates), 2 maintenances — 15 created, 0 updated, 0 unchanged',
      ]);

      const settings = await database.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(
        { name: settings.name, public_url: settings.public_url, time_zone: settings.time_zone, page_id: settings.page_id, updated_at: settings.updated_at },
        { name: 'Acme Cloud', public_url: 'https://status.acme-cloud.example', time_zone: 'Etc/UTC', page_id: 'zq8w2k4v7n1m', updated_at: '2026-03-02T09:41:27.519Z' },
      );
      assert.deepEqual(await database.db.selectFrom('component_groups').selectAll().where('id', '=', CORE).executeTakeFirstOrThrow(), {
        id: CORE,
        key: null,
        name: 'Core Platform',
        description: 'API, dashboard and sign-in',
        position: 2,
        sequence: 4,
        created_at: '2019-04-02T18:12:30.881Z',
        updated_at: '2023-01-19T11:27:36.054Z',
      });
      assert.deepEqual(await rows('components', API), {
        id: API,
        key: null,
        group_id: CORE,
        name: 'API',
        description: 'The public REST API (api.acme-cloud.example)',
        status: 'degraded_performance',
        position: 1,
        sequence: 1,
        showcase: 1,
        only_show_if_degraded: 0,
        start_date: '2019-04-02',
        created_at: '2019-04-02T18:12:30.906Z',
        updated_at: '2026-03-02T09:41:27.409Z',
      });
      assert.equal((await rows('components', 'nt5q7z1k3b8y')).only_show_if_degraded, 1);

      assert.deepEqual(await rows('incidents', OPEN_INCIDENT), {
        id: OPEN_INCIDENT,
        name: 'Elevated API error rates in eu-west-1',
        status: 'identified',
        impact: 'major',
        started_at: '2026-03-02T07:48:00.000Z',
        created_at: '2026-03-02T08:02:11.318Z',
        updated_at: '2026-03-02T09:41:27.466Z',
        monitoring_at: null,
        resolved_at: null,
        shortlink: 'https://stspg.io/4hq1l6n2wz8r',
        reminder_intervals: null,
      });
      const links = await database.db.selectFrom('incident_components').select('component_id').where('incident_id', '=', OPEN_INCIDENT).execute();
      assert.deepEqual(links.map((l) => l.component_id).sort(), [API, EU_WEST]);
      assert.equal((await database.db.selectFrom('incident_updates').select('id').where('incident_id', '=', OPEN_INCIDENT).execute()).length, 7);
      assert.deepEqual(await rows('incident_updates', 'b6q2x8w4k1mj'), {
        id: 'b6q2x8w4k1mj',
        incident_id: OPEN_INCIDENT,
        status: 'investigating',
        body: 'We are investigating elevated error rates for API requests in eu-west-1.',
        display_at: '2026-03-02T08:02:11.391Z',
        created_at: '2026-03-02T08:02:11.391Z',
        updated_at: '2026-03-02T08:02:11.391Z',
        deliver_notifications: 1,
        custom_tweet: "We're investigating elevated API error rates in eu-west-1. Updates: https://stspg.io/4hq1l6n2wz8r",
        tweet_id: '1896183645018419712',
        no_components_note: null,
        tweet_id_is_number: 0,
      });
      const quiet = await rows('incident_updates', 'z8k4q1w7m3tn');
      assert.equal(quiet.deliver_notifications, 0);
      const backdated = await rows('incident_updates', 'm2w6k9x1q4cb');
      assert.deepEqual([backdated.display_at, backdated.created_at], ['2026-03-02T08:51:00.000Z', '2026-03-02T08:53:02.117Z']);
      const changes = await database.db.selectFrom('incident_update_components').selectAll().where('update_id', '=', 'x5n1q8k3w7vd').orderBy('component_id').execute();
      assert.deepEqual(changes, [
        { update_id: 'x5n1q8k3w7vd', component_id: API, component_name: 'Core Platform - API', old_status: 'degraded_performance', new_status: 'partial_outage', position: 0 },
        { update_id: 'x5n1q8k3w7vd', component_id: EU_WEST, component_name: 'Regions - eu-west-1', old_status: 'partial_outage', new_status: 'major_outage', position: 1 },
      ]);

      // An upcoming window follows the clock; one already under way is left to the operator.
      const upcoming = await rows('maintenances', 'm7d2x9k4q1vb');
      assert.deepEqual([upcoming.status, upcoming.auto_transition, upcoming.started_at, upcoming.completed_at], ['scheduled', 1, null, null]);
      const active = await rows('maintenances', 's3n8q2w6k1xd');
      assert.deepEqual([active.status, active.auto_transition, active.started_at, active.shortlink], ['in_progress', 0, '2026-03-02T09:00:01.204Z', 'https://stspg.io/8qm3w6k1x4zr']);
      const activeUpdates = await database.db.selectFrom('maintenance_updates').select(['id', 'status', 'display_at']).where('maintenance_id', '=', 's3n8q2w6k1xd').orderBy('display_at').execute();
      assert.deepEqual(activeUpdates, [
        { id: 'd8q1x5w9k3ms', status: 'scheduled', display_at: '2026-02-25T12:14:40.391Z' },
        { id: 'r5w9k2q6x1mc', status: 'in_progress', display_at: '2026-03-02T09:00:01.204Z' },
      ]);

      const audit = await database.db.selectFrom('audit_log').selectAll().execute();
      assert.equal(audit.length, 16, 'the page, 3 groups, 9 components, 1 incident, 2 maintenances');
      assert.ok(audit.every((a) => a.actor_type === 'import' && a.actor_id === null && a.actor_name === 'summary.json' && a.at === clock.now().toISOString()));
      assert.deepEqual(
        audit.map((a) => a.action).sort(),
        ['component.create', 'component_group.create', 'incident.create', 'maintenance.create', 'settings.update'].flatMap((a) =>
          Array(({ 'component.create': 9, 'component_group.create': 3, 'maintenance.create': 2 } as Record<string, number>)[a] ?? 1).fill(a),
        ),
      );
    });

    test('writes status history so uptime starts sensibly: operational from created_at, then every change the incident updates recorded', async () => {
      const history = async (id: string) =>
        (await database.db.selectFrom('component_status_changes').select(['status', 'at', 'source', 'source_id']).where('component_id', '=', id).orderBy('at').orderBy('id').execute());
      assert.deepEqual(await history(API), [
        { status: 'operational', at: '2019-04-02T18:12:30.906Z', source: 'import', source_id: null },
        { status: 'degraded_performance', at: '2026-03-02T08:02:11.391Z', source: 'import', source_id: OPEN_INCIDENT },
        { status: 'partial_outage', at: '2026-03-02T09:12:44.902Z', source: 'import', source_id: OPEN_INCIDENT },
        { status: 'degraded_performance', at: '2026-03-02T09:41:27.447Z', source: 'import', source_id: OPEN_INCIDENT },
      ]);
      // Under maintenance with no update recording it: the file's status holds from the component's updated_at.
      assert.deepEqual(await history(SLACK), [
        { status: 'operational', at: '2023-05-08T09:31:03.719Z', source: 'import', source_id: null },
        { status: 'under_maintenance', at: '2026-03-02T09:00:01.180Z', source: 'import', source_id: null },
      ]);
    });

    test('importing the same file again changes nothing and writes no audit row', async () => {
      const before = await dumpAll(database.db);
      clock.advance(60_000);
      const report = await run('summary.json', fixture('summary'));
      assert.deepEqual(formatReport(report), ['imported summary.json: 12 components (3 groups), 1 incident (7 updates), 2 maintenances — 0 created, 0 updated, 15 unchanged']);
      assert.deepEqual(await dumpAll(database.db), before);
    });

    test('a changed file updates what changed: the incident resolves with a new update, its components recover', async () => {
      const doc = fixture('summary');
      const incident = doc.incidents[0];
      const resolvedAt = '2026-03-02T10:12:40.118Z';
      incident.status = 'resolved';
      incident.resolved_at = resolvedAt;
      incident.updated_at = '2026-03-02T10:12:40.136Z';
      incident.incident_updates.unshift({
        id: 'v2k8q4w1x7md',
        status: 'resolved',
        body: 'This incident has been resolved.',
        incident_id: OPEN_INCIDENT,
        created_at: resolvedAt,
        updated_at: resolvedAt,
        display_at: resolvedAt,
        affected_components: [
          { code: API, name: 'Core Platform - API', old_status: 'degraded_performance', new_status: 'operational' },
          { code: EU_WEST, name: 'Regions - eu-west-1', old_status: 'partial_outage', new_status: 'operational' },
        ],
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      });
      // A typo fixed in an earlier update.
      incident.incident_updates[5].body = 'We are continuing to investigate. Customers in other regions are not affected by this incident.';
      for (const c of doc.components.filter((c: any) => c.id === API || c.id === EU_WEST)) Object.assign(c, { status: 'operational', updated_at: '2026-03-02T10:12:40.101Z' });
      doc.page.updated_at = '2026-03-02T10:12:40.200Z';
      // A resolved incident leaves summary.json; the import keeps it (it removes nothing).
      const resolvedOnly = { ...doc, incidents: [incident] };

      const auditBefore = (await rowCounts(database.db)).audit_log!;
      clock.advance(60_000);
      const report = await run('summary.json', resolvedOnly);
      assert.deepEqual(formatReport(report), [
        '~ page (Acme Cloud): updated_at',
        '~ component ap1x7k2m9q4w (API): status, updated_at',
        '~ component ew1q4m8z2k7c (eu-west-1): status, updated_at',
        '~ incident k9v3t7x1q5mz (Elevated API error rates in eu-west-1): status, updated_at, resolved_at, incident_updates (1 new, 1 changed)',
        'imported summary.json: 12 components (3 groups), 1 incident (8 updates), 2 maintenances — 0 created, 3 updated, 12 unchanged',
      ]);
      assert.equal((await rowCounts(database.db)).audit_log, auditBefore + 4);
      const row = await rows('incidents', OPEN_INCIDENT);
      assert.deepEqual([row.status, row.resolved_at, row.updated_at], ['resolved', resolvedAt, '2026-03-02T10:12:40.136Z']);
      assert.equal((await rows('incident_updates', 'z8k4q1w7m3tn')).body, 'We are continuing to investigate. Customers in other regions are not affected by this incident.');
      assert.equal((await rows('components', API)).status, 'operational');
      const last = await database.db.selectFrom('component_status_changes').select(['status', 'at']).where('component_id', '=', EU_WEST).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(last, { status: 'operational', at: resolvedAt });
      const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', OPEN_INCIDENT).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.action, 'incident.update');
      assert.equal(JSON.parse(audit.before_json!).status, 'identified');
      assert.equal(JSON.parse(audit.after_json!).status, 'resolved');

      const again = await run('summary.json', resolvedOnly);
      assert.deepEqual(again.counts, { created: 0, updated: 0, unchanged: 15 });
    });

    test('incidents.json and scheduled-maintenances.json add the history; a postmortem-status incident keeps its status', async () => {
      const incidents = await run('incidents.json', fixture('incidents'));
      // The first incident is the one resolved above; the file still shows it open, so it is updated back.
      assert.deepEqual(formatReport(incidents).at(-1), 'imported incidents.json: 4 incidents (17 updates) — 3 created, 1 updated, 0 unchanged');
      const postmortem = await rows('incidents', 'p5t1k8w3m9zc');
      assert.deepEqual([postmortem.status, postmortem.impact, postmortem.resolved_at, postmortem.monitoring_at], ['postmortem', 'critical', '2026-02-11T22:58:30.417Z', '2026-02-11T22:31:02.776Z']);
      const quiet = await database.db.selectFrom('incident_update_components').selectAll().where('update_id', 'in', ['g9k3w7q2x6mt', 'u4q8x1k6w3mp']).execute();
      assert.deepEqual(quiet, [], 'null affected_components: no changes');

      const maintenances = await run('scheduled-maintenances.json', fixture('scheduled-maintenances'));
      assert.deepEqual(formatReport(maintenances), ['imported scheduled-maintenances.json: 3 maintenances — 1 created, 0 updated, 2 unchanged']);
      const done = await rows('maintenances', 'c6m1q9x4w2kt');
      assert.deepEqual([done.status, done.auto_transition, done.started_at, done.completed_at], ['completed', 0, '2026-02-15T06:00:02.815Z', '2026-02-15T06:48:55.351Z']);
    });

    test('incidents.json needs its components first: on an empty database it is refused and nothing is written', async () => {
      const fresh = await openTestDatabase(dialect);
      try {
        const freshCtx = { ...ctx, db: fresh.database.db };
        const before = await dumpAll(fresh.database.db);
        await assert.rejects(importStatuspage(freshCtx, { source: 'incidents.json', text: JSON.stringify(fixture('incidents')) }), (err: any) => {
          assert.equal(err.code, 'VALIDATION');
          assert.deepEqual(err.details.issues.slice(0, 2), [
            { path: 'incidents[0].components[0].id', message: 'no component "ap1x7k2m9q4w" in this file or the database; import the page\'s components.json (or summary.json) first' },
            { path: 'incidents[0].components[1].id', message: 'no component "ew1q4m8z2k7c" in this file or the database; import the page\'s components.json (or summary.json) first' },
          ]);
          return true;
        });
        assert.deepEqual(await dumpAll(fresh.database.db), before);
      } finally {
        await fresh.close();
      }
    });
  });
}
