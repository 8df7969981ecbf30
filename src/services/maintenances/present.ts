import type { MaintenanceStatus } from '../../domain/statuses.js';
import type { ComponentRow, MaintenanceRow, MaintenanceUpdateComponentRow, MaintenanceUpdateRow } from '../../store/schema.js';
import { presentComponent } from '../components/present.js';
import { presentAffectedComponent } from '../incidents/present.js';
import { DEFAULT_REMINDER_MINUTES, type Maintenance, type MaintenanceUpdate } from './schemas.js';

/** The stored reminder list; null (never set) is the default. */
export function reminderMinutesOf(stored: string | null): number[] {
  return stored === null ? [...DEFAULT_REMINDER_MINUTES] : (JSON.parse(stored) as number[]);
}

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
    reminder_minutes: reminderMinutesOf(row.reminder_minutes),
    created_at: row.created_at,
    updated_at: row.updated_at,
    components: components.map(presentComponent),
    maintenance_updates: updates.map((u) => presentMaintenanceUpdate(u, changes.filter((c) => c.update_id === u.id))),
  };
}

/** What the audit log keeps of a maintenance: its own fields and component ids, not every update. */
export function maintenanceSnapshot(row: Omit<MaintenanceRow, 'reminder_minutes'> & { reminder_minutes?: string | null }, componentIds: string[]) {
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
    ...(row.reminder_minutes !== undefined ? { reminder_minutes: reminderMinutesOf(row.reminder_minutes) } : {}),
  };
}
