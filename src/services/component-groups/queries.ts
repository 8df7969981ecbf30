import { notFound } from '../../domain/errors.js';
import { getGroup, groupMemberIds, listGroupMemberships, listGroups } from '../../store/component-groups.js';
import { groupIdOf } from '../components/refs.js';
import { read, type ServiceContext } from '../context.js';
import { presentComponentGroup } from './present.js';
import type { ComponentGroup } from './schemas.js';

export function listComponentGroups(ctx: ServiceContext): Promise<ComponentGroup[]> {
  return read(ctx, async (db) => {
    const [groups, memberships] = await Promise.all([listGroups(db), listGroupMemberships(db)]);
    const members = new Map<string, string[]>();
    for (const m of memberships) {
      if (m.group_id) (members.get(m.group_id) ?? members.set(m.group_id, []).get(m.group_id)!).push(m.id);
    }
    return groups.map((g) => presentComponentGroup(g, members.get(g.id) ?? []));
  });
}

/** `ref`: the group's id or key. */
export function getComponentGroup(ctx: ServiceContext, ref: string): Promise<ComponentGroup> {
  return read(ctx, async (db) => {
    const id = await groupIdOf(db, ref);
    const row = await getGroup(db, id);
    if (!row) throw notFound('component group', ref);
    return presentComponentGroup(row, await groupMemberIds(db, id));
  });
}
