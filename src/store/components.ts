import { sql, type Kysely } from 'kysely';
import { inChunks } from './chunks.js';
import type { ComponentPatch, ComponentRow, DB, NewComponentRow } from './schema.js';

export function listComponents(db: Kysely<DB>): Promise<ComponentRow[]> {
  return db.selectFrom('components').selectAll().orderBy('position').orderBy('sequence').orderBy('created_at').orderBy('id').execute();
}

/**
 * The natural order of what is created in Vigil (docs/adr/0014): a new group or
 * component goes after every existing one, in the sequence groups and
 * components share. Computed in the INSERT itself, so it reads the latest rows.
 */
export function nextSequence() {
  return sql<number>`(select coalesce(max(s), 0) + 1 from (select sequence as s from components union all select sequence as s from component_groups) as e)`;
}

export function getComponent(db: Kysely<DB>, id: string): Promise<ComponentRow | undefined> {
  return db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getComponentByKey(db: Kysely<DB>, key: string): Promise<ComponentRow | undefined> {
  return db.selectFrom('components').selectAll().where('key', '=', key).executeTakeFirst();
}

export function getComponentsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ComponentRow[]> {
  return inChunks(ids, (chunk) => db.selectFrom('components').selectAll().where('id', 'in', chunk).execute());
}

/** Without a `sequence` (an import gives the file's), the component goes after every existing one. */
export async function insertComponent(db: Kysely<DB>, row: NewComponentRow): Promise<void> {
  await db.insertInto('components').values({ ...row, sequence: row.sequence ?? nextSequence() }).execute();
}

export async function updateComponent(db: Kysely<DB>, id: string, patch: ComponentPatch): Promise<void> {
  await db.updateTable('components').set(patch).where('id', '=', id).execute();
}

export async function deleteComponent(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('components').where('id', '=', id).execute();
}

/** The next free position at the end of a group (or of the ungrouped list). */
export async function nextComponentPosition(db: Kysely<DB>, groupId: string | null): Promise<number> {
  let q = db.selectFrom('components').select(sql<number | null>`max(position)`.as('max'));
  q = groupId === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', groupId);
  const row = await q.executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export interface NewStatusChange {
  component_id: string;
  status: string;
  at: string;
  source: string;
  source_id: string | null;
  /** Set for changes an incident update made (see domain/status-history.ts). */
  update_id?: string | null;
  follows?: 'display_at' | 'started_at' | null;
}

export async function insertStatusChange(db: Kysely<DB>, change: NewStatusChange): Promise<void> {
  await db.insertInto('component_status_changes').values(change).execute();
}

/** The time of each component's latest status change (components without history are absent). */
export async function latestStatusChangeTimes(db: Kysely<DB>, componentIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks(componentIds, (chunk) =>
    db
      .selectFrom('component_status_changes')
      .select(['component_id', (eb) => eb.fn.max('at').as('at')])
      .where('component_id', 'in', chunk)
      .groupBy('component_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.component_id, String(r.at)]));
}

/** A change as the history editor sees it; `id` is the insertion order. */
export interface LinkedStatusChange {
  id: number;
  component_id: string;
  at: string;
}

// PostgreSQL returns the bigint id as text.
const linked = (rows: { id: number | string; component_id: string; at: string }[]): LinkedStatusChange[] =>
  rows.map((r) => ({ id: Number(r.id), component_id: r.component_id, at: r.at }));

/** The changes an incident update made that follow its display_at. */
export async function changesFollowingUpdate(db: Kysely<DB>, updateId: string): Promise<LinkedStatusChange[]> {
  return linked(await db
    .selectFrom('component_status_changes')
    .select(['id', 'component_id', 'at'])
    .where('update_id', '=', updateId)
    .where('follows', '=', 'display_at')
    .orderBy('id')
    .execute());
}

/** The changes an incident's opening update made, which follow the incident's started_at. */
export async function changesFollowingStart(db: Kysely<DB>, incidentId: string): Promise<LinkedStatusChange[]> {
  return linked(await db
    .selectFrom('component_status_changes')
    .select(['id', 'component_id', 'at'])
    .where('source', '=', 'incident')
    .where('source_id', '=', incidentId)
    .where('follows', '=', 'started_at')
    .orderBy('id')
    .execute());
}

/** The changes of the same component just before and just after `change` in its history (by time, then insertion). */
export async function neighbourStatusChanges(
  db: Kysely<DB>,
  change: LinkedStatusChange,
): Promise<{ previous: LinkedStatusChange | null; next: LinkedStatusChange | null }> {
  const base = () =>
    db.selectFrom('component_status_changes').select(['id', 'component_id', 'at']).where('component_id', '=', change.component_id).where('id', '!=', change.id);
  const previous = await base()
    .where((eb) => eb.or([eb('at', '<', change.at), eb.and([eb('at', '=', change.at), eb('id', '<', change.id)])]))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await base()
    .where((eb) => eb.or([eb('at', '>', change.at), eb.and([eb('at', '=', change.at), eb('id', '>', change.id)])]))
    .orderBy('at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return { previous: previous ? linked([previous])[0]! : null, next: next ? linked([next])[0]! : null };
}

export async function moveStatusChange(db: Kysely<DB>, id: number, at: string): Promise<void> {
  await db.updateTable('component_status_changes').set({ at }).where('id', '=', id).execute();
}

export function listStatusChanges(db: Kysely<DB>, componentId: string, since?: string) {
  let q = db
    .selectFrom('component_status_changes')
    .select(['status', 'at', 'source', 'source_id'])
    .where('component_id', '=', componentId)
    .orderBy('at')
    .orderBy('id');
  if (since) q = q.where('at', '>=', since);
  return q.execute();
}


/** The components whose id or key is one of `refs` (the admin API names a component either way). */
export function componentsByIdOrKey(db: Kysely<DB>, refs: readonly string[]): Promise<Pick<ComponentRow, 'id' | 'key'>[]> {
  return inChunks(refs, (chunk) =>
    db
      .selectFrom('components')
      .select(['id', 'key'])
      .where((eb) => eb.or([eb('id', 'in', chunk), eb('key', 'in', chunk)]))
      .execute(),
  );
}
