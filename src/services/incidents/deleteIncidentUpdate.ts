import { conflict, notFound } from '../../domain/errors.js';
import { lockIncident, updateIncident } from '../../store/incidents.js';
import { deleteIncidentUpdate as deleteRow, listIncidentUpdates } from '../../store/incident-updates.js';
import { transact, type ServiceContext } from '../context.js';
import { loadIncidentUpdate } from './load.js';

/** Removes a timeline entry. Statuses stay as they are; an incident always keeps one regular update. */
export async function deleteIncidentUpdate(ctx: ServiceContext, incidentId: string, updateId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    if (!(await lockIncident(tx.db, incidentId))) throw notFound('incident', incidentId);
    const before = await loadIncidentUpdate(tx.db, incidentId, updateId);
    if (before.status === 'postmortem') {
      throw conflict('this update is the published postmortem: unpublish it (POST /api/v1/incidents/{id}/postmortem/unpublish)');
    }
    const others = (await listIncidentUpdates(tx.db, [incidentId])).filter((u) => u.id !== updateId && u.status !== 'postmortem');
    if (others.length === 0) throw conflict('this is the incident\'s only update; delete the incident instead');
    await deleteRow(tx.db, updateId);
    await updateIncident(tx.db, incidentId, { updated_at: tx.now });
    await tx.audit('incident_update.delete', { type: 'incident_update', id: updateId }, before, null);
  });
}
