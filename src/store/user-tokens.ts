import type { Insertable, Kysely } from 'kysely';
import type { DB, UserTokenRow, UserTokenTable } from './schema.js';

export async function insertUserToken(db: Kysely<DB>, row: Insertable<UserTokenTable>): Promise<void> {
  await db.insertInto('user_tokens').values(row).execute();
}

export function findUserTokenByHash(db: Kysely<DB>, hash: string): Promise<UserTokenRow | undefined> {
  return db.selectFrom('user_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function getUserToken(db: Kysely<DB>, id: string): Promise<UserTokenRow | undefined> {
  return db.selectFrom('user_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Marks the token used if it still is usable at `now`; false when another request used it first
 * (compare-and-set, so a link works exactly once even when clicked twice at the same moment).
 */
export async function consumeUserToken(db: Kysely<DB>, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeUserTokens(db: Kysely<DB>, filter: { purpose: string; email?: string; userId?: string }, now: string): Promise<void> {
  let q = db.updateTable('user_tokens').set({ revoked_at: now }).where('purpose', '=', filter.purpose).where('used_at', 'is', null).where('revoked_at', 'is', null);
  if (filter.email !== undefined) q = q.where('email', '=', filter.email);
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
  await q.execute();
}

export function listOpenInvitations(db: Kysely<DB>, now: string): Promise<UserTokenRow[]> {
  return db
    .selectFrom('user_tokens')
    .selectAll()
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}
