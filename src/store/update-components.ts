// Incident updates and maintenance updates record their component changes in
// two tables of one shape; this is the one implementation of both.
import type { Kysely } from 'kysely';
import { IN_LIST_CHUNK, inChunks } from './chunks.js';
import type { DB, IncidentUpdateComponentRow } from './schema.js';

export type UpdateComponentTable = 'incident_update_components' | 'maintenance_update_components';

/** Both tables have exactly these columns. */
type UpdateComponentRow = IncidentUpdateComponentRow;

export async function insertUpdateComponents(db: Kysely<DB>, table: UpdateComponentTable, rows: readonly UpdateComponentRow[]): Promise<void> {
  // Six variables a row: a resolution restoring thousands of components is written in slices.
  for (let i = 0; i < rows.length; i += IN_LIST_CHUNK) {
    await (db as unknown as Kysely<Record<UpdateComponentTable, UpdateComponentRow>>)
      .insertInto(table)
      .values(rows.slice(i, i + IN_LIST_CHUNK))
      .execute();
  }
}

/** Component changes of the given updates, in the order each update listed them. */
export async function listUpdateComponents(db: Kysely<DB>, table: UpdateComponentTable, updateIds: readonly string[]): Promise<UpdateComponentRow[]> {
  // An incident may have any number of updates: chunked, each update's rows stay together and in order.
  return inChunks(updateIds, (chunk) =>
    (db as unknown as Kysely<Record<UpdateComponentTable, UpdateComponentRow>>)
      .selectFrom(table)
      .selectAll()
      .where('update_id', 'in', chunk)
      .orderBy('update_id')
      .orderBy('position')
      .orderBy('component_name')
      .orderBy('component_id')
      .execute(),
  );
}
