// What `vigil import statuspage` needs beyond the other store modules: reads
// by original id in bulk (a real page has hundreds of components) and updates
// of whole rows, since an import sets fields no API verb lets you set
// (created_at, an update's status, its tweet fields).
import type { Kysely, Updateable } from 'kysely';
import { inChunks } from './chunks.js';
import type {
  ComponentGroupRow,
  DB,
  IncidentRow,
  IncidentUpdateComponentRow,
  IncidentUpdateRow,
  IncidentUpdateTable,
  MaintenanceRow,
  MaintenanceUpdateComponentRow,
  MaintenanceUpdateRow,
  MaintenanceUpdateTable,
} from './schema.js';


export function groupsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ComponentGroupRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('component_groups').selectAll().where('id', 'in', chunk).execute());
}

export function incidentsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<IncidentRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('incidents').selectAll().where('id', 'in', chunk).execute());
}

export function maintenancesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<MaintenanceRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('maintenances').selectAll().where('id', 'in', chunk).execute());
}

/** Looked up by their own ids, so an id already used by another incident is found too. */
export function incidentUpdatesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<IncidentUpdateRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('incident_updates').selectAll().where('id', 'in', chunk).execute());
}

export function maintenanceUpdatesByIds(db: Kysely<DB>, ids: readonly string[]): Promise<MaintenanceUpdateRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('maintenance_updates').selectAll().where('id', 'in', chunk).execute());
}

/** Status changes of the given updates, each update's in the order it listed them. */
export function incidentUpdateChanges(db: Kysely<DB>, updateIds: readonly string[]): Promise<IncidentUpdateComponentRow[]> {
  return inChunks(updateIds, (chunk) =>
    db.selectFrom('incident_update_components').selectAll().where('update_id', 'in', chunk).orderBy('update_id').orderBy('position').execute(),
  );
}

export function maintenanceUpdateChanges(db: Kysely<DB>, updateIds: readonly string[]): Promise<MaintenanceUpdateComponentRow[]> {
  return inChunks(updateIds, (chunk) =>
    db.selectFrom('maintenance_update_components').selectAll().where('update_id', 'in', chunk).orderBy('update_id').orderBy('position').execute(),
  );
}

/** Each incident's links in the order it lists its components. */
export function incidentComponentLinks(db: Kysely<DB>, incidentIds: readonly string[]): Promise<{ incident_id: string; component_id: string }[]> {
  return inChunks(incidentIds, (chunk) =>
    db.selectFrom('incident_components').select(['incident_id', 'component_id']).where('incident_id', 'in', chunk).orderBy('incident_id').orderBy('position').execute(),
  );
}

export function maintenanceComponentLinks(db: Kysely<DB>, maintenanceIds: readonly string[]): Promise<{ maintenance_id: string; component_id: string }[]> {
  return inChunks(maintenanceIds, (chunk) =>
    db
      .selectFrom('maintenance_components')
      .select(['maintenance_id', 'component_id'])
      .where('maintenance_id', 'in', chunk)
      .orderBy('maintenance_id')
      .orderBy('position')
      .execute(),
  );
}

/** Which of `ids` are components (for references from incidents and maintenances). */
export async function existingComponentIds(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(ids, (chunk) => db.selectFrom('components').select('id').where('id', 'in', chunk).execute());
  return new Set(rows.map((r) => r.id));
}

/** The last status-history entry of each component (by time, then insertion). */
export async function latestStatusChanges(db: Kysely<DB>, componentIds: readonly string[]): Promise<Map<string, { status: string; at: string }>> {
  const rows = await inChunks(componentIds, (chunk) =>
    db
      .selectFrom('component_status_changes')
      .select(['component_id', 'status', 'at'])
      .where('component_id', 'in', chunk)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  );
  const latest = new Map<string, { status: string; at: string }>();
  for (const r of rows) {
    const seen = latest.get(r.component_id);
    if (!seen || r.at >= seen.at) latest.set(r.component_id, { status: r.status, at: r.at });
  }
  return latest;
}

export async function updateIncidentUpdateRow(db: Kysely<DB>, id: string, patch: Updateable<IncidentUpdateTable>): Promise<void> {
  await db.updateTable('incident_updates').set(patch).where('id', '=', id).execute();
}

export async function replaceIncidentUpdateChanges(db: Kysely<DB>, updateId: string, rows: readonly IncidentUpdateComponentRow[]): Promise<void> {
  await db.deleteFrom('incident_update_components').where('update_id', '=', updateId).execute();
  if (rows.length > 0) await db.insertInto('incident_update_components').values([...rows]).execute();
}

export async function updateMaintenanceUpdateRow(db: Kysely<DB>, id: string, patch: Updateable<MaintenanceUpdateTable>): Promise<void> {
  await db.updateTable('maintenance_updates').set(patch).where('id', '=', id).execute();
}

export async function replaceMaintenanceUpdateChanges(db: Kysely<DB>, updateId: string, rows: readonly MaintenanceUpdateComponentRow[]): Promise<void> {
  await db.deleteFrom('maintenance_update_components').where('update_id', '=', updateId).execute();
  if (rows.length > 0) await db.insertInto('maintenance_update_components').values([...rows]).execute();
}
