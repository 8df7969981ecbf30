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
import { checkComponentIds } from './membership.js';
import { presentComponentGroup } from './present.js';
import { updateComponentGroupInput, type ComponentGroup } from './schemas.js';

/** Changes a group; a `components` list replaces its membership (dropped components become ungrouped). */
export async function updateComponentGroup(ctx: ServiceContext, id: string, raw: unknown): Promise<ComponentGroup> {
  const input = parseInput(updateComponentGroupInput, raw);
  return transact(ctx, async (tx) => {
    const before = await getGroup(tx.db, id);
    if (!before) throw notFound('component group', id);
    const beforeMembers = await groupMemberIds(tx.db, id);
    if (input.components) await checkComponentIds(tx.db, input.components, 'components');
    if (input.key && input.key !== before.key && (await getGroupByKey(tx.db, input.key))) {
      throw conflict(`a component group with key "${input.key}" already exists`, { field: 'key' });
    }
    const patch: Updateable<ComponentGroupTable> = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (input.position !== undefined) patch.position = input.position;
    if (input.key !== undefined) patch.key = input.key;
    await updateGroup(tx.db, id, patch);
    if (input.components) {
      await ungroupComponents(tx.db, id, input.components, tx.now);
      await placeComponentsInGroup(tx.db, id, input.components, tx.now);
    }
    const after = presentComponentGroup((await getGroup(tx.db, id))!, await groupMemberIds(tx.db, id));
    await tx.audit('component_group.update', { type: 'component_group', id }, presentComponentGroup(before, beforeMembers), after);
    return after;
  });
}
