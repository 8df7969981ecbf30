// The public event of a maintenance change: scheduled, started, updated,
// completed (and the reminder, from its own job).
import { isMaintenanceActive } from '../../domain/maintenance.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import type { Tx } from '../context.js';
import { emitEvent } from './emit.js';
import { maintenanceFacts, pageStatusFacts } from './facts.js';

type MaintenanceKind = 'maintenance.scheduled' | 'maintenance.started' | 'maintenance.updated' | 'maintenance.completed' | 'maintenance.reminder';

/** What a move from `from` to `to` tells subscribers; `from` null: the maintenance was just created. */
export function maintenanceEventKind(from: MaintenanceStatus | null, to: MaintenanceStatus): MaintenanceKind | null {
  if (from === null) {
    if (to === 'scheduled') return 'maintenance.scheduled';
    // Created completed: a record of the past, nothing to announce.
    return to === 'completed' ? null : 'maintenance.started';
  }
  if (from !== to && to === 'completed') return 'maintenance.completed';
  if (isMaintenanceActive(to) && !isMaintenanceActive(from)) return 'maintenance.started';
  return 'maintenance.updated';
}

export interface MaintenanceEvent {
  maintenanceId: string;
  kind: MaintenanceKind;
  updateId: string | null;
  reminderMinutes?: number | null;
  dedupeKey?: string | null;
}

/** Returns false when the event was already told (same dedupe key) or the maintenance is gone. */
export async function emitMaintenanceEvent(tx: Tx, event: MaintenanceEvent): Promise<boolean> {
  const maintenance = await maintenanceFacts(tx, event.maintenanceId);
  if (!maintenance) return false;
  return emitEvent(tx, {
    kind: event.kind,
    audience: 'public',
    subject: { type: 'maintenance', id: maintenance.id },
    thread_key: `maintenance:${maintenance.id}`,
    component_ids: maintenance.components.map((c) => c.id),
    severity: maintenance.impact,
    payload: { type: 'maintenance', maintenance, update_id: event.updateId, reminder_minutes: event.reminderMinutes ?? null, page_status: await pageStatusFacts(tx) },
    dedupe_key: event.dedupeKey ?? null,
  });
}
