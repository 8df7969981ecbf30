// Scheduled maintenance windows. With auto_transition the status follows the
// clock; otherwise an operator moves it by hand and we report what they set.

import type { MaintenanceStatus } from './statuses.js';
import { toEpochMs } from './time.js';

export interface MaintenanceWindow {
  status: MaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
  auto_transition: boolean;
}

/** The status the window should have at `now` (statuses never move backwards here). */
export function maintenanceStatusAt(m: MaintenanceWindow, now: string): MaintenanceStatus {
  if (!m.auto_transition || m.status === 'completed') return m.status;
  const nowMs = toEpochMs(now, 'now');
  // A window that has fully passed completes from any status, even if never started.
  if (nowMs >= toEpochMs(m.scheduled_until, 'scheduled_until')) return 'completed';
  if (m.status === 'scheduled' && nowMs >= toEpochMs(m.scheduled_for, 'scheduled_for')) return 'in_progress';
  return m.status;
}

/** Components are under maintenance (and alerts suppressed) while in progress or verifying. */
export const ACTIVE_MAINTENANCE_STATUSES: readonly MaintenanceStatus[] = ['in_progress', 'verifying'];

export function isMaintenanceActive(status: MaintenanceStatus): boolean {
  return ACTIVE_MAINTENANCE_STATUSES.includes(status);
}

/** A human message for an invalid window, or null when it is valid. */
export function windowProblem(scheduledFor: string, scheduledUntil: string): string | null {
  const from = Date.parse(scheduledFor);
  const until = Date.parse(scheduledUntil);
  if (Number.isNaN(from)) return 'scheduled_for must be an ISO-8601 timestamp';
  if (Number.isNaN(until)) return 'scheduled_until must be an ISO-8601 timestamp';
  if (until <= from) return 'scheduled_until must be after scheduled_for';
  return null;
}
