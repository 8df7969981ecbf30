// Incident updates and maintenance updates record their component changes in
// two tables of one shape; this is the one implementation of both.
import type { Kysely } from 'kysely';
import type { DB, IncidentUpdateComponentRow } from './schema.js';

export type UpdateComponentTable = 'incident_update_components' | 'maintenance_update_components';

/** Both tables have exactly these columns. */
type UpdateComponentRow = IncidentUpdateComponentRow;

export async function insertUpdateComponents(db: Kysely<DB>, table: UpdateComponentTable, rows: readonly UpdateComponentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await (db as unknown as Kysely<Record<UpdateComponentTable, UpdateComponentRow>>).insertInto(table).values([...rows]).execute();
}

/** Component changes of the given updates, in the order each update listed them. */
export async function listUpdateComponents(db: Kysely<DB>, table: UpdateComponentTable, updateIds: readonly string[]): Promise<UpdateComponentRow[]> {
  if (updateIds.length === 0) return [];
  return (db as unknown as Kysely<Record<UpdateComponentTable, UpdateComponentRow>>)
    .selectFrom(table)
    .selectAll()
    .where('update_id', 'in', [...updateIds])
    .orderBy('update_id')
    .orderBy('position')
    .orderBy('component_name')
    .orderBy('component_id')
    .execute();
}
