import type { Updateable } from 'kysely';
import { conflict, notFound } from '../../domain/errors.js';
import {
  getGroup,
  getGroupByKey,
  groupMemberIds,
  placeComponentsInGroup,
  ungroupComponents,
  updateGroup,
} from '../../store/component-groups.js';
import type { ComponentGroupTable } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { groupIdOf, resolveComponentList } from '../components/refs.js';
import { presentComponentGroup } from './present.js';
import { updateComponentGroupInput, type ComponentGroup } from './schemas.js';

/** Changes a group (`ref`: its id or key); a `components` list replaces its membership (dropped components become ungrouped). */
export async function updateComponentGroup(ctx: ServiceContext, ref: string, raw: unknown): Promise<ComponentGroup> {
  const input = parseInput(updateComponentGroupInput, raw);
  return transact(ctx, async (tx) => {
    const id = await groupIdOf(tx.db, ref);
    const before = await getGroup(tx.db, id);
    if (!before) throw notFound('component group', ref);
    const beforeMembers = await groupMemberIds(tx.db, id);
    const members = input.components && (await resolveComponentList(tx.db, input.components, 'components'));
    if (input.key && input.key !== before.key && (await getGroupByKey(tx.db, input.key))) {
      throw conflict(`a component group with key "${input.key}" already exists`, { field: 'key' });
    }
    const patch: Updateable<ComponentGroupTable> = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (input.position !== undefined) patch.position = input.position;
    if (input.key !== undefined) patch.key = input.key;
    await updateGroup(tx.db, id, patch);
    if (members) {
      await ungroupComponents(tx.db, id, members, tx.now);
      await placeComponentsInGroup(tx.db, id, members, tx.now);
    }
    const after = presentComponentGroup((await getGroup(tx.db, id))!, await groupMemberIds(tx.db, id));
    await tx.audit('component_group.update', { type: 'component_group', id }, presentComponentGroup(before, beforeMembers), after);
    return after;
  });
}
