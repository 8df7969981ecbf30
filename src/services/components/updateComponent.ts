import { conflict, notFound } from '../../domain/errors.js';
import type { ComponentStatus } from '../../domain/statuses.js';
import { getComponent, getComponentByKey, updateComponent as updateRow } from '../../store/components.js';
import type { ComponentPatch } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentComponent } from './present.js';
import { componentIdOf, resolveGroupField } from './refs.js';
import { updateComponentInput, type Component } from './schemas.js';
import { setComponentStatuses, type StatusSource } from './setComponentStatuses.js';

/** `ref`: the component's id or key. */
export async function updateComponent(
  ctx: ServiceContext,
  ref: string,
  raw: unknown,
  source: StatusSource = { source: 'manual', source_id: null },
): Promise<Component> {
  const input = parseInput(updateComponentInput, raw);
  return transact(ctx, async (tx) => {
    const id = await componentIdOf(tx.db, ref);
    const before = await getComponent(tx.db, id);
    if (!before) throw notFound('component', ref);
    const groupId = await resolveGroupField(tx.db, input.group_id, 'group_id');
    if (input.key && input.key !== before.key) {
      const other = await getComponentByKey(tx.db, input.key);
      if (other) throw conflict(`a component with key "${input.key}" already exists`, { field: 'key' });
    }
    const patch: ComponentPatch = { updated_at: tx.now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (groupId !== undefined) patch.group_id = groupId;
    if (input.position !== undefined) patch.position = input.position;
    if (input.showcase !== undefined) patch.showcase = input.showcase ? 1 : 0;
    if (input.only_show_if_degraded !== undefined) patch.only_show_if_degraded = input.only_show_if_degraded ? 1 : 0;
    if (input.start_date !== undefined) patch.start_date = input.start_date;
    if (input.key !== undefined) patch.key = input.key;
    await updateRow(tx.db, id, patch);
    if (input.status !== undefined) {
      await setComponentStatuses(tx, { [id]: input.status as ComponentStatus }, source);
    }
    const after = (await getComponent(tx.db, id))!;
    const [b, a] = [presentComponent(before), presentComponent(after)];
    await tx.audit('component.update', { type: 'component', id }, b, a);
    return a;
  });
}
