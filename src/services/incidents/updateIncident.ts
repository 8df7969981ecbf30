import { notFound, validationError } from '../../domain/errors.js';
import { toEpochMs } from '../../domain/time.js';
import { lockIncident, replaceIncidentComponents, updateIncident as updateRow } from '../../store/incidents.js';
import type { IncidentRow } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { moveChangesWithStart } from './history.js';
import { loadIncident } from './load.js';
import { resolveIncidentComponents, assertNotInFuture } from './rules.js';
import { updateIncidentInput, type Incident } from './schemas.js';

/**
 * Changes an incident's metadata. Status, text and component statuses change only through updates;
 * a new started_at moves the status changes of the opening update (domain/status-history.ts).
 */
export async function updateIncident(ctx: ServiceContext, id: string, raw: unknown): Promise<Incident> {
  const input = parseInput(updateIncidentInput, raw);
  return transact(ctx, async (tx) => {
    const row = await lockIncident(tx.db, id);
    if (!row) throw notFound('incident', id);
    const before = await loadIncident(tx.db, id, tx.now);
    const patch: Partial<IncidentRow> = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.impact !== undefined) patch.impact = input.impact;
    if (input.started_at !== undefined) {
      assertNotInFuture(input.started_at, tx.now, 'started_at');
      if (row.resolved_at !== null && toEpochMs(input.started_at) > toEpochMs(row.resolved_at)) {
        throw validationError([{ path: 'started_at', message: `must not be after resolved_at (${row.resolved_at})` }]);
      }
      patch.started_at = input.started_at;
    }
    if (input.component_ids !== undefined) {
      const { component_ids } = await resolveIncidentComponents(tx, {}, input.component_ids);
      await replaceIncidentComponents(tx.db, id, component_ids);
    }
    await updateRow(tx.db, id, patch);
    // The statuses the opening update set held from impact start: they move with it.
    if (patch.started_at !== undefined) await moveChangesWithStart(tx, id, patch.started_at);
    const after = await loadIncident(tx.db, id, tx.now);
    await tx.audit('incident.update', { type: 'incident', id }, before, after);
    return after;
  });
}
