import { notFound } from '../../domain/errors.js';
import { deleteGroup, getGroup, groupMemberIds, ungroupComponents } from '../../store/component-groups.js';
import { groupIdOf } from '../components/refs.js';
import { transact, type ServiceContext } from '../context.js';
import { presentComponentGroup } from './present.js';

/** Deletes a group (`ref`: its id or key); its components stay, ungrouped, at the end of the ungrouped list. */
export async function deleteComponentGroup(ctx: ServiceContext, ref: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const id = await groupIdOf(tx.db, ref);
    const before = await getGroup(tx.db, id);
    if (!before) throw notFound('component group', ref);
    const members = await groupMemberIds(tx.db, id);
    await ungroupComponents(tx.db, id, [], tx.now);
    await deleteGroup(tx.db, id);
    await tx.audit('component_group.delete', { type: 'component_group', id }, presentComponentGroup(before, members), null);
  });
}
