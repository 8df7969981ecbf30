import { isMaintenanceActive, windowProblem } from '../../domain/maintenance.js';
import { validationError } from '../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { insertMaintenance, insertMaintenanceUpdate, insertMaintenanceUpdateComponents, setMaintenanceComponents } from '../../store/maintenances.js';
import { transact, type ServiceContext } from '../context.js';
import { resolveComponentList } from '../components/refs.js';
import { parseInput } from '../validation.js';
import { holdComponents, updateChangeRows } from './effects.js';
import { loadMaintenance } from './load.js';
import { STANDARD_BODY } from './messages.js';
import { maintenanceSnapshot } from './present.js';
import { createMaintenanceInput, type Maintenance } from './schemas.js';
import { emitMaintenanceEvent, maintenanceEventKind } from '../notifications/emitMaintenanceEvents.js';

/**
 * Schedules a maintenance and posts its first update. Created already in
 * progress (or verifying), it puts its components under maintenance at once;
 * created completed, it is a record of the past and changes no component.
 */
export async function createMaintenance(ctx: ServiceContext, raw: unknown): Promise<Maintenance> {
  const input = parseInput(createMaintenanceInput, raw);
  const problem = windowProblem(input.scheduled_for, input.scheduled_until);
  if (problem) throw validationError([{ path: 'scheduled_until', message: problem }]);
  return transact(ctx, async (tx) => {
    const componentIds = await resolveComponentList(tx.db, input.component_ids, 'component_ids');
    const active = isMaintenanceActive(input.status);
    const row = {
      id: newId(),
      name: input.name,
      status: input.status,
      scheduled_for: input.scheduled_for,
      scheduled_until: input.scheduled_until,
      auto_transition: input.auto_transition ? 1 : 0,
      created_at: tx.now,
      updated_at: tx.now,
      started_at: active ? tx.now : null,
      completed_at: input.status === 'completed' ? tx.now : null,
      shortlink: null,
      impact: input.impact,
      announced_at: null,
      reminder_minutes: input.reminder_minutes === undefined ? null : JSON.stringify(input.reminder_minutes),
    };
    await insertMaintenance(tx.db, row);
    await setMaintenanceComponents(tx.db, row.id, componentIds);
    const updateId = newId();
    await insertMaintenanceUpdate(tx.db, {
      id: updateId,
      maintenance_id: row.id,
      status: input.status,
      body: input.body ?? STANDARD_BODY[input.status],
      display_at: tx.now,
      created_at: tx.now,
      updated_at: tx.now,
      deliver_notifications: input.deliver_notifications === false ? 0 : 1,
    });
    // Created active, its first update is the one that put the components under maintenance.
    if (active) await insertMaintenanceUpdateComponents(tx.db, updateChangeRows(updateId, await holdComponents(tx, row.id, componentIds)));
    const kind = maintenanceEventKind(null, input.status);
    if (kind && input.deliver_notifications !== false) await emitMaintenanceEvent(tx, { maintenanceId: row.id, kind, updateId });
    await tx.audit('maintenance.create', { type: 'maintenance', id: row.id }, null, maintenanceSnapshot(row, componentIds));
    return (await loadMaintenance(tx.db, row.id))!;
  });
}
