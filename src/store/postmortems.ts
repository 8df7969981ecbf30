// Postmortems: one per incident, keyed by the incident id. Sections are stored as a JSON array.
import type { Kysely } from 'kysely';
import type { DB, PostmortemRow } from './schema.js';

export function getPostmortem(db: Kysely<DB>, incidentId: string): Promise<PostmortemRow | undefined> {
  return db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
}

/** Published-at per incident, for the incident object's postmortem_published_at. */
export async function postmortemPublishedAt(db: Kysely<DB>, incidentIds: readonly string[]): Promise<Map<string, string | null>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('postmortems')
    .select(['incident_id', 'published_at'])
    .where('incident_id', 'in', [...incidentIds])
    .execute();
  return new Map(rows.map((r) => [r.incident_id, r.published_at]));
}

export async function insertPostmortem(db: Kysely<DB>, row: PostmortemRow): Promise<void> {
  await db.insertInto('postmortems').values(row).execute();
}

export async function updatePostmortem(
  db: Kysely<DB>,
  incidentId: string,
  patch: Partial<Omit<PostmortemRow, 'incident_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('postmortems').set(patch).where('incident_id', '=', incidentId).execute();
}

export async function deletePostmortem(db: Kysely<DB>, incidentId: string): Promise<void> {
  await db.deleteFrom('postmortems').where('incident_id', '=', incidentId).execute();
}
