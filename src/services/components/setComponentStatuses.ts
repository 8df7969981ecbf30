// Changes component statuses inside a caller's transaction and records each
// change in the status history (which uptime is computed from). Used by
// component edits, incident updates and maintenances alike.
import type { ComponentStatus } from '../../domain/statuses.js';
import { placeNewChange } from '../../domain/status-history.js';
import { getComponentsByIds, insertStatusChange, latestStatusChangeTimes, updateComponent } from '../../store/components.js';
import { validationError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { emitComponentEvent } from '../notifications/emitComponentEvents.js';

export interface AppliedStatusChange {
  component_id: string;
  component_name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface StatusSource {
  source: 'manual' | 'incident' | 'maintenance' | 'config' | 'import' | 'monitor';
  source_id: string | null;
  /** False: subscribers are not told (an incident update posted with deliver_notifications false). */
  notify?: boolean;
}

/** When the changes happened, for an incident update that says so (domain/status-history.ts); default: now. */
export interface StatusTiming {
  /** The time the update gives (display_at or started_at); placed not before each component's latest change nor after now. */
  at: string;
  update_id: string;
  follows: 'display_at' | 'started_at';
}

/**
 * Applies `{componentId: status}`; unknown ids are a VALIDATION error naming
 * `<field>.<id>`. Returns only the components whose status really changed.
 */
export async function setComponentStatuses(
  tx: Tx,
  statuses: Record<string, ComponentStatus>,
  source: StatusSource,
  field = 'components',
  timing?: StatusTiming,
): Promise<AppliedStatusChange[]> {
  const ids = Object.keys(statuses);
  const rows = await getComponentsByIds(tx.db, ids);
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    throw validationError(missing.map((id) => ({ path: `${field}.${id}`, message: 'no component with this id' })));
  }
  // In the order given: callers record the changes in that order (e.g. an update's affected_components).
  const byId = new Map(rows.map((r) => [r.id, r]));
  const changing = rows.filter((r) => r.status !== statuses[r.id]).map((r) => r.id);
  const latest = timing ? await latestStatusChangeTimes(tx.db, changing) : new Map<string, string>();
  const applied: AppliedStatusChange[] = [];
  for (const row of ids.map((id) => byId.get(id)!)) {
    const next = statuses[row.id] as ComponentStatus;
    if (row.status === next) continue;
    await updateComponent(tx.db, row.id, { status: next, updated_at: tx.now });
    const at = timing ? placeNewChange(timing.at, latest.get(row.id) ?? null, tx.now) : tx.now;
    const link = timing ? { update_id: timing.update_id, follows: timing.follows } : {};
    await insertStatusChange(tx.db, { component_id: row.id, status: next, at, source: source.source, source_id: source.source_id, ...link });
    if (source.notify !== false) {
      const thread = source.source === 'incident' || source.source === 'maintenance' ? `${source.source}:${source.source_id}` : null;
      await emitComponentEvent(tx, { component: { ...row, status: next, updated_at: tx.now }, old_status: row.status as ComponentStatus, new_status: next, at, thread_key: thread });
    }
    applied.push({ component_id: row.id, component_name: row.name, old_status: row.status as ComponentStatus, new_status: next });
  }
  return applied;
}
