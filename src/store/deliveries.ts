// Deliveries: one message to one recipient, claimed by a worker in batches and
// settled in batches. A claim is a lease on the row (claimed_by,
// claimed_until): the holder renews it while it works, and a worker that died
// leaves rows in `sending` that are claimed again once the lease runs out and
// sent with the same idempotency key. On PostgreSQL, workers skip rows
// another is claiming (FOR UPDATE SKIP LOCKED), so several drain one outbox.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { ChannelRow, DB, DeliveryRow, SubscriberRow } from './schema.js';
import { inChunks } from './chunks.js';

function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** pg returns bigint columns as strings. */
export function normalizeDelivery(row: DeliveryRow): DeliveryRow {
  return {
    ...row,
    id: Number(row.id),
    event_id: Number(row.event_id),
    attempts: Number(row.attempts),
    next_attempt_at: Number(row.next_attempt_at),
    claimed_until: row.claimed_until === null ? null : Number(row.claimed_until),
  };
}

export interface ClaimQuery {
  holder: string;
  channelType: string;
  nowMs: number;
  untilMs: number;
  nowIso: string;
  limit: number;
}

/** Claims up to `limit` due deliveries of one channel type: pending and due, or sending under a lease that ran out. */
export async function claimDeliveries(db: Kysely<DB>, q: ClaimQuery): Promise<DeliveryRow[]> {
  let pick = db
    .selectFrom('deliveries')
    .select('id')
    .where('channel_type', '=', q.channelType)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', q.nowMs)]),
        eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', q.nowMs)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(q.limit);
  if (isPostgres(db)) pick = pick.forUpdate().skipLocked();
  const rows = await db
    .updateTable('deliveries')
    .set({ state: 'sending', claimed_by: q.holder, claimed_until: q.untilMs, updated_at: q.nowIso })
    .where('id', 'in', pick)
    .returningAll()
    .execute();
  return rows.map(normalizeDelivery).sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
}

/** Extends the lease on every row this holder is still sending. */
export async function renewClaims(db: Kysely<DB>, holder: string, untilMs: number): Promise<void> {
  await db.updateTable('deliveries').set({ claimed_until: untilMs }).where('state', '=', 'sending').where('claimed_by', '=', holder).execute();
}

/** Hands claimed rows that were never tried back to the outbox (a worker stopping), due at once. */
export async function releaseClaims(db: Kysely<DB>, holder: string, ids: readonly number[], nowIso: string): Promise<void> {
  await inChunks(ids.map(String), async (chunk) => {
    await db
      .updateTable('deliveries')
      .set({ state: 'pending', claimed_by: null, claimed_until: null, updated_at: nowIso })
      .where('id', 'in', chunk.map(Number))
      .where('state', '=', 'sending')
      .where('claimed_by', '=', holder)
      .execute();
    return [];
  });
}

export interface Settlement {
  id: number;
  /** delivered; pending (a retry, or deferred without using an attempt); dead. */
  state: 'delivered' | 'pending' | 'dead';
  /** 1 when a try was made, 0 for a delivery put back without trying (rate limit, Retry-After of its target). */
  attemptsUsed: 0 | 1;
  nextAttemptAt: number;
  lastError: string | null;
}

const SETTLE_CHUNK = 300;

/** Writes the outcomes of many tries at once: one statement per chunk, every column chosen per row. */
export async function settleDeliveries(db: Kysely<DB>, settlements: readonly Settlement[], nowIso: string): Promise<void> {
  if (settlements.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < settlements.length; i += SETTLE_CHUNK) {
      const part = settlements.slice(i, i + SETTLE_CHUNK);
      const delivered = part.filter((s) => s.state === 'delivered');
      if (delivered.length > 0) {
        await trx
          .updateTable('deliveries')
          .set((eb) => ({ state: 'delivered', attempts: eb('attempts', '+', 1), delivered_at: nowIso, last_error: null, claimed_by: null, claimed_until: null, updated_at: nowIso }))
          .where('id', 'in', delivered.map((s) => s.id))
          .execute();
      }
      const others = part.filter((s) => s.state !== 'delivered');
      if (others.length > 0) {
        const cases = <T>(pick: (s: Settlement) => RawBuilder<T>) => sql<T>`case id ${sql.join(others.map((s) => sql`when ${s.id} then ${pick(s)}`), sql` `)} end`;
        await trx
          .updateTable('deliveries')
          .set({
            state: cases((s) => sql<string>`cast(${s.state} as text)`),
            attempts: sql<number>`attempts + ${cases((s) => sql<number>`cast(${s.attemptsUsed} as integer)`)}`,
            next_attempt_at: cases((s) => sql<number>`cast(${s.nextAttemptAt} as bigint)`),
            last_error: cases((s) => (s.lastError === null ? sql<null>`last_error` : sql<string>`cast(${s.lastError} as text)`)),
            claimed_by: null,
            claimed_until: null,
            updated_at: nowIso,
          })
          .where('id', 'in', others.map((s) => s.id))
          .execute();
      }
    }
  });
}

// ---- The targets deliveries go to, read in bulk per batch ----

export function subscribersByIds(db: Kysely<DB>, ids: readonly string[]): Promise<SubscriberRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('subscribers').selectAll().where('id', 'in', chunk).execute());
}

export function channelsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ChannelRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('channels').selectAll().where('id', 'in', chunk).execute());
}

/** Channels that may receive responder events (enabled and not disabled for failing). */
export function activeChannels(db: Kysely<DB>): Promise<ChannelRow[]> {
  return db.selectFrom('channels').selectAll().where('enabled', '=', 1).where('disabled_at', 'is', null).orderBy('id').execute();
}

export function subscriberById(db: Kysely<DB>, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TargetIds {
  subscribers: readonly string[];
  channels: readonly string[];
}

/** A success clears the failing mark (only rows that carry one are written). */
export async function markTargetsHealthy(db: Kysely<DB>, targets: TargetIds, nowIso: string): Promise<void> {
  await inChunks(targets.subscribers, async (chunk) => {
    await db.updateTable('subscribers').set({ failing_since: null, updated_at: nowIso }).where('id', 'in', chunk).where('failing_since', 'is not', null).execute();
    return [];
  });
  await inChunks(targets.channels, async (chunk) => {
    await db.updateTable('channels').set({ failing_since: null, updated_at: nowIso }).where('id', 'in', chunk).where('failing_since', 'is not', null).execute();
    return [];
  });
}

/** The first failure after a success starts the failing period. */
export async function markTargetsFailing(db: Kysely<DB>, targets: TargetIds, nowIso: string): Promise<void> {
  await inChunks(targets.subscribers, async (chunk) => {
    await db.updateTable('subscribers').set({ failing_since: nowIso, updated_at: nowIso }).where('id', 'in', chunk).where('failing_since', 'is', null).execute();
    return [];
  });
  await inChunks(targets.channels, async (chunk) => {
    await db.updateTable('channels').set({ failing_since: nowIso, updated_at: nowIso }).where('id', 'in', chunk).where('failing_since', 'is', null).execute();
    return [];
  });
}

/** Of these targets, the ones failing since before `before` and not disabled yet. */
export async function overdueFailingTargets(db: Kysely<DB>, targets: TargetIds, before: string): Promise<{ subscribers: SubscriberRow[]; channels: ChannelRow[] }> {
  const subscribers = await inChunks(targets.subscribers, (chunk) =>
    db.selectFrom('subscribers').selectAll().where('id', 'in', chunk).where('failing_since', '<', before).where('disabled_at', 'is', null).execute(),
  );
  const channels = await inChunks(targets.channels, (chunk) =>
    db.selectFrom('channels').selectAll().where('id', 'in', chunk).where('failing_since', '<', before).where('disabled_at', 'is', null).execute(),
  );
  return { subscribers, channels };
}

/** Returns false when it was already disabled (another worker got there first). */
export async function disableSubscriberRow(db: Kysely<DB>, id: string, nowIso: string): Promise<boolean> {
  const r = await db.updateTable('subscribers').set({ disabled_at: nowIso, updated_at: nowIso }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function disableChannelRow(db: Kysely<DB>, id: string, reason: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('channels')
    .set({ enabled: 0, disabled_at: nowIso, disabled_reason: reason, updated_at: nowIso })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ---- Reads for the API and metrics ----

export interface DeliveryFilter {
  state?: string;
  channel_type?: string;
  event_id?: number;
  target_type?: string;
  target_id?: string;
  before_id?: number;
  limit: number;
}

export type DeliveryListRow = DeliveryRow & { event_kind: string };

export async function listDeliveryRows(db: Kysely<DB>, f: DeliveryFilter): Promise<DeliveryListRow[]> {
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.kind as event_kind')
    .$if(f.state !== undefined, (q) => q.where('d.state', '=', f.state!))
    .$if(f.channel_type !== undefined, (q) => q.where('d.channel_type', '=', f.channel_type!))
    .$if(f.event_id !== undefined, (q) => q.where('d.event_id', '=', f.event_id!))
    .$if(f.target_type !== undefined, (q) => q.where('d.target_type', '=', f.target_type!))
    .$if(f.target_id !== undefined, (q) => q.where('d.target_id', '=', f.target_id!))
    .$if(f.before_id !== undefined, (q) => q.where('d.id', '<', f.before_id!))
    .orderBy('d.id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({ ...normalizeDelivery(r), event_kind: r.event_kind }));
}

export async function getDeliveryRow(db: Kysely<DB>, id: number): Promise<DeliveryListRow | undefined> {
  const row = await db
    .selectFrom('deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .selectAll('d')
    .select('e.kind as event_kind')
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row ? { ...normalizeDelivery(row), event_kind: row.event_kind } : undefined;
}

/** Puts a delivery back in the outbox, due now, with its attempts reset (an operator's retry). */
export async function resetDelivery(db: Kysely<DB>, id: number, nowMs: number, nowIso: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ state: 'pending', attempts: 0, next_attempt_at: nowMs, claimed_by: null, claimed_until: null, updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export interface DeliveryStats {
  /** Count per state and channel type, for pending, sending and dead. */
  counts: { state: string; channel_type: string; count: number }[];
  /** When the oldest delivery not yet delivered (pending or sending) was written. */
  oldestUndelivered: string | null;
}

export async function deliveryStats(db: Kysely<DB>): Promise<DeliveryStats> {
  const counts = await db
    .selectFrom('deliveries')
    .select(['state', 'channel_type', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('state', 'in', ['pending', 'sending', 'dead'])
    .groupBy(['state', 'channel_type'])
    .execute();
  const oldest = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.min('created_at').as('oldest'))
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return {
    counts: counts.map((c) => ({ state: c.state, channel_type: c.channel_type, count: Number(c.n) })),
    oldestUndelivered: (oldest?.oldest as string | null | undefined) ?? null,
  };
}

/** How many deliveries of one channel type wait (the warning when its channel is not configured). */
export async function pendingCount(db: Kysely<DB>, channelType: string): Promise<number> {
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('state', 'in', ['pending', 'sending'])
    .where('channel_type', '=', channelType)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who holds claims now: on deliveries being sent and on events being expanded. */
export async function claimHolders(db: Kysely<DB>): Promise<string[]> {
  const d = await db.selectFrom('deliveries').select('claimed_by').distinct().where('state', '=', 'sending').where('claimed_by', 'is not', null).execute();
  const e = await db.selectFrom('notification_events').select('claimed_by').distinct().where('state', '=', 'pending').where('claimed_by', 'is not', null).execute();
  return [...new Set([...d, ...e].map((r) => r.claimed_by!))];
}

/** Hands back every claim of a holder known to be dead, so its work is taken up at once instead of when the lease ends. */
export async function releaseHolder(db: Kysely<DB>, holder: string, nowIso: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('deliveries')
      .set({ state: 'pending', claimed_by: null, claimed_until: null, updated_at: nowIso })
      .where('state', '=', 'sending')
      .where('claimed_by', '=', holder)
      .executeTakeFirst();
    await trx.updateTable('notification_events').set({ claimed_by: null, claimed_until: null }).where('state', '=', 'pending').where('claimed_by', '=', holder).execute();
    return Number(r.numUpdatedRows);
  });
}
