import { notFound } from '../../domain/errors.js';
import { deleteSubscriber as deleteRow, getSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import type { Subscriber } from './schemas.js';
import { presentWithComponents } from './writes.js';

/** The admin API's removal; the subscriber's links stop working with the row. */
export async function deleteSubscriber(ctx: ServiceContext, id: string): Promise<Subscriber> {
  return transact(ctx, async (tx) => {
    const row = await getSubscriber(tx.db, id);
    if (!row) throw notFound('subscriber', id);
    const before = await presentWithComponents(tx, row);
    await deleteRow(tx.db, id);
    await tx.audit('subscriber.delete', { type: 'subscriber', id }, before, null);
    return before;
  });
}
