// Assembles full Maintenance objects (components and updates included) with
// one query per table, whatever the number of maintenances.
import type { Kysely } from 'kysely';
import { componentsOfMaintenances, getMaintenance, listMaintenanceUpdateComponents, listMaintenanceUpdates } from '../../store/maintenances.js';
import type { DB, MaintenanceRow } from '../../store/schema.js';
import { presentMaintenance } from './present.js';
import type { Maintenance } from './schemas.js';

export async function assembleMaintenances(db: Kysely<DB>, rows: MaintenanceRow[]): Promise<Maintenance[]> {
  const ids = rows.map((r) => r.id);
  const [components, updates] = await Promise.all([componentsOfMaintenances(db, ids), listMaintenanceUpdates(db, ids)]);
  const changes = await listMaintenanceUpdateComponents(db, updates.map((u) => u.id));
  return rows.map((row) =>
    presentMaintenance(
      row,
      components.filter((c) => c.maintenance_id === row.id).map(({ maintenance_id: _, ...c }) => c),
      updates.filter((u) => u.maintenance_id === row.id),
      changes,
    ),
  );
}

export async function loadMaintenance(db: Kysely<DB>, id: string): Promise<Maintenance | undefined> {
  const row = await getMaintenance(db, id);
  return row ? (await assembleMaintenances(db, [row]))[0] : undefined;
}
