// What a maintenance's status change does beyond the status itself: its
// timestamps, and its components going under maintenance and coming back.
import { ACTIVE_MAINTENANCE_STATUSES, isMaintenanceActive } from '../../domain/maintenance.js';
import type { ComponentStatus, MaintenanceStatus } from '../../domain/statuses.js';
import { getComponentsByIds } from '../../store/components.js';
import { componentsInOtherMaintenances, maintenanceComponentIds, type MaintenancePatch } from '../../store/maintenances.js';
import type { MaintenanceRow } from '../../store/schema.js';
import type { Tx } from '../context.js';
import { setComponentStatuses, type AppliedStatusChange } from '../components/setComponentStatuses.js';

/** The timestamp fields a move from `from` to `to` sets (none when the status stays). */
export function lifecyclePatch(row: Pick<MaintenanceRow, 'started_at'>, from: MaintenanceStatus, to: MaintenanceStatus, now: string): MaintenancePatch {
  if (from === to) return {};
  // Starting keeps the first start time; it also reopens a completed maintenance.
  if (isMaintenanceActive(to) && !isMaintenanceActive(from)) return { started_at: row.started_at ?? now, completed_at: null };
  if (to === 'completed') return { completed_at: now };
  if (to === 'scheduled') return { started_at: null, completed_at: null };
  return {};
}

/**
 * Puts the components under maintenance or releases them, as the move from
 * `from` to `to` asks; returns the changes made (for the update to record).
 */
export async function applyComponentEffects(tx: Tx, maintenanceId: string, from: MaintenanceStatus, to: MaintenanceStatus, notify = true): Promise<AppliedStatusChange[]> {
  if (from === to) return [];
  const ids = await maintenanceComponentIds(tx.db, maintenanceId);
  const entersInProgress = to === 'in_progress';
  const starts = isMaintenanceActive(to) && !isMaintenanceActive(from);
  if (entersInProgress || starts) return holdComponents(tx, maintenanceId, ids, notify);
  if (to === 'completed' || (to === 'scheduled' && isMaintenanceActive(from))) return releaseComponents(tx, maintenanceId, ids, notify);
  return [];
}

export async function holdComponents(tx: Tx, maintenanceId: string, componentIds: string[], notify = true): Promise<AppliedStatusChange[]> {
  if (componentIds.length === 0) return [];
  const statuses = Object.fromEntries(componentIds.map((id) => [id, 'under_maintenance' as ComponentStatus]));
  return setComponentStatuses(tx, statuses, { source: 'maintenance', source_id: maintenanceId, notify }, 'component_ids');
}

/**
 * Returns to operational those components still under maintenance, unless
 * another active maintenance covers them (it releases them when it ends).
 */
export async function releaseComponents(tx: Tx, maintenanceId: string, componentIds: string[], notify = true): Promise<AppliedStatusChange[]> {
  if (componentIds.length === 0) return [];
  const rows = await getComponentsByIds(tx.db, componentIds);
  const held = rows.filter((r) => r.status === 'under_maintenance').map((r) => r.id);
  const covered = new Set(await componentsInOtherMaintenances(tx.db, held, maintenanceId, ACTIVE_MAINTENANCE_STATUSES));
  const statuses = Object.fromEntries(held.filter((id) => !covered.has(id)).map((id) => [id, 'operational' as ComponentStatus]));
  if (Object.keys(statuses).length === 0) return [];
  return setComponentStatuses(tx, statuses, { source: 'maintenance', source_id: maintenanceId, notify }, 'component_ids');
}

/** The rows that record `applied` on maintenance update `updateId`, in the order applied. */
export function updateChangeRows(updateId: string, applied: AppliedStatusChange[]) {
  return applied.map((c, position) => ({ update_id: updateId, component_id: c.component_id, component_name: c.component_name, old_status: c.old_status, new_status: c.new_status, position }));
}
