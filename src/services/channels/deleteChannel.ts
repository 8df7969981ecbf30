import { notFound } from '../../domain/errors.js';
import { deleteChannel as deleteRow, getChannel } from '../../store/channels.js';
import { transact, type ServiceContext } from '../context.js';
import { presentChannelConfig } from './present.js';

/** Removes a channel; deliveries already queued for it are dropped by the worker (no target). */
export async function deleteChannel(ctx: ServiceContext, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const row = await getChannel(tx.db, id);
    if (!row) throw notFound('channel', id);
    await deleteRow(tx.db, id);
    await tx.audit('channel.delete', { type: 'channel', id }, presentChannelConfig(row), null);
  });
}
