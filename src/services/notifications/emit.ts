// Writes a notification event to the outbox inside the caller's transaction,
// so the message exists exactly when the change does (the audit row of the
// change covers it: the event is part of that change).
import type { Audience, EventKind, EventPayload } from '../../domain/notifications.js';
import { insertNotificationEvent } from '../../store/notification-events.js';
import type { Tx } from '../context.js';

export interface NewEvent {
  kind: EventKind;
  audience: Audience;
  subject: { type: string; id: string };
  /** Messages about one incident or maintenance share a thread key. */
  thread_key: string | null;
  component_ids: readonly string[];
  monitor_id?: string | null;
  severity?: string | null;
  payload: EventPayload;
  /** Names a fact that must be told once (a reminder, a certificate warning). */
  dedupe_key?: string | null;
}

/** Returns false when an event with the same dedupe key was already written. */
export function emitEvent(tx: Tx, event: NewEvent): Promise<boolean> {
  return insertNotificationEvent(tx.db, {
    kind: event.kind,
    audience: event.audience,
    subject_type: event.subject.type,
    subject_id: event.subject.id,
    thread_key: event.thread_key,
    component_ids: JSON.stringify(event.component_ids),
    monitor_id: event.monitor_id ?? null,
    severity: event.severity ?? null,
    payload_json: JSON.stringify(event.payload),
    dedupe_key: event.dedupe_key ?? null,
    created_at: tx.now,
    state: 'pending',
    expand_cursor: null,
    claimed_by: null,
    claimed_until: null,
    expanded_at: null,
  });
}
