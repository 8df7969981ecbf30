import type { MaintenanceStatus } from '../../domain/statuses.js';
import type { ComponentRow, MaintenanceRow, MaintenanceUpdateComponentRow, MaintenanceUpdateRow } from '../../store/schema.js';
import { presentComponent } from '../components/present.js';
import { presentAffectedComponent } from '../incidents/present.js';
import type { Maintenance, MaintenanceUpdate } from './schemas.js';

/** `changes`: this update's component changes, in order. */
export function presentMaintenanceUpdate(row: MaintenanceUpdateRow, changes: readonly MaintenanceUpdateComponentRow[] = []): MaintenanceUpdate {
  return {
    id: row.id,
    maintenance_id: row.maintenance_id,
    status: row.status as MaintenanceStatus,
    body: row.body,
    display_at: row.display_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    affected_components: changes.map(presentAffectedComponent),
  };
}

export function presentMaintenance(
  row: MaintenanceRow,
  components: ComponentRow[],
  updates: MaintenanceUpdateRow[],
  changes: readonly MaintenanceUpdateComponentRow[] = [],
): Maintenance {
  return {
    id: row.id,
    name: row.name,
    status: row.status as MaintenanceStatus,
    impact: row.impact as Maintenance['impact'],
    scheduled_for: row.scheduled_for,
    scheduled_until: row.scheduled_until,
    auto_transition: row.auto_transition === 1,
    started_at: row.started_at,
    completed_at: row.completed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    components: components.map(presentComponent),
    maintenance_updates: updates.map((u) => presentMaintenanceUpdate(u, changes.filter((c) => c.update_id === u.id))),
  };
}

/** What the audit log keeps of a maintenance: its own fields and component ids, not every update. */
export function maintenanceSnapshot(row: MaintenanceRow, componentIds: string[]) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    scheduled_for: row.scheduled_for,
    scheduled_until: row.scheduled_until,
    auto_transition: row.auto_transition === 1,
    started_at: row.started_at,
    completed_at: row.completed_at,
    component_ids: componentIds,
  };
}
