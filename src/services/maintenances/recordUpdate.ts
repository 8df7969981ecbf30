// Posting a maintenance update, shared by operators (postMaintenanceUpdate)
// and the clock (advanceMaintenances): moves the status, applies its effects,
// stores the update and audits it, all inside the caller's transaction.
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { newId } from '../../lib/ids.js';
import { insertMaintenanceUpdate, insertMaintenanceUpdateComponents, maintenanceComponentIds, updateMaintenanceIfStatus } from '../../store/maintenances.js';
import type { MaintenanceRow, MaintenanceUpdateRow } from '../../store/schema.js';
import type { Tx } from '../context.js';
import { applyComponentEffects, lifecyclePatch, updateChangeRows } from './effects.js';
import { maintenanceSnapshot, presentMaintenanceUpdate } from './present.js';
import { emitMaintenanceEvent, maintenanceEventKind } from '../notifications/emitMaintenanceEvents.js';

export interface UpdateContent {
  status: MaintenanceStatus;
  body: string;
  display_at: string;
  /** `deliver_notifications` (default true): false tells no subscriber. */
  deliver?: boolean;
}

/** The stored update, or null when another writer changed the status after `before` was read. */
export async function recordMaintenanceUpdate(tx: Tx, before: MaintenanceRow, content: UpdateContent): Promise<MaintenanceUpdateRow | null> {
  const from = before.status as MaintenanceStatus;
  const patch = { status: content.status, updated_at: tx.now, ...lifecyclePatch(before, from, content.status, tx.now) };
  // Compare-and-set first: of two writers racing from the same status, exactly one proceeds.
  if (!(await updateMaintenanceIfStatus(tx.db, before.id, before.status, patch))) return null;
  const deliver = content.deliver !== false;
  const applied = await applyComponentEffects(tx, before.id, from, content.status, deliver);
  const row: MaintenanceUpdateRow = {
    id: newId(),
    maintenance_id: before.id,
    status: content.status,
    body: content.body,
    display_at: content.display_at,
    created_at: tx.now,
    updated_at: tx.now,
    deliver_notifications: deliver ? 1 : 0,
    custom_tweet: null,
    tweet_id: null,
    no_components_note: null,
    tweet_id_is_number: 0,
  };
  await insertMaintenanceUpdate(tx.db, row);
  await insertMaintenanceUpdateComponents(tx.db, updateChangeRows(row.id, applied));
  const kind = maintenanceEventKind(from, content.status);
  if (kind && deliver) await emitMaintenanceEvent(tx, { maintenanceId: before.id, kind, updateId: row.id });
  const componentIds = await maintenanceComponentIds(tx.db, before.id);
  await tx.audit(
    'maintenance.post_update',
    { type: 'maintenance', id: before.id },
    maintenanceSnapshot(before, componentIds),
    { ...maintenanceSnapshot({ ...before, ...patch }, componentIds), update: presentMaintenanceUpdate(row, updateChangeRows(row.id, applied)) },
  );
  return row;
}
