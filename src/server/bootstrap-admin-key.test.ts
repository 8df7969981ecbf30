import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import { openDatabase } from '../store/database.js';
import { openTestDatabase } from '../test/databases.js';
import { bootstrapAdminKey } from './bootstrap-admin-key.js';

// Several instances share a database only on PostgreSQL (SQLite is one process;
// better-sqlite3 connections in one thread would just wait on each other).
for (const dialect of ['postgres'] as const) {
  describe(`first admin key on ${dialect}`, () => {
    test('instances starting together on one empty database create exactly one key', async () => {
      const { testDb, close } = await openTestDatabase(dialect);
      // Separate connections (pools), as separate Vigil processes would have.
      const instances = Array.from({ length: 5 }, () => openDatabase(testDb.url));
      try {
        const results = await Promise.all(
          instances.map((d) => bootstrapAdminKey({ db: d.db, clock: systemClock, actor: { type: 'system', id: null, name: 'startup' } })),
        );
        const created = results.filter((r) => r !== null);
        assert.equal(created.length, 1);
        assert.equal(created[0]!.scope, 'admin');
        const rows = await instances[0]!.db.selectFrom('api_keys').selectAll().execute();
        assert.equal(rows.length, 1);
        const again = await bootstrapAdminKey({ db: instances[0]!.db, clock: systemClock, actor: { type: 'system', id: null, name: 'startup' } });
        assert.equal(again, null);
      } finally {
        await Promise.all(instances.map((d) => d.close()));
        await close();
      }
    });
  });
}
