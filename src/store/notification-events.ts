// The outbox: notification events, inserted in the transaction of the change that causes them.
import type { Kysely } from 'kysely';
import type { DB, NewNotificationEventRow } from './schema.js';

/** Inserts an event; one with a dedupe key already present is skipped (returns false). */
export async function insertNotificationEvent(db: Kysely<DB>, row: NewNotificationEventRow): Promise<boolean> {
  const result = await db
    .insertInto('notification_events')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
