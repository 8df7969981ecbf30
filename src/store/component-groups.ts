import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { nextSequence } from './components.js';
import type { ComponentGroupRow, ComponentGroupTable, DB } from './schema.js';

export function listGroups(db: Kysely<DB>): Promise<ComponentGroupRow[]> {
  return db.selectFrom('component_groups').selectAll().orderBy('position').orderBy('sequence').orderBy('created_at').orderBy('id').execute();
}

export function getGroup(db: Kysely<DB>, id: string): Promise<ComponentGroupRow | undefined> {
  return db.selectFrom('component_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getGroupByKey(db: Kysely<DB>, key: string): Promise<ComponentGroupRow | undefined> {
  return db.selectFrom('component_groups').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Without a `sequence` (an import gives the file's), the group goes after every existing group and component. */
export async function insertGroup(db: Kysely<DB>, row: Insertable<ComponentGroupTable>): Promise<void> {
  await db.insertInto('component_groups').values({ ...row, sequence: row.sequence ?? nextSequence() }).execute();
}

export async function updateGroup(db: Kysely<DB>, id: string, patch: Updateable<ComponentGroupTable>): Promise<void> {
  await db.updateTable('component_groups').set(patch).where('id', '=', id).execute();
}

export async function deleteGroup(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('component_groups').where('id', '=', id).execute();
}

export async function nextGroupPosition(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('component_groups').select(sql<number | null>`max(position)`.as('max')).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Ids of the components in a group, in display order. */
export async function groupMemberIds(db: Kysely<DB>, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('components')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('position')
    .orderBy('sequence')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Every grouped component as `{id, group_id}`, in display order within each group. */
export function listGroupMemberships(db: Kysely<DB>): Promise<{ id: string; group_id: string | null }[]> {
  return db
    .selectFrom('components')
    .select(['id', 'group_id'])
    .where('group_id', 'is not', null)
    .orderBy('position')
    .orderBy('sequence')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Makes `orderedIds` members of the group, positioned in the order given. */
export async function placeComponentsInGroup(db: Kysely<DB>, groupId: string, orderedIds: readonly string[], at: string): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db.updateTable('components').set({ group_id: groupId, position, updated_at: at }).where('id', '=', id).execute();
  }
}

/**
 * Ungroups every member of the group except `keepIds`, appending them (in
 * their old order) to the end of the ungrouped list rather than colliding
 * with the positions already there.
 */
export async function ungroupComponents(db: Kysely<DB>, groupId: string, keepIds: readonly string[], at: string): Promise<string[]> {
  const members = await groupMemberIds(db, groupId);
  const leaving = members.filter((id) => !keepIds.includes(id));
  if (leaving.length === 0) return [];
  const row = await db
    .selectFrom('components')
    .select(sql<number | null>`max(position)`.as('max'))
    .where('group_id', 'is', null)
    .executeTakeFirst();
  const first = row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  for (const [i, id] of leaving.entries()) {
    await db.updateTable('components').set({ group_id: null, position: first + i, updated_at: at }).where('id', '=', id).execute();
  }
  return leaving;
}

/** The groups whose id or key is one of `refs` (the admin API names a group either way). */
export function groupsByIdOrKey(db: Kysely<DB>, refs: readonly string[]): Promise<Pick<ComponentGroupRow, 'id' | 'key'>[]> {
  if (refs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('component_groups')
    .select(['id', 'key'])
    .where((eb) => eb.or([eb('id', 'in', refs), eb('key', 'in', refs)]))
    .execute();
}
