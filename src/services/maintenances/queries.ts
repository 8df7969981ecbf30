import { notFound } from '../../domain/errors.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { getMaintenance as getRow, listMaintenanceUpdateComponents, listMaintenanceUpdates, listMaintenances as listRows } from '../../store/maintenances.js';
import { read, type ServiceContext } from '../context.js';
import { assembleMaintenances, loadMaintenance } from './load.js';
import { presentMaintenanceUpdate } from './present.js';
import type { Maintenance, MaintenanceUpdate } from './schemas.js';

export interface MaintenanceListQuery {
  status?: MaintenanceStatus;
  page: number;
  per_page: number;
}

/** Newest window (scheduled_for) first. */
export function listMaintenances(ctx: ServiceContext, q: MaintenanceListQuery): Promise<Maintenance[]> {
  return read(ctx, async (db) => {
    const rows = await listRows(db, { status: q.status, limit: q.per_page, offset: (q.page - 1) * q.per_page });
    return assembleMaintenances(db, rows);
  });
}

export function getMaintenance(ctx: ServiceContext, id: string): Promise<Maintenance> {
  return read(ctx, async (db) => {
    const found = await loadMaintenance(db, id);
    if (!found) throw notFound('maintenance', id);
    return found;
  });
}

/** Newest first. */
export function listUpdates(ctx: ServiceContext, id: string): Promise<MaintenanceUpdate[]> {
  return read(ctx, async (db) => {
    if (!(await getRow(db, id))) throw notFound('maintenance', id);
    const updates = await listMaintenanceUpdates(db, [id]);
    const changes = await listMaintenanceUpdateComponents(db, updates.map((u) => u.id));
    return updates.map((u) => presentMaintenanceUpdate(u, changes.filter((c) => c.update_id === u.id)));
  });
}
