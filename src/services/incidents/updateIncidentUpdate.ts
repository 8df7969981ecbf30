import { conflict, notFound, validationError } from '../../domain/errors.js';
import { toEpochMs } from '../../domain/time.js';
import { lockIncident, updateIncident } from '../../store/incidents.js';
import { getIncidentUpdate, updateIncidentUpdate as updateRow } from '../../store/incident-updates.js';
import type { IncidentRow } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { moveChangesWithUpdate } from './history.js';
import { loadIncidentUpdate } from './load.js';
import { assertNotInFuture } from './rules.js';
import { editIncidentUpdateInput, type IncidentUpdate } from './schemas.js';

/**
 * Corrects an update's text or time. Statuses never change here; but when the
 * update is the one that resolved the incident (or began monitoring), that
 * timestamp follows its new display_at so the duration stays truthful, and the
 * component changes the update made move with it (domain/status-history.ts).
 */
export async function updateIncidentUpdate(ctx: ServiceContext, incidentId: string, updateId: string, raw: unknown): Promise<IncidentUpdate> {
  const input = parseInput(editIncidentUpdateInput, raw);
  return transact(ctx, async (tx) => {
    const incident = await lockIncident(tx.db, incidentId);
    if (!incident) throw notFound('incident', incidentId);
    const row = await getIncidentUpdate(tx.db, incidentId, updateId);
    if (!row) throw notFound('incident update', updateId);
    if (input.body !== undefined && row.status === 'postmortem') {
      throw conflict('this update is the published postmortem: edit the postmortem (PUT /api/v1/incidents/{id}/postmortem) and publish it again');
    }
    const before = await loadIncidentUpdate(tx.db, incidentId, updateId);
    const incidentPatch: Partial<IncidentRow> = { updated_at: tx.now };
    if (input.display_at !== undefined) {
      assertNotInFuture(input.display_at, tx.now, 'display_at');
      if (row.status === 'resolved' && incident.resolved_at === row.display_at) {
        if (toEpochMs(input.display_at) < toEpochMs(incident.started_at)) {
          throw validationError([{ path: 'display_at', message: `this update resolved the incident; it must not be before started_at (${incident.started_at})` }]);
        }
        incidentPatch.resolved_at = input.display_at;
      }
      if (row.status === 'monitoring' && incident.monitoring_at === row.display_at) incidentPatch.monitoring_at = input.display_at;
    }
    await updateRow(tx.db, updateId, { ...input, updated_at: tx.now });
    if (input.display_at !== undefined) await moveChangesWithUpdate(tx, updateId, input.display_at);
    await updateIncident(tx.db, incidentId, incidentPatch);
    const after = await loadIncidentUpdate(tx.db, incidentId, updateId);
    await tx.audit('incident_update.update', { type: 'incident_update', id: updateId }, before, after);
    return after;
  });
}
