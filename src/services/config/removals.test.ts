// Removal, pruning, objects created outside the file, and atomicity.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { ConfigFileError } from './config-file.js';
import { withConfigDatabase } from '../../test/config-apply.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { createComponentGroup } from '../component-groups/createComponentGroup.js';
import { createComponent } from '../components/createComponent.js';
import { formatReport } from './report.js';

const FILE = `page:
  name: Acme Status
groups:
  - key: platform
    name: Platform
  - key: customer
    name: Customer-facing
components:
  - key: api
    name: API
    group: platform
  - key: db
    name: Database
    group: platform
  - key: web
    name: Website
    group: customer
  - key: email
    name: Email
`;

/** FILE without the `customer` group and the `db` component; `web` becomes ungrouped. */
const SMALLER = FILE.replace('  - key: customer\n    name: Customer-facing\n', '')
  .replace('  - key: db\n    name: Database\n    group: platform\n', '')
  .replace('    group: customer\n', '');


for (const dialect of DIALECTS) {
  describe(`vigil.yaml removals on ${dialect}`, () => {
    test('entries no longer in the file are reported, and removed only with --prune', () =>
      withConfigDatabase(dialect, async ({ database, apply, dump }) => {
        await apply(FILE);
        const reported = await apply(SMALLER);
        assert.deepEqual(formatReport(reported), [
          '~ component web: group "customer" → none',
          '~ component email: position 0 → 1',
          '- component db (would remove; use --prune)',
          '- group customer (would remove; use --prune)',
          'applied vigil.yaml: 0 created, 2 updated, 3 unchanged, 2 to remove',
        ]);
        const db = database.db;
        assert.equal((await db.selectFrom('components').select('id').execute()).length, 4);
        assert.equal((await db.selectFrom('component_groups').select('id').execute()).length, 2);

        const gone = await db.selectFrom('components').selectAll().where('key', '=', 'db').executeTakeFirstOrThrow();
        const pruned = await apply(SMALLER, { prune: true });
        assert.deepEqual(formatReport(pruned), [
          '- component db (removed)',
          '- group customer (removed)',
          'applied vigil.yaml: 0 created, 0 updated, 5 unchanged, 2 removed',
        ]);
        assert.deepEqual((await db.selectFrom('components').select('key').orderBy('key').execute()).map((r) => r.key), ['api', 'email', 'web']);
        assert.deepEqual((await db.selectFrom('component_groups').select('key').execute()).map((r) => r.key), ['platform']);
        const audit = await db.selectFrom('audit_log').selectAll().where('action', 'like', '%.delete').orderBy('id').execute();
        assert.deepEqual(audit.map((a) => [a.action, JSON.parse(a.before_json!).key, a.after_json]), [
          ['component.delete', 'db', null],
          ['component_group.delete', 'customer', null],
        ]);
        assert.equal(audit[0]!.entity_id, gone.id);

        const before = await dump();
        assert.deepEqual(formatReport(await apply(SMALLER, { prune: true })), ['applied vigil.yaml: 0 created, 0 updated, 5 unchanged, 0 removed']);
        assert.deepEqual(await dump(), before);
      }));

    test('objects created without a key are never touched, and a group holding them is kept', () =>
      withConfigDatabase(dialect, async ({ ctx, database, apply }) => {
        await apply(FILE);
        const db = database.db;
        const customer = await db.selectFrom('component_groups').selectAll().where('key', '=', 'customer').executeTakeFirstOrThrow();
        const legacy = await createComponent(ctx, { name: 'Legacy DB', group_id: customer.id, position: 0 });
        const loose = await createComponent(ctx, { name: 'Loose', position: 0, status: 'partial_outage' });
        const manual = await createComponentGroup(ctx, { name: 'Manual group' });
        const untouched = async () => ({
          components: await db.selectFrom('components').selectAll().where('key', 'is', null).orderBy('id').execute(),
          groups: await db.selectFrom('component_groups').selectAll().where('key', 'is', null).execute(),
        });
        const before = await untouched();
        assert.deepEqual(before.components.map((c) => c.id).sort(), [legacy.id, loose.id].sort());

        const noEmail = SMALLER.replace('  - key: email\n    name: Email\n', '');
        assert.deepEqual(formatReport(await apply(noEmail, { prune: true })), [
          '~ component web: group "customer" → none',
          '- component db (removed)',
          '- component email (removed)',
          '! group customer is not in the file but is kept: it still holds components created outside it (Legacy DB)',
          'applied vigil.yaml: 0 created, 1 updated, 3 unchanged, 2 removed, 1 kept',
        ]);
        assert.deepEqual(await untouched(), before);
        assert.ok(await db.selectFrom('component_groups').select('id').where('id', '=', customer.id).executeTakeFirst());
        assert.ok(await db.selectFrom('component_groups').select('id').where('id', '=', manual.id).executeTakeFirst());
      }));

    test('a key used by an object of the other kind in the database is a clash, and nothing is written', () =>
      withConfigDatabase(dialect, async ({ database, apply, dump }) => {
        await apply(FILE);
        const before = await dump();
        // Renames the page and changes other entries first; the clash is the file's last entry.
        const clashing = SMALLER.replace('name: Acme Status', 'name: Acme') + '  - key: customer\n    name: Customer portal\n';
        await assert.rejects(apply(clashing), (err: unknown) => {
          assert.ok(err instanceof ConfigFileError);
          assert.deepEqual(err.lines(), [
            'vigil.yaml:14: components[3].key: key "customer" is already used by the group "Customer-facing" in the database; apply with --prune to remove it, or choose another key',
          ]);
          return true;
        });
        assert.deepEqual(await dump(), before);

        // With --prune the group goes, so the key is free for the component.
        const report = await apply(clashing, { prune: true });
        assert.equal(report.counts.created, 1);
        const owner = await database.db.selectFrom('components').select('name').where('key', '=', 'customer').executeTakeFirstOrThrow();
        assert.equal(owner.name, 'Customer portal');
      }));

    test('a failure halfway through the writes leaves the database exactly as before', () =>
      withConfigDatabase(dialect, async ({ database, apply, dump }) => {
        await apply(FILE);
        // A real database error on the last write: a trigger refusing one component.
        if (dialect === 'sqlite') {
          await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON components WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END`.execute(database.db);
        } else {
          await sql`CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.key = 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(database.db);
          await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON components FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(database.db);
        }
        const before = await dump();
        const file = FILE.replace('name: Acme Status', 'name: Acme')
          .replace('groups:\n', 'groups:\n  - key: new\n    name: New group\n')
          .replace('name: API\n', 'name: Public API\n    status: major_outage\n')
          + '  - key: fresh\n    name: Fresh\n    group: new\n  - key: boom\n    name: Boom\n';
        await assert.rejects(apply(file, { prune: true }), /boom refused/);
        assert.deepEqual(await dump(), before);
      }));
  });
}
