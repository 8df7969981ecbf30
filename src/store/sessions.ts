import type { Insertable, Kysely } from 'kysely';
import type { DB, SessionRow, SessionTable, UserRow } from './schema.js';

export async function insertSession(db: Kysely<DB>, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function getSession(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The session and its user in one read (every signed-in request makes it). */
export async function getSessionWithUser(db: Kysely<DB>, id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const session = await getSession(db, id);
  if (!session) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function promoteSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ stage: 'full', last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listUserSessions(db: Kysely<DB>, userId: string): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/** Sessions past their absolute limit or idle since `idleBefore`. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: string, idleBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
