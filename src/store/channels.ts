// The team's notification channels (email, webhook, Slack, Discord, Teams) and
// the monitor references their routing rules name.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ChannelRow, ChannelTable, DB, MonitorRow } from './schema.js';

export function listChannels(db: Kysely<DB>): Promise<ChannelRow[]> {
  return db.selectFrom('channels').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function getChannel(db: Kysely<DB>, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getChannelByKey(db: Kysely<DB>, key: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertChannel(db: Kysely<DB>, row: Insertable<ChannelTable>): Promise<void> {
  await db.insertInto('channels').values(row).execute();
}

export async function updateChannel(db: Kysely<DB>, id: string, patch: Updateable<ChannelTable>): Promise<void> {
  await db.updateTable('channels').set(patch).where('id', '=', id).execute();
}

export async function deleteChannel(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('channels').where('id', '=', id).execute();
}

/** Monitors named by id or vigil.yaml key (routing rules accept either). */
export function monitorsByIdOrKey(db: Kysely<DB>, refs: readonly string[]): Promise<Pick<MonitorRow, 'id' | 'key'>[]> {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('monitors')
    .select(['id', 'key'])
    .where((eb) => eb.or([eb('id', 'in', [...refs]), eb('key', 'in', [...refs])]))
    .execute();
}
