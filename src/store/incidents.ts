// Incidents and the components they affect.
import type { Insertable, Kysely } from 'kysely';
import type { DB, IncidentRow, IncidentTable } from './schema.js';

type IncidentPatch = Partial<Omit<IncidentRow, 'id'>>;

const CLOSED_STATUSES = ['resolved', 'postmortem'];

export interface IncidentFilter {
  status?: string;
  /** Only open incidents (not resolved and without a postmortem). */
  unresolved?: boolean;
  limit: number;
  offset: number;
}

/** Newest first by created_at; id breaks ties so pages never overlap. */
export function listIncidents(db: Kysely<DB>, f: IncidentFilter): Promise<IncidentRow[]> {
  let q = db.selectFrom('incidents').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.unresolved) q = q.where('status', 'not in', CLOSED_STATUSES);
  return q.execute();
}

export function getIncident(db: Kysely<DB>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reads an incident for a read-modify-write. A no-op UPDATE first takes the
 * row lock on PostgreSQL (SQLite already runs one writer at a time), so two
 * concurrent updates or publishes of one incident cannot interleave.
 */
export async function lockIncident(db: Kysely<DB>, id: string): Promise<IncidentRow | undefined> {
  await db.updateTable('incidents').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', id).execute();
  return getIncident(db, id);
}

export async function insertIncident(db: Kysely<DB>, row: Insertable<IncidentTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function updateIncident(db: Kysely<DB>, id: string, patch: IncidentPatch): Promise<void> {
  await db.updateTable('incidents').set(patch).where('id', '=', id).execute();
}

/** Deletes an incident with its component links, updates and postmortem (not relying on cascades). */
export async function deleteIncident(db: Kysely<DB>, id: string): Promise<void> {
  const updateIds = db.selectFrom('incident_updates').select('id').where('incident_id', '=', id);
  await db.deleteFrom('incident_update_components').where('update_id', 'in', updateIds).execute();
  await db.deleteFrom('incident_updates').where('incident_id', '=', id).execute();
  await db.deleteFrom('incident_components').where('incident_id', '=', id).execute();
  await db.deleteFrom('postmortems').where('incident_id', '=', id).execute();
  await db.deleteFrom('incidents').where('id', '=', id).execute();
}

/** Affected component ids per incident. */
export async function listIncidentComponentIds(db: Kysely<DB>, incidentIds: readonly string[]): Promise<Map<string, string[]>> {
  const byIncident = new Map<string, string[]>(incidentIds.map((id) => [id, []]));
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .selectFrom('incident_components')
    .select(['incident_id', 'component_id'])
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('position')
    .execute();
  for (const r of rows) byIncident.get(r.incident_id)?.push(r.component_id);
  return byIncident;
}

/** Adds components to an incident's affected set, after the ones already in it (which are left alone). */
export async function addIncidentComponents(db: Kysely<DB>, incidentId: string, componentIds: readonly string[]): Promise<void> {
  if (componentIds.length === 0) return;
  const existing = (await listIncidentComponentIds(db, [incidentId])).get(incidentId) ?? [];
  const fresh = [...new Set(componentIds)].filter((id) => !existing.includes(id));
  if (fresh.length === 0) return;
  await db
    .insertInto('incident_components')
    .values(fresh.map((component_id, i) => ({ incident_id: incidentId, component_id, position: existing.length + i })))
    .execute();
}

export async function replaceIncidentComponents(db: Kysely<DB>, incidentId: string, componentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('incident_components').where('incident_id', '=', incidentId).execute();
  await addIncidentComponents(db, incidentId, componentIds);
}

/** Which of `componentIds` an open incident other than `exceptIncidentId` also affects. */
export async function componentsInOtherOpenIncidents(
  db: Kysely<DB>,
  componentIds: readonly string[],
  exceptIncidentId: string,
): Promise<Set<string>> {
  if (componentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_components')
    .innerJoin('incidents', 'incidents.id', 'incident_components.incident_id')
    .select('incident_components.component_id')
    .where('incident_components.component_id', 'in', [...componentIds])
    .where('incidents.id', '!=', exceptIncidentId)
    .where('incidents.status', 'not in', CLOSED_STATUSES)
    .execute();
  return new Set(rows.map((r) => r.component_id));
}
