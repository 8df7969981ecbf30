import { isMaintenanceActive } from '../../domain/maintenance.js';
import { notFound } from '../../domain/errors.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { deleteMaintenance as deleteRow, getMaintenance, maintenanceComponentIds } from '../../store/maintenances.js';
import { transact, type ServiceContext } from '../context.js';
import { releaseComponents } from './effects.js';
import { maintenanceSnapshot } from './present.js';

/** Deletes a maintenance with its updates; if it was under way, its components come out of maintenance. */
export async function deleteMaintenance(ctx: ServiceContext, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const before = await getMaintenance(tx.db, id);
    if (!before) throw notFound('maintenance', id);
    const componentIds = await maintenanceComponentIds(tx.db, id);
    if (isMaintenanceActive(before.status as MaintenanceStatus)) await releaseComponents(tx, id, componentIds);
    await deleteRow(tx.db, id);
    await tx.audit('maintenance.delete', { type: 'maintenance', id }, maintenanceSnapshot(before, componentIds), null);
  });
}
