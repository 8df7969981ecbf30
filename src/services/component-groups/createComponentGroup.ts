import { conflict } from '../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { getGroupByKey, insertGroup, nextGroupPosition, placeComponentsInGroup } from '../../store/component-groups.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { resolveComponentList } from '../components/refs.js';
import { presentComponentGroup } from './present.js';
import { createComponentGroupInput, type ComponentGroup } from './schemas.js';

/** Creates a group; listed components move into it (out of any group they were in), in the order given. */
export async function createComponentGroup(ctx: ServiceContext, raw: unknown): Promise<ComponentGroup> {
  const input = parseInput(createComponentGroupInput, raw);
  return transact(ctx, async (tx) => {
    const members = await resolveComponentList(tx.db, input.components ?? [], 'components');
    if (input.key && (await getGroupByKey(tx.db, input.key))) {
      throw conflict(`a component group with key "${input.key}" already exists`, { field: 'key' });
    }
    const row = {
      id: newId(),
      key: input.key ?? null,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? (await nextGroupPosition(tx.db)),
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertGroup(tx.db, row);
    await placeComponentsInGroup(tx.db, row.id, members, tx.now);
    const created = presentComponentGroup(row, members);
    await tx.audit('component_group.create', { type: 'component_group', id: row.id }, null, created);
    return created;
  });
}
