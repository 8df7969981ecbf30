// Public subscribers and the components each one narrowed its subscription to
// (no rows: everything).
import type { Kysely } from 'kysely';
import { inChunks } from './chunks.js';
import type { DB, SubscriberRow } from './schema.js';

export type SubscriberPatch = Partial<Omit<SubscriberRow, 'id' | 'type' | 'created_at'>>;

export function getSubscriber(db: Kysely<DB>, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSubscriberByAddress(db: Kysely<DB>, type: string, address: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('type', '=', type).where('address', '=', address).executeTakeFirst();
}

export function findSubscribersByAddresses(db: Kysely<DB>, type: string, addresses: readonly string[]): Promise<SubscriberRow[]> {
  return inChunks(addresses, (chunk) => db.selectFrom('subscribers').selectAll().where('type', '=', type).where('address', 'in', chunk).execute());
}

export interface SubscriberFilter {
  state?: string;
  type?: string;
  limit: number;
  offset: number;
}

/** Oldest first, so pages stay stable while subscribers are added. */
export function listSubscribers(db: Kysely<DB>, filter: SubscriberFilter): Promise<SubscriberRow[]> {
  let q = db.selectFrom('subscribers').selectAll();
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.type) q = q.where('type', '=', filter.type);
  return q.orderBy('created_at').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
}

/** Oldest first; those made together (an import) by type and address, so an export's order is stable. */
export function allSubscribers(db: Kysely<DB>): Promise<SubscriberRow[]> {
  return db.selectFrom('subscribers').selectAll().orderBy('created_at').orderBy('type').orderBy('address').execute();
}

export async function insertSubscriber(db: Kysely<DB>, row: SubscriberRow): Promise<void> {
  await db.insertInto('subscribers').values(row).execute();
}

export async function updateSubscriber(db: Kysely<DB>, id: string, patch: SubscriberPatch): Promise<void> {
  await db.updateTable('subscribers').set(patch).where('id', '=', id).execute();
}

/** Moves a pending subscriber to confirmed; false when it was not pending (confirmed meanwhile, or gone). */
export async function confirmPendingSubscriber(db: Kysely<DB>, id: string, patch: SubscriberPatch): Promise<boolean> {
  const result = await db.updateTable('subscribers').set({ ...patch, state: 'confirmed' }).where('id', '=', id).where('state', '=', 'pending').executeTakeFirst();
  return (result.numUpdatedRows ?? 0n) > 0n;
}

export async function deleteSubscriber(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('subscribers').where('id', '=', id).execute();
}

/** Component ids per subscriber, in a stable order. */
export async function subscriberComponentIds(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await inChunks(ids, (chunk) =>
    db.selectFrom('subscriber_components').select(['subscriber_id', 'component_id']).where('subscriber_id', 'in', chunk).orderBy('component_id').execute(),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.subscriber_id) ?? [];
    list.push(r.component_id);
    out.set(r.subscriber_id, list);
  }
  return out;
}

/** Replaces a subscriber's components with `componentIds` (empty: everything). */
export async function setSubscriberComponents(db: Kysely<DB>, subscriberId: string, componentIds: readonly string[]): Promise<void> {
  await db.deleteFrom('subscriber_components').where('subscriber_id', '=', subscriberId).execute();
  if (componentIds.length === 0) return;
  await inChunks(componentIds, async (chunk) => {
    await db
      .insertInto('subscriber_components')
      .values(chunk.map((component_id) => ({ subscriber_id: subscriberId, component_id })))
      .execute();
    return [];
  });
}

/** When the last double opt-in message for this subscriber was written to the outbox, or null. */
export async function lastConfirmationAt(db: Kysely<DB>, subscriberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('notification_events')
    .select('created_at')
    .where('kind', '=', 'subscription.confirm')
    .where('subject_type', '=', 'subscriber')
    .where('subject_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}
