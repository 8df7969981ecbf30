// Migration 0008 on a page made before it: groups and components are numbered
// in the order they were created (the tie-breaker they had), and what is
// created afterwards goes after them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator } from 'kysely';
import { createTestDatabase, DIALECTS } from '../../test/databases.test-support.js';
import { insertGroup } from '../component-groups.js';
import { insertComponent } from '../components.js';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from './index.js';

for (const dialect of DIALECTS) {
  test(`0008 on ${dialect}: existing groups and components get a sequence in creation order; new ones go after them`, async () => {
    const testDb = await createTestDatabase(dialect);
    const database = openDatabase(testDb.url);
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(dialect) } });
      assert.equal((await migrator.migrateTo('0007_status_change_links')).error, undefined);
      const at = (minute: number) => `2026-01-01T00:0${minute}:00.000Z`;
      const component = (id: string, minute: number) => ({
        id, key: null, group_id: null, name: id, description: null, status: 'operational', position: 0,
        showcase: 1, only_show_if_degraded: 0, start_date: null, created_at: at(minute), updated_at: at(minute),
      });
      await database.db.insertInto('components').values([component('c-late', 3), component('c-first', 1), component('c-tie-b', 2), component('c-tie-a', 2)]).execute();
      await database.db.insertInto('component_groups').values({ id: 'g', key: null, name: 'G', description: null, position: 0, created_at: at(2), updated_at: at(2) }).execute();

      await migrateToLatest(database);
      const sequences = async () => {
        const rows = [
          ...(await database.db.selectFrom('components').select(['id', 'sequence']).execute()),
          ...(await database.db.selectFrom('component_groups').select(['id', 'sequence']).execute()),
        ];
        return Object.fromEntries(rows.sort((a, b) => a.sequence - b.sequence).map((r) => [r.id, r.sequence]));
      };
      // created_at, then id on ties: c-first (1), then at minute 2 c-tie-a, c-tie-b, g, then c-late (3).
      assert.deepEqual(await sequences(), { 'c-first': 1, 'c-tie-a': 2, 'c-tie-b': 3, g: 4, 'c-late': 5 });

      await insertComponent(database.db, component('c-new', 0));
      await insertGroup(database.db, { id: 'g-new', key: null, name: 'G2', description: null, position: 0, created_at: at(0), updated_at: at(0) });
      const after = await sequences();
      assert.deepEqual([after['c-new'], after['g-new']], [6, 7], 'made in Vigil: after every existing group and component, whatever its created_at');

      const links = await database.db.selectFrom('incident_components').select(['position']).execute();
      assert.deepEqual(links, [], 'the link tables have a position column');
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
}
