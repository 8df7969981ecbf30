// Incident updates (the timeline) and the component status changes each one made.
import type { Insertable, Kysely } from 'kysely';
import type { DB, IncidentUpdateComponentRow, IncidentUpdateRow, IncidentUpdateTable } from './schema.js';
import { insertUpdateComponents, listUpdateComponents } from './update-components.js';

type IncidentUpdatePatch = Partial<Pick<IncidentUpdateRow, 'body' | 'display_at' | 'updated_at'>>;

/** Updates of the given incidents, newest first (display_at, then created_at, then id). */
export async function listIncidentUpdates(db: Kysely<DB>, incidentIds: readonly string[]): Promise<IncidentUpdateRow[]> {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('display_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function getIncidentUpdate(db: Kysely<DB>, incidentId: string, updateId: string): Promise<IncidentUpdateRow | undefined> {
  return db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('id', '=', updateId)
    .executeTakeFirst();
}

/** The newest update with `status`, e.g. the one a published postmortem wrote. */
export function findIncidentUpdateByStatus(db: Kysely<DB>, incidentId: string, status: string): Promise<IncidentUpdateRow | undefined> {
  return db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function countIncidentUpdates(db: Kysely<DB>, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('incident_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertIncidentUpdate(db: Kysely<DB>, row: Insertable<IncidentUpdateTable>): Promise<void> {
  await db.insertInto('incident_updates').values(row).execute();
}

export async function updateIncidentUpdate(db: Kysely<DB>, id: string, patch: IncidentUpdatePatch): Promise<void> {
  await db.updateTable('incident_updates').set(patch).where('id', '=', id).execute();
}

export async function deleteIncidentUpdate(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('incident_update_components').where('update_id', '=', id).execute();
  await db.deleteFrom('incident_updates').where('id', '=', id).execute();
}

export function insertIncidentUpdateComponents(db: Kysely<DB>, rows: readonly IncidentUpdateComponentRow[]): Promise<void> {
  return insertUpdateComponents(db, 'incident_update_components', rows);
}

/** Component changes of the given updates, in the order each update listed them. */
export function listIncidentUpdateComponents(db: Kysely<DB>, updateIds: readonly string[]): Promise<IncidentUpdateComponentRow[]> {
  return listUpdateComponents(db, 'incident_update_components', updateIds);
}
