import { notFound } from '../../domain/errors.js';
import { deleteGroup, getGroup, groupMemberIds, ungroupComponents } from '../../store/component-groups.js';
import { transact, type ServiceContext } from '../context.js';
import { presentComponentGroup } from './present.js';

/** Deletes a group; its components stay, ungrouped, at the end of the ungrouped list. */
export async function deleteComponentGroup(ctx: ServiceContext, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const before = await getGroup(tx.db, id);
    if (!before) throw notFound('component group', id);
    const members = await groupMemberIds(tx.db, id);
    await ungroupComponents(tx.db, id, [], tx.now);
    await deleteGroup(tx.db, id);
    await tx.audit('component_group.delete', { type: 'component_group', id }, presentComponentGroup(before, members), null);
  });
}
