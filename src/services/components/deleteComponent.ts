import { notFound } from '../../domain/errors.js';
import { deleteComponent as deleteRow, getComponent } from '../../store/components.js';
import { transact, type ServiceContext } from '../context.js';
import { presentComponent } from './present.js';
import { componentIdOf } from './refs.js';

/** Deletes a component (`ref`: its id or key); past incident updates keep its name in their component changes. */
export async function deleteComponent(ctx: ServiceContext, ref: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const id = await componentIdOf(tx.db, ref);
    const before = await getComponent(tx.db, id);
    if (!before) throw notFound('component', ref);
    await deleteRow(tx.db, id);
    await tx.audit('component.delete', { type: 'component', id }, presentComponent(before), null);
  });
}
