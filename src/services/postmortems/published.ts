// The published side of a postmortem: the incident update with status
// `postmortem` that carries its text, and the incident status it implies.
import { conflict, notFound } from '../../domain/errors.js';
import { applyIncidentStatus } from '../../domain/incident.js';
import type { IncidentStatus } from '../../domain/statuses.js';
import { lockIncident, updateIncident } from '../../store/incidents.js';
import { deleteIncidentUpdate, findIncidentUpdateByStatus } from '../../store/incident-updates.js';
import { getPostmortem } from '../../store/postmortems.js';
import type { IncidentRow, PostmortemRow } from '../../store/schema.js';
import type { Tx } from '../context.js';

export function lifecycleOf(row: IncidentRow) {
  return { status: row.status as IncidentStatus, monitoring_at: row.monitoring_at, resolved_at: row.resolved_at };
}

/** The incident and its postmortem, or 404 for whichever is missing. */
export async function loadForPostmortem(tx: Tx, incidentId: string): Promise<{ incident: IncidentRow; postmortem: PostmortemRow }> {
  const incident = await lockIncident(tx.db, incidentId);
  if (!incident) throw notFound('incident', incidentId);
  const postmortem = await getPostmortem(tx.db, incidentId);
  if (!postmortem) throw notFound('postmortem', incidentId);
  return { incident, postmortem };
}

export function assertPublished(postmortem: PostmortemRow): void {
  if (postmortem.published_at === null) throw conflict('the postmortem is not published');
}

/** Removes the postmortem's update and, if the incident still shows `postmortem`, moves it back to resolved. */
export async function withdrawPublication(tx: Tx, incident: IncidentRow): Promise<void> {
  const update = await findIncidentUpdateByStatus(tx.db, incident.id, 'postmortem');
  if (update) await deleteIncidentUpdate(tx.db, update.id);
  const lifecycle = incident.status === 'postmortem' ? applyIncidentStatus(lifecycleOf(incident), 'resolved', tx.now) : {};
  await updateIncident(tx.db, incident.id, { ...lifecycle, updated_at: tx.now });
}
