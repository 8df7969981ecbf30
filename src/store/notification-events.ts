// The outbox: notification events, inserted in the transaction of the change
// that causes them, then claimed by one worker at a time (a lease on the row)
// and expanded into deliveries in pages. Each page's deliveries and the
// cursor after them are written in one transaction, and a delivery is unique
// per (event, target), so a worker that dies mid-expansion leaves a cursor the
// next one resumes from, and re-running a page adds nothing.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB, NewNotificationEventRow, NotificationEventRow } from './schema.js';
import { inChunks } from './chunks.js';

/** Inserts an event; one with a dedupe key already present is skipped (returns false). */
export async function insertNotificationEvent(db: Kysely<DB>, row: NewNotificationEventRow): Promise<boolean> {
  const result = await db
    .insertInto('notification_events')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Claims the oldest pending event that nobody holds (or whose holder's claim ran out) until `until`
 * (epoch ms). On PostgreSQL, workers skip rows another one is claiming (SKIP LOCKED).
 */
export async function claimPendingEvent(db: Kysely<DB>, holder: string, now: number, until: number): Promise<NotificationEventRow | null> {
  let pick = db
    .selectFrom('notification_events')
    .select('id')
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(1);
  if (isPostgres(db)) pick = pick.forUpdate().skipLocked();
  const row = await db
    .updateTable('notification_events')
    .set({ claimed_by: holder, claimed_until: until })
    .where('id', 'in', pick)
    .returningAll()
    .executeTakeFirst();
  return row ? normalizeEvent(row) : null;
}

/** bigint columns arrive as strings from pg. */
function normalizeEvent(row: NotificationEventRow): NotificationEventRow {
  return { ...row, id: Number(row.id), claimed_until: row.claimed_until === null ? null : Number(row.claimed_until) };
}

export function getEventsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<NotificationEventRow[]> {
  return inChunks(ids.map(String), async (chunk) =>
    (await db.selectFrom('notification_events').selectAll().where('id', 'in', chunk.map(Number)).execute()).map(normalizeEvent),
  );
}

export interface ExpansionPage {
  /** The cursor after this page (the last subscriber id), or null when the event is fully expanded. */
  cursor: string | null;
  /** Deliveries written (a page re-run after a crash writes fewer, or none). */
  written: number;
}

export interface SubscriberPageQuery {
  eventId: number;
  /** Subscriber types this event goes to (component changes: webhook only). */
  types: readonly string[];
  /** The event's components; empty: every subscriber, whatever it chose. */
  componentIds: readonly string[];
  after: string | null;
  pageSize: number;
  idempotencyPrefix: string;
  holder: string;
  nowMs: number;
  nowIso: string;
  claimUntil: number;
}

/**
 * Writes one page of subscriber deliveries for a public event and moves its cursor, in one transaction;
 * refuses (returns null) when the claim was lost to another worker, so two never expand the same page.
 */
export async function expandSubscriberPage(db: Kysely<DB>, q: SubscriberPageQuery): Promise<ExpansionPage | null> {
  return db.transaction().execute(async (trx) => {
    const owned = await trx
      .updateTable('notification_events')
      .set({ claimed_until: q.claimUntil })
      .where('id', '=', q.eventId)
      .where('claimed_by', '=', q.holder)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (owned.numUpdatedRows === 0n) return null;

    const eligible = trx
      .selectFrom('subscribers as s')
      .where('s.state', '=', 'confirmed')
      .where('s.disabled_at', 'is', null)
      .where('s.type', 'in', [...q.types])
      .$if(q.after !== null, (qb) => qb.where('s.id', '>', q.after!))
      .$if(q.componentIds.length > 0, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb.not(eb.exists(eb.selectFrom('subscriber_components as sc').select('sc.subscriber_id').whereRef('sc.subscriber_id', '=', 's.id'))),
            eb.exists(
              eb
                .selectFrom('subscriber_components as sc')
                .select('sc.subscriber_id')
                .whereRef('sc.subscriber_id', '=', 's.id')
                .where('sc.component_id', 'in', [...q.componentIds]),
            ),
          ]),
        ),
      );
    // The page's last id bounds the insert below to exactly this page.
    const ids = await eligible.select('s.id').orderBy('s.id').limit(q.pageSize).execute();
    const last = ids.at(-1)?.id ?? null;
    let written = 0;
    if (last !== null) {
      const result = await trx
        .insertInto('deliveries')
        .columns(['event_id', 'target_type', 'target_id', 'channel_type', 'idempotency_key', 'state', 'attempts', 'next_attempt_at', 'created_at', 'updated_at'])
        .expression(
          eligible
            .where('s.id', '<=', last)
            .select([
              sql<number>`cast(${q.eventId} as bigint)`.as('event_id'),
              sql<string>`'subscriber'`.as('target_type'),
              's.id as target_id',
              's.type as channel_type',
              sql<string>`cast(${q.idempotencyPrefix} as text) || s.id`.as('idempotency_key'),
              sql<string>`'pending'`.as('state'),
              sql<number>`0`.as('attempts'),
              sql<number>`cast(${q.nowMs} as bigint)`.as('next_attempt_at'),
              sql<string>`cast(${q.nowIso} as text)`.as('created_at'),
              sql<string>`cast(${q.nowIso} as text)`.as('updated_at'),
            ]),
        )
        .onConflict((oc) => oc.columns(['event_id', 'target_type', 'target_id']).doNothing())
        .executeTakeFirst();
      written = Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    const done = ids.length < q.pageSize;
    await trx
      .updateTable('notification_events')
      .set(done ? { state: 'expanded', expand_cursor: last ?? q.after, expanded_at: q.nowIso, claimed_by: null, claimed_until: null } : { expand_cursor: last })
      .where('id', '=', q.eventId)
      .execute();
    return { cursor: done ? null : last, written };
  });
}

export interface NewDeliveryTarget {
  target_type: 'subscriber' | 'channel';
  target_id: string;
  channel_type: string;
  idempotency_key: string;
}

/** Writes an event's few deliveries (responder channels, a direct message) and marks it expanded, in one transaction. */
export async function expandToTargets(
  db: Kysely<DB>,
  q: { eventId: number; holder: string; targets: readonly NewDeliveryTarget[]; nowMs: number; nowIso: string },
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const owned = await trx
      .updateTable('notification_events')
      .set({ state: 'expanded', expanded_at: q.nowIso, claimed_by: null, claimed_until: null })
      .where('id', '=', q.eventId)
      .where('claimed_by', '=', q.holder)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (owned.numUpdatedRows === 0n) return null;
    if (q.targets.length === 0) return 0;
    let written = 0;
    for (let i = 0; i < q.targets.length; i += 500) {
      const result = await trx
        .insertInto('deliveries')
        .values(
          q.targets.slice(i, i + 500).map((t) => ({
            event_id: q.eventId,
            ...t,
            state: 'pending',
            attempts: 0,
            next_attempt_at: q.nowMs,
            created_at: q.nowIso,
            updated_at: q.nowIso,
          })),
        )
        .onConflict((oc) => oc.columns(['event_id', 'target_type', 'target_id']).doNothing())
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return written;
  });
}

/** Pending events (not yet fully expanded) and the creation time of the oldest. */
export async function pendingEventStats(db: Kysely<DB>): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('notification_events')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}
