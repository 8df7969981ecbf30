// The events of an incident change: one public event for subscribers (unless
// the update says not to deliver), and one for responders when a person, not
// the monitor engine, opened or updated it (the engine tells responders itself
// with monitor.down/up and monitor.storm).
import type { EventKind } from '../../domain/notifications.js';
import type { Tx } from '../context.js';
import { emitEvent } from './emit.js';
import { incidentFacts, pageStatusFacts } from './facts.js';

export interface IncidentChange {
  incidentId: string;
  kind: 'incident.created' | 'incident.updated' | 'incident.resolved' | 'postmortem.published';
  /** The update this change posted; null when none (a postmortem republished). */
  updateId: string | null;
  /** `deliver_notifications` of the update: false keeps subscribers out of it (responders still hear). */
  deliver: boolean;
}

export async function emitIncidentEvents(tx: Tx, change: IncidentChange): Promise<void> {
  const incident = await incidentFacts(tx, change.incidentId);
  const common = {
    subject: { type: 'incident', id: incident.id },
    thread_key: `incident:${incident.id}`,
    component_ids: incident.components.map((c) => c.id),
    severity: incident.impact,
    payload: { type: 'incident' as const, incident, update_id: change.updateId, actor: tx.actor.name, page_status: await pageStatusFacts(tx) },
  };
  if (change.deliver) await emitEvent(tx, { ...common, kind: change.kind, audience: 'public' });
  if (tx.actor.type !== 'monitor' && change.kind !== 'postmortem.published') {
    await emitEvent(tx, { ...common, kind: change.kind satisfies EventKind, audience: 'responders' });
  }
}
