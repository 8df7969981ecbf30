// Driver errors leave store/ coded, whichever way the query ran: a plain statement, a transaction,
// a held connection. The driver's own error stays reachable as `cause` (for logs, never for clients).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import { insertComponent } from './components.js';
import type { Database } from './database.js';
import { driverCause } from './errors.js';

const NOW = '2026-01-01T00:00:00.000Z';
const row = (id: string, key: string) => ({
  id,
  key,
  group_id: null,
  name: id,
  description: null,
  status: 'operational',
  position: 0,
  showcase: 1,
  only_show_if_degraded: 0,
  start_date: null,
  created_at: NOW,
  updated_at: NOW,
});

function isCoded(code: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `an AppError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.ok(driverCause(err) !== err, 'the driver error is kept as cause');
    assert.doesNotMatch(err.message, /constraint|UNIQUE|duplicate key|SQLITE_/i, 'no driver words reach the message');
    return true;
  };
}

for (const dialect of DIALECTS) {
  describe(`coded driver errors on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      await insertComponent(database.db, row('aaaaaaaaaaaa', 'taken'));
    });
    after(() => close());

    test('a unique key clash outside any transaction is a CONFLICT', async () => {
      await assert.rejects(insertComponent(database.db, row('bbbbbbbbbbbb', 'taken')), isCoded('CONFLICT'));
    });

    test('inside a transaction and on a held connection too', async () => {
      await assert.rejects(
        database.db.transaction().execute((trx) => insertComponent(trx, row('cccccccccccc', 'taken'))),
        isCoded('CONFLICT'),
      );
      await assert.rejects(
        database.db.connection().execute((conn) => insertComponent(conn, row('dddddddddddd', 'taken'))),
        isCoded('CONFLICT'),
      );
      const { rows } = await sql<{ n: number }>`select count(*) as n from components`.execute(database.db);
      assert.equal(Number(rows[0]!.n), 1, 'nothing was written');
    });

    test('a missing referenced row is a VALIDATION error; SQL the store does not recognise stays as it was', async () => {
      await assert.rejects(insertComponent(database.db, { ...row('eeeeeeeeeeee', 'fresh'), group_id: 'nogroup00000' }), isCoded('VALIDATION'));
      await assert.rejects(sql`select * from no_such_table`.execute(database.db), (err: unknown) => !(err instanceof AppError));
    });
  });
}
