import { conflict, validationError } from '../../domain/errors.js';
import { applyIncidentStatus } from '../../domain/incident.js';
import { renderPostmortemMarkdown } from '../../domain/postmortem.js';
import { newId } from '../../lib/ids.js';
import { updateIncident } from '../../store/incidents.js';
import { findIncidentUpdateByStatus, insertIncidentUpdate, updateIncidentUpdate } from '../../store/incident-updates.js';
import { getPostmortem, updatePostmortem } from '../../store/postmortems.js';
import { transact, type ServiceContext } from '../context.js';
import { parseSections, presentPostmortem } from './present.js';
import { lifecycleOf, loadForPostmortem } from './published.js';
import type { Postmortem } from './schemas.js';
import { emitIncidentEvents } from '../notifications/emitIncidentEvents.js';

/**
 * Publishes the postmortem as Statuspage does: its sections become the body of
 * an incident update with status `postmortem`, and the incident takes that
 * status. Publishing again refreshes the same update rather than adding one.
 */
export async function publishPostmortem(ctx: ServiceContext, incidentId: string): Promise<Postmortem> {
  return transact(ctx, async (tx) => {
    const { incident, postmortem } = await loadForPostmortem(tx, incidentId);
    if (incident.status !== 'resolved' && incident.status !== 'postmortem') {
      throw conflict(`the incident is ${incident.status}: resolve the incident first, then publish its postmortem`);
    }
    const body = renderPostmortemMarkdown(parseSections(postmortem));
    if (body === '') throw validationError([{ path: 'sections', message: 'every section is empty: write at least one before publishing' }]);

    const existing = postmortem.published_at === null ? undefined : await findIncidentUpdateByStatus(tx.db, incidentId, 'postmortem');
    const updateId = existing?.id ?? newId();
    if (existing) {
      await updateIncidentUpdate(tx.db, existing.id, { body, updated_at: tx.now });
    } else {
      await insertIncidentUpdate(tx.db, {
        id: updateId,
        incident_id: incidentId,
        status: 'postmortem',
        body,
        display_at: tx.now,
        created_at: tx.now,
        updated_at: tx.now,
      });
    }
    await updateIncident(tx.db, incidentId, { ...applyIncidentStatus(lifecycleOf(incident), 'postmortem', tx.now), updated_at: tx.now });
    // published_at records when it first went public; a republish is an edit.
    await updatePostmortem(tx.db, incidentId, { published_at: postmortem.published_at ?? tx.now, updated_at: tx.now });
    // Subscribers hear of the first publication; publishing again corrects the text quietly.
    if (postmortem.published_at === null) await emitIncidentEvents(tx, { incidentId, kind: 'postmortem.published', updateId, deliver: true });
    const after = presentPostmortem((await getPostmortem(tx.db, incidentId))!);
    await tx.audit('postmortem.publish', { type: 'postmortem', id: incidentId }, presentPostmortem(postmortem), after);
    return after;
  });
}
