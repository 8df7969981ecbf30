import { conflict, notFound } from '../../domain/errors.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { getMaintenance, listMaintenanceUpdateComponents } from '../../store/maintenances.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentMaintenanceUpdate } from './present.js';
import { recordMaintenanceUpdate } from './recordUpdate.js';
import { postMaintenanceUpdateInput, type MaintenanceUpdate } from './schemas.js';

/** Posts an operator's update; its status (default: unchanged) may be any of the four, in any order. */
export async function postMaintenanceUpdate(ctx: ServiceContext, id: string, raw: unknown): Promise<MaintenanceUpdate> {
  const input = parseInput(postMaintenanceUpdateInput, raw);
  return transact(ctx, async (tx) => {
    const before = await getMaintenance(tx.db, id);
    if (!before) throw notFound('maintenance', id);
    const row = await recordMaintenanceUpdate(tx, before, {
      status: input.status ?? (before.status as MaintenanceStatus),
      body: input.body,
      display_at: input.display_at ?? tx.now,
      deliver: input.deliver_notifications !== false,
    });
    if (!row) throw conflict('the maintenance changed status while this update was posted; reload it and try again');
    return presentMaintenanceUpdate(row, await listMaintenanceUpdateComponents(tx.db, [row.id]));
  });
}
