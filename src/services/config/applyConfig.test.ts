import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { updateComponent } from '../components/updateComponent.js';
import { formatReport } from './report.js';

const FILE = `
page:
  name: Acme Status
  public_url: https://status.acme.test
  time_zone: Europe/Berlin
groups:
  - key: platform
    name: Platform
    description: Core services
  - key: customer
    name: Customer-facing
components:
  - key: api
    name: API
    description: Public REST API
    group: platform
    status: operational
  - key: db
    name: Database
    group: platform
    only_show_if_degraded: true
  - key: web
    name: Website
    group: customer
  - key: email
    name: Email
    showcase: false
`;

for (const dialect of DIALECTS) {
  describe(`applying vigil.yaml on ${dialect}`, () => {
    test('creates everything on a fresh install (and updates its page), in file order, with one audit row each', () =>
      withConfigDatabase(dialect, async ({ database, apply }) => {
        const { page_id: pageId } = await database.db.selectFrom('settings').select('page_id').executeTakeFirstOrThrow();
        const report = await apply(FILE);
        assert.deepEqual(formatReport(report), [
          // The page row exists from the migrations on, so the file changes its defaults.
          '~ page: name "Vigil" → "Acme Status", public_url none → "https://status.acme.test", time_zone "UTC" → "Europe/Berlin"',
          '+ group platform (Platform)',
          '+ group customer (Customer-facing)',
          '+ component api (API)',
          '+ component db (Database)',
          '+ component web (Website)',
          '+ component email (Email)',
          'applied vigil.yaml: 6 created, 1 updated, 0 unchanged, 0 to remove',
        ]);
        const db = database.db;
        const settings = await db.selectFrom('settings').selectAll().execute();
        assert.deepEqual(settings.map((s) => [s.id, s.name, s.public_url, s.time_zone]), [[1, 'Acme Status', 'https://status.acme.test', 'Europe/Berlin']]);
        assert.ok(pageId);
        assert.equal(settings[0]!.page_id, pageId, 'the page keeps its id');
        const groups = await db.selectFrom('component_groups').selectAll().orderBy('position').execute();
        assert.deepEqual(groups.map((g) => [g.key, g.name, g.description, g.position]), [
          ['platform', 'Platform', 'Core services', 0],
          ['customer', 'Customer-facing', null, 1],
        ]);
        const groupId = (key: string) => groups.find((g) => g.key === key)!.id;
        const components = await db.selectFrom('components').selectAll().orderBy('key').execute();
        assert.deepEqual(
          components.map((c) => [c.key, c.name, c.description, c.group_id, c.position, c.status, c.showcase, c.only_show_if_degraded]),
          [
            ['api', 'API', 'Public REST API', groupId('platform'), 0, 'operational', 1, 0],
            ['db', 'Database', null, groupId('platform'), 1, 'operational', 1, 1],
            ['email', 'Email', null, null, 0, 'operational', 0, 0],
            ['web', 'Website', null, groupId('customer'), 0, 'operational', 1, 0],
          ],
        );
        const history = await db.selectFrom('component_status_changes').selectAll().execute();
        assert.equal(history.length, 4);
        assert.ok(history.every((h) => h.source === 'config' && h.status === 'operational'));

        const audit = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
        assert.deepEqual(audit.map((a) => a.action), [
          'settings.update',
          'component.create',
          'component.create',
          'component.create',
          'component.create',
          'component_group.create',
          'component_group.create',
        ]);
        assert.ok(audit.every((a) => a.actor_type === 'config' && a.actor_id === null && a.actor_name === 'vigil.yaml'));
        assert.deepEqual([audit[0]!.entity_type, audit[0]!.entity_id, JSON.parse(audit[0]!.before_json!).name], ['settings', '1', 'Vigil']);
        const platform = audit.find((a) => a.entity_id === groupId('platform'))!;
        assert.equal(platform.before_json, null);
        assert.deepEqual(JSON.parse(platform.after_json!).components, [components[0]!.id, components[1]!.id]);
      }));

    test('applying the same file again changes nothing and writes no audit rows', () =>
      withConfigDatabase(dialect, async ({ apply, dump }) => {
        await apply(FILE);
        const before = await dump();
        const report = await apply(FILE);
        assert.deepEqual(formatReport(report), ['applied vigil.yaml: 0 created, 0 updated, 7 unchanged, 0 to remove']);
        assert.deepEqual(report.counts, { created: 0, updated: 0, unchanged: 7, removed: 0, toRemove: 0, kept: 0 });
        assert.deepEqual(await dump(), before);
      }));

    test('an edited file updates only what changed, statuses through the history', () =>
      withConfigDatabase(dialect, async ({ database, apply }) => {
        await apply(FILE);
        const edited = FILE.replace('name: API\n', 'name: Public API\n')
          .replace('name: Acme Status', 'name: Acme')
          .replace('    group: customer\n', '    group: platform\n    status: major_outage\n');
        const report = await apply(edited);
        assert.deepEqual(formatReport(report), [
          '~ page: name "Acme Status" → "Acme"',
          '~ component api: name "API" → "Public API"',
          '~ component web: group "customer" → "platform", position 0 → 2, status "operational" → "major_outage"',
          'applied vigil.yaml: 0 created, 3 updated, 4 unchanged, 0 to remove',
        ]);
        const db = database.db;
        const web = await db.selectFrom('components').selectAll().where('key', '=', 'web').executeTakeFirstOrThrow();
        assert.equal(web.status, 'major_outage');
        const history = await db.selectFrom('component_status_changes').selectAll().where('component_id', '=', web.id).orderBy('id').execute();
        assert.deepEqual(history.map((h) => [h.status, h.source]), [['operational', 'config'], ['major_outage', 'config']]);

        const audit = await db.selectFrom('audit_log').selectAll().where('at', '=', web.updated_at).orderBy('id').execute();
        // Group rows did not change (membership moves are recorded on the component), so no group audit rows.
        assert.deepEqual(audit.map((a) => a.action), ['settings.update', 'component.update', 'component.update']);
        const webAudit = audit.find((a) => a.entity_id === web.id)!;
        assert.equal(JSON.parse(webAudit.before_json!).status, 'operational');
        assert.equal(JSON.parse(webAudit.after_json!).status, 'major_outage');
        assert.equal(JSON.parse(audit[0]!.before_json!).name, 'Acme Status');
        assert.equal(JSON.parse(audit[0]!.after_json!).name, 'Acme');
      }));

    test('a component without a status in the file keeps the status it has', () =>
      withConfigDatabase(dialect, async ({ ctx, database, apply, dump }) => {
        await apply(FILE);
        const db = await database.db.selectFrom('components').selectAll().where('key', '=', 'db').executeTakeFirstOrThrow();
        await updateComponent(ctx, db.id, { status: 'partial_outage' });
        const before = await dump();
        assert.equal((await apply(FILE)).counts.unchanged, 7);
        assert.deepEqual(await dump(), before);
        // The file's explicit `status: operational` on api is still enforced.
        const api = await database.db.selectFrom('components').selectAll().where('key', '=', 'api').executeTakeFirstOrThrow();
        await updateComponent(ctx, api.id, { status: 'major_outage' });
        assert.deepEqual(formatReport(await apply(FILE))[0], '~ component api: status "major_outage" → "operational"');
      }));

    test('--dry-run reports the plan and writes nothing', () =>
      withConfigDatabase(dialect, async ({ apply, dump }) => {
        const empty = await dump();
        const report = await apply(FILE, { dryRun: true });
        assert.equal(report.dryRun, true);
        assert.equal(report.counts.created, 6);
        assert.equal(report.counts.updated, 1);
        assert.equal(formatReport(report).at(-1), 'dry run of vigil.yaml, nothing written: 6 to create, 1 to update, 0 unchanged, 0 to remove');
        assert.deepEqual(await dump(), empty);

        await apply(FILE);
        const applied = await dump();
        const dry = await apply(FILE.replace('name: Website', 'name: Site').replace(/ {2}- key: email[^]*$/, ''), { dryRun: true, prune: true });
        assert.deepEqual(formatReport(dry), [
          '~ component web: name "Website" → "Site"',
          '- component email (would remove)',
          'dry run of vigil.yaml, nothing written: 0 to create, 1 to update, 5 unchanged, 1 to remove',
        ]);
        assert.deepEqual(await dump(), applied);
      }));

    test('sections left out of the file are not managed', () =>
      withConfigDatabase(dialect, async ({ apply, dump }) => {
        await apply(FILE);
        const before = await dump();
        const report = await apply('page:\n  name: Acme Status\n  public_url: https://status.acme.test\n  time_zone: Europe/Berlin\n', { prune: true });
        assert.deepEqual(formatReport(report), ['applied vigil.yaml: 0 created, 0 updated, 1 unchanged, 0 removed']);
        assert.deepEqual(await dump(), before);
      }));
  });
}
