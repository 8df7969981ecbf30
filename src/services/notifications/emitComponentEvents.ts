// component.status_changed, one public event per change. A change an incident
// or maintenance made shares that one's thread key, so a channel can tell it
// apart from a change made on the component itself (and fold it into the
// incident's message rather than send a second one).
import { impactFromComponentStatuses } from '../../domain/incident.js';
import type { ComponentStatus } from '../../domain/statuses.js';
import { newId } from '../../lib/ids.js';
import type { ComponentRow } from '../../store/schema.js';
import type { Tx } from '../context.js';
import { emitEvent } from './emit.js';
import { componentFacts, pageStatusFacts } from './facts.js';

export interface ComponentChangeEvent {
  /** The component as it is after the change. */
  component: ComponentRow;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
  /** When the change took effect (a back-dated update gives an earlier time). */
  at: string;
  /** `incident:<id>` or `maintenance:<id>` when one of them made the change. */
  thread_key: string | null;
}

export async function emitComponentEvent(tx: Tx, change: ComponentChangeEvent): Promise<void> {
  const component = componentFacts(change.component);
  await emitEvent(tx, {
    kind: 'component.status_changed',
    audience: 'public',
    subject: { type: 'component', id: component.id },
    thread_key: change.thread_key ?? `component:${component.id}`,
    component_ids: [component.id],
    // The impact an incident with this status would have (Statuspage's mapping).
    severity: impactFromComponentStatuses([change.new_status]),
    payload: {
      type: 'component',
      component,
      change: { id: newId(), old_status: change.old_status, new_status: change.new_status, at: change.at },
      page_status: await pageStatusFacts(tx),
    },
  });
}
