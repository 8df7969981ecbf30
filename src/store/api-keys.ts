import { PostgresAdapter, type Insertable, type Kysely } from 'kysely';
import type { ApiKeyRow, ApiKeyTable, DB } from './schema.js';

export async function insertApiKey(db: Kysely<DB>, row: Insertable<ApiKeyTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export function findApiKeyByHash(db: Kysely<DB>, hash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
}

export function getApiKey(db: Kysely<DB>, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listApiKeys(db: Kysely<DB>): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function revokeApiKey(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function countApiKeys(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The admin keys in force at `now` (not revoked, not expired). On PostgreSQL
 * their rows are locked for the rest of the transaction, so two revocations
 * running at once cannot each leave the other as "the last one"; SQLite runs
 * one writing transaction at a time anyway.
 */
export function lockActiveAdminKeys(db: Kysely<DB>, now: string): Promise<Pick<ApiKeyRow, 'id'>[]> {
  const q = db
    .selectFrom('api_keys')
    .select('id')
    .where('scope', '=', 'admin')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('id');
  return db.getExecutor().adapter instanceof PostgresAdapter ? q.forUpdate().execute() : q.execute();
}

/**
 * Stamps the key as used at `now` unless it was stamped after `since`: one
 * conditional UPDATE, so requests in between stay reads and several instances
 * need no shared memory to agree. Returns whether the stamp moved.
 */
export async function touchApiKey(db: Kysely<DB>, id: string, now: string, since: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', since)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
