import { conflict } from '../../domain/errors.js';
import { newId } from '../../lib/ids.js';
import { getComponentByKey, insertComponent, insertStatusChange, nextComponentPosition } from '../../store/components.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentComponent } from './present.js';
import { resolveGroupField } from './refs.js';
import { createComponentInput, type Component } from './schemas.js';

export async function createComponent(ctx: ServiceContext, raw: unknown): Promise<Component> {
  const input = parseInput(createComponentInput, raw);
  return transact(ctx, async (tx) => {
    const groupId = await resolveGroupField(tx.db, input.group_id ?? null, 'group_id');
    if (input.key && (await getComponentByKey(tx.db, input.key))) {
      throw conflict(`a component with key "${input.key}" already exists`, { field: 'key' });
    }
    const row = {
      id: newId(),
      key: input.key ?? null,
      group_id: groupId,
      name: input.name,
      description: input.description ?? null,
      status: input.status,
      position: input.position ?? (await nextComponentPosition(tx.db, groupId)),
      showcase: input.showcase ? 1 : 0,
      only_show_if_degraded: input.only_show_if_degraded ? 1 : 0,
      start_date: input.start_date ?? null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertComponent(tx.db, row);
    // The first history entry marks when the component began to exist, so uptime has a start.
    await insertStatusChange(tx.db, { component_id: row.id, status: row.status, at: tx.now, source: 'manual', source_id: null });
    const created = presentComponent(row);
    await tx.audit('component.create', { type: 'component', id: row.id }, null, created);
    return created;
  });
}
