// Reads the outbox in tests: the events written after a mark, parsed.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export interface StoredEvent {
  id: number;
  kind: string;
  audience: string;
  subject_type: string;
  subject_id: string;
  thread_key: string | null;
  component_ids: string[];
  monitor_id: string | null;
  severity: string | null;
  dedupe_key: string | null;
  payload: any;
}

export async function lastEventId(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('notification_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Events written after `mark` (an id from lastEventId), oldest first. */
export async function eventsSince(db: Kysely<DB>, mark: number): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('notification_events').selectAll().where('id', '>', mark).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    audience: r.audience,
    subject_type: r.subject_type,
    subject_id: r.subject_id,
    thread_key: r.thread_key,
    component_ids: JSON.parse(r.component_ids) as string[],
    monitor_id: r.monitor_id,
    severity: r.severity,
    dedupe_key: r.dedupe_key,
    payload: JSON.parse(r.payload_json),
  }));
}

/** `kind/audience` of each event, for compact assertions. */
export function kinds(events: readonly StoredEvent[]): string[] {
  return events.map((e) => `${e.kind}/${e.audience}`);
}
