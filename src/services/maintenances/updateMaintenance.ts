import { isMaintenanceActive, windowProblem } from '../../domain/maintenance.js';
import { notFound, validationError } from '../../domain/errors.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import {
  getMaintenance,
  maintenanceComponentIds,
  setMaintenanceComponents,
  updateMaintenance as updateRow,
  type MaintenancePatch,
} from '../../store/maintenances.js';
import { transact, type ServiceContext } from '../context.js';
import { resolveComponentList } from '../components/refs.js';
import { parseInput } from '../validation.js';
import { holdComponents, releaseComponents } from './effects.js';
import { loadMaintenance } from './load.js';
import { maintenanceSnapshot } from './present.js';
import { updateMaintenanceInput, type Maintenance } from './schemas.js';
import { emitMaintenanceEvent } from '../notifications/emitMaintenanceEvents.js';

/**
 * Edits a maintenance's name, window, components or auto-transition; status
 * moves only by posting an update. Changing the components of an active
 * maintenance holds the added ones and releases the dropped ones at once.
 */
export async function updateMaintenance(ctx: ServiceContext, id: string, raw: unknown): Promise<Maintenance> {
  const input = parseInput(updateMaintenanceInput, raw);
  return transact(ctx, async (tx) => {
    const before = await getMaintenance(tx.db, id);
    if (!before) throw notFound('maintenance', id);
    const problem = windowProblem(input.scheduled_for ?? before.scheduled_for, input.scheduled_until ?? before.scheduled_until);
    if (problem) throw validationError([{ path: 'scheduled_until', message: problem }]);
    const beforeIds = await maintenanceComponentIds(tx.db, id);
    const patch: MaintenancePatch = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.impact !== undefined) patch.impact = input.impact;
    if (input.scheduled_for !== undefined) patch.scheduled_for = input.scheduled_for;
    if (input.scheduled_until !== undefined) patch.scheduled_until = input.scheduled_until;
    if (input.auto_transition !== undefined) patch.auto_transition = input.auto_transition ? 1 : 0;
    if (input.reminder_minutes !== undefined) patch.reminder_minutes = JSON.stringify(input.reminder_minutes);
    await updateRow(tx.db, id, patch);

    let afterIds = beforeIds;
    if (input.component_ids) {
      afterIds = await resolveComponentList(tx.db, input.component_ids, 'component_ids');
      await setMaintenanceComponents(tx.db, id, afterIds);
      if (isMaintenanceActive(before.status as MaintenanceStatus)) {
        await holdComponents(tx, id, afterIds.filter((c) => !beforeIds.includes(c)));
        await releaseComponents(tx, id, beforeIds.filter((c) => !afterIds.includes(c)));
      }
    }
    // A new window is news to subscribers; other edits (text, components, settings) are not.
    const rescheduled =
      (patch.scheduled_for !== undefined && patch.scheduled_for !== before.scheduled_for) ||
      (patch.scheduled_until !== undefined && patch.scheduled_until !== before.scheduled_until);
    if (rescheduled && before.status !== 'completed') await emitMaintenanceEvent(tx, { maintenanceId: id, kind: 'maintenance.updated', updateId: null });
    await tx.audit(
      'maintenance.update',
      { type: 'maintenance', id },
      maintenanceSnapshot(before, beforeIds),
      maintenanceSnapshot({ ...before, ...patch }, afterIds),
    );
    return (await loadMaintenance(tx.db, id))!;
  });
}
