// Migration 0005 on a database that already holds monitor audit rows with
// secrets in them (written before secrets were write-only).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator } from 'kysely';
import { createTestDatabase, DIALECTS } from '../../test/databases.test-support.js';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from './index.js';

for (const dialect of DIALECTS) {
  test(`0005 on ${dialect}: old monitor audit rows lose their secrets, other rows are untouched`, async () => {
    const testDb = await createTestDatabase(dialect);
    const database = openDatabase(testDb.url);
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(dialect) } });
      const { error } = await migrator.migrateTo('0004_monitors');
      assert.equal(error, undefined);
      const monitor = { id: 'm1', type: 'http', name: 'API', url: 'https://bot:pw1@a.test/', headers: { Authorization: 'Bearer tok-1' }, keyword: 'ok' };
      const component = { id: 'c1', name: 'Bearer tok-1 is a name here' };
      const row = (entity_type: string, entity_id: string, after: unknown) => ({
        at: '2026-01-01T00:00:00.000Z', actor_type: 'cli', actor_id: null, actor_name: 't', action: `${entity_type}.create`,
        entity_type, entity_id, before_json: null, after_json: JSON.stringify(after),
      });
      await database.db.insertInto('audit_log').values([row('monitor', 'm1', monitor), row('component', 'c1', component)]).execute();

      await migrateToLatest(database);
      const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      assert.deepEqual(JSON.parse(rows[0]!.after_json!), { ...monitor, url: 'https://bot:••••@a.test/', headers: { Authorization: '••••' } });
      assert.equal(rows[1]!.after_json, JSON.stringify(component));
      const key = await database.db.selectFrom('api_keys').select(['last_used_at', 'expires_at']).executeTakeFirst();
      assert.equal(key, undefined, 'the columns exist (the select ran)');
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
}
