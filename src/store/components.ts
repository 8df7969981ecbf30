import { sql, type Kysely } from 'kysely';
import type { ComponentPatch, ComponentRow, DB, NewComponentRow } from './schema.js';

export function listComponents(db: Kysely<DB>): Promise<ComponentRow[]> {
  return db.selectFrom('components').selectAll().orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export function getComponent(db: Kysely<DB>, id: string): Promise<ComponentRow | undefined> {
  return db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getComponentByKey(db: Kysely<DB>, key: string): Promise<ComponentRow | undefined> {
  return db.selectFrom('components').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function getComponentsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ComponentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('components').selectAll().where('id', 'in', [...ids]).execute();
}

export async function insertComponent(db: Kysely<DB>, row: NewComponentRow): Promise<void> {
  await db.insertInto('components').values(row).execute();
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

export async function insertStatusChange(
  db: Kysely<DB>,
  change: { component_id: string; status: string; at: string; source: string; source_id: string | null },
): Promise<void> {
  await db.insertInto('component_status_changes').values(change).execute();
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

