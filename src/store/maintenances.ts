// Scheduled maintenances, their components and their updates.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
  ComponentRow,
  DB,
  MaintenanceRow,
  MaintenanceTable,
  MaintenanceUpdateComponentRow,
  MaintenanceUpdateRow,
  MaintenanceUpdateTable,
} from './schema.js';
import { insertUpdateComponents, listUpdateComponents } from './update-components.js';

export type MaintenancePatch = Updateable<MaintenanceTable>;

export function getMaintenance(db: Kysely<DB>, id: string): Promise<MaintenanceRow | undefined> {
  return db.selectFrom('maintenances').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MaintenanceFilter {
  status?: string;
  limit: number;
  offset: number;
}

/** Newest window first, as Statuspage lists them. */
export function listMaintenances(db: Kysely<DB>, f: MaintenanceFilter): Promise<MaintenanceRow[]> {
  let q = db
    .selectFrom('maintenances')
    .selectAll()
    .orderBy('scheduled_for', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset);
  if (f.status) q = q.where('status', '=', f.status);
  return q.execute();
}

/** Maintenances the clock may still move: not completed and set to auto-transition. */
export function listAutoTransitionCandidates(db: Kysely<DB>): Promise<MaintenanceRow[]> {
  return db
    .selectFrom('maintenances')
    .selectAll()
    .where('status', '!=', 'completed')
    .where('auto_transition', '=', 1)
    .orderBy('scheduled_for')
    .orderBy('id')
    .execute();
}

export async function insertMaintenance(db: Kysely<DB>, row: Insertable<MaintenanceTable>): Promise<void> {
  await db.insertInto('maintenances').values(row).execute();
}

export async function updateMaintenance(db: Kysely<DB>, id: string, patch: MaintenancePatch): Promise<void> {
  await db.updateTable('maintenances').set(patch).where('id', '=', id).execute();
}

/** Compare-and-set on the status: false when another writer moved it first (works alike on both dialects). */
export async function updateMaintenanceIfStatus(db: Kysely<DB>, id: string, expected: string, patch: MaintenancePatch): Promise<boolean> {
  const result = await db.updateTable('maintenances').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMaintenance(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('maintenances').where('id', '=', id).execute();
}

export async function maintenanceComponentIds(db: Kysely<DB>, maintenanceId: string): Promise<string[]> {
  const rows = await db.selectFrom('maintenance_components').select('component_id').where('maintenance_id', '=', maintenanceId).orderBy('position').execute();
  return rows.map((r) => r.component_id);
}

/** Replaces the maintenance's component list, keeping the order given. */
export async function setMaintenanceComponents(db: Kysely<DB>, maintenanceId: string, componentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('maintenance_components').where('maintenance_id', '=', maintenanceId).execute();
  if (componentIds.length === 0) return;
  await db
    .insertInto('maintenance_components')
    .values(componentIds.map((component_id, position) => ({ maintenance_id: maintenanceId, component_id, position })))
    .execute();
}

/** The components of several maintenances, each row tagged with its maintenance, in display order. */
export async function componentsOfMaintenances(
  db: Kysely<DB>,
  maintenanceIds: readonly string[],
): Promise<(ComponentRow & { maintenance_id: string })[]> {
  if (maintenanceIds.length === 0) return [];
  return db
    .selectFrom('maintenance_components as mc')
    .innerJoin('components as c', 'c.id', 'mc.component_id')
    .selectAll('c')
    .select('mc.maintenance_id')
    .where('mc.maintenance_id', 'in', [...maintenanceIds])
    .orderBy('c.position')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/** Which of `componentIds` also belong to a maintenance other than `excludeId` whose status is one of `statuses`. */
export async function componentsInOtherMaintenances(
  db: Kysely<DB>,
  componentIds: readonly string[],
  excludeId: string,
  statuses: readonly string[],
): Promise<string[]> {
  if (componentIds.length === 0 || statuses.length === 0) return [];
  const rows = await db
    .selectFrom('maintenance_components as mc')
    .innerJoin('maintenances as m', 'm.id', 'mc.maintenance_id')
    .select('mc.component_id')
    .distinct()
    .where('mc.component_id', 'in', [...componentIds])
    .where('m.id', '!=', excludeId)
    .where('m.status', 'in', [...statuses])
    .execute();
  return rows.map((r) => r.component_id);
}

export async function insertMaintenanceUpdate(db: Kysely<DB>, row: Insertable<MaintenanceUpdateTable>): Promise<void> {
  await db.insertInto('maintenance_updates').values(row).execute();
}

/** Updates of several maintenances, newest first. */
export async function listMaintenanceUpdates(db: Kysely<DB>, maintenanceIds: readonly string[]): Promise<MaintenanceUpdateRow[]> {
  if (maintenanceIds.length === 0) return [];
  return db
    .selectFrom('maintenance_updates')
    .selectAll()
    .where('maintenance_id', 'in', [...maintenanceIds])
    .orderBy('display_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function insertMaintenanceUpdateComponents(db: Kysely<DB>, rows: readonly MaintenanceUpdateComponentRow[]): Promise<void> {
  return insertUpdateComponents(db, 'maintenance_update_components', rows);
}

/** Component changes of the given updates, in the order each update listed them. */
export function listMaintenanceUpdateComponents(db: Kysely<DB>, updateIds: readonly string[]): Promise<MaintenanceUpdateComponentRow[]> {
  return listUpdateComponents(db, 'maintenance_update_components', updateIds);
}

/** Maintenances not yet completed that cover any of `componentIds`, with the component each covers. */
export async function openMaintenancesOfComponents(db: Kysely<DB>, componentIds: readonly string[]) {
  if (componentIds.length === 0) return [];
  return db
    .selectFrom('maintenance_components as mc')
    .innerJoin('maintenances as m', 'm.id', 'mc.maintenance_id')
    .select(['mc.component_id', 'm.id', 'm.status', 'm.scheduled_for', 'm.scheduled_until', 'm.auto_transition'])
    .where('mc.component_id', 'in', [...componentIds])
    .where('m.status', '!=', 'completed')
    .execute();
}
