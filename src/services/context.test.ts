// The audit rule: a transaction that writes must write an audit row, unless
// its caller says the rows are data rather than changes ({ audit: false }).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import type { Database } from '../store/database.js';
import { transact, UnauditedChangeError, type ServiceContext } from './context.js';

for (const dialect of DIALECTS) {
  describe(`transact enforces the audit rule on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock: new ManualClock('2026-03-01T10:00:00.000Z'), actor: { type: 'cli', id: null, name: 'test' } };
    });
    after(() => close());

    const insertComponent = (tx: { db: Database['db'] }, key: string) =>
      tx.db.insertInto('components').values({
        id: key,
        key: null,
        name: key,
        description: null,
        status: 'operational',
        group_id: null,
        position: 0,
        showcase: 1,
        only_show_if_degraded: 0,
        start_date: null,
        created_at: '2026-03-01T10:00:00.000Z',
        updated_at: '2026-03-01T10:00:00.000Z',
      }).execute();

    const exists = async (id: string) => (await database.db.selectFrom('components').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

    test('a write without an audit row throws and is rolled back', async () => {
      const id = newId();
      await assert.rejects(transact(ctx, (tx) => insertComponent(tx, id)), (err: unknown) => {
        assert.ok(err instanceof UnauditedChangeError, String(err));
        assert.match((err as Error).message, /cli "test" wrote rows without an audit row/);
        return true;
      });
      assert.equal(await exists(id), false);
    });

    test('a write with its audit row commits', async () => {
      const id = newId();
      await transact(ctx, async (tx) => {
        await insertComponent(tx, id);
        await tx.audit('component.create', { type: 'component', id }, null, { id });
      });
      assert.equal(await exists(id), true);
    });

    test('a read-only transaction needs no audit row; { audit: false } lets data through without one', async () => {
      // Resolves with the callback's value (a length >= 0 here could not fail).
      const id0 = newId();
      await transact(ctx, async (tx) => {
        await insertComponent(tx, id0);
        await tx.audit('component.create', { type: 'component', id: id0 }, null, { id: id0 });
      });
      assert.deepEqual(await transact(ctx, (tx) => tx.db.selectFrom('components').select('id').where('id', '=', id0).execute()), [{ id: id0 }]);
      // A compare-and-set that matched no row changed nothing.
      await transact(ctx, (tx) => tx.db.updateTable('components').set({ name: 'x' }).where('id', '=', 'no-such-id').execute());
      const id = newId();
      await transact(ctx, (tx) => insertComponent(tx, id), { audit: false });
      assert.equal(await exists(id), true);
    });
  });
}
