// Lookups by a list of ids of any length: SQLite refuses a statement with more
// than 32,766 variables, so long lists are run in chunks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import type { Database } from './database.js';
import { getComponentsByIds, insertComponent } from './components.js';
import { listIncidentUpdateComponents } from './incident-updates.js';

for (const dialect of DIALECTS) {
  describe(`id lists of any length on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      const now = '2026-03-30T08:00:00.000Z';
      const row = { group_id: null, key: null, description: null, status: 'operational', showcase: 1, only_show_if_degraded: 0, start_date: null, created_at: now, updated_at: now };
      await insertComponent(database.db, { ...row, id: 'first', name: 'First', position: 0 });
      await insertComponent(database.db, { ...row, id: 'last', name: 'Last', position: 1 });
    });
    after(() => close());

    test('40,000 ids find the components among them', async () => {
      const ids = ['first', ...Array.from({ length: 40_000 }, (_, i) => `missing${i}`), 'last'];
      assert.deepEqual((await getComponentsByIds(database.db, ids)).map((c) => c.id).sort(), ['first', 'last']);
      assert.deepEqual(await listIncidentUpdateComponents(database.db, ids), []);
    });
  });
}
