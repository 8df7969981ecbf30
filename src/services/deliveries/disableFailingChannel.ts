// A team channel that kept failing for the configured number of days is turned
// off, with an audit row; the reason is kept on the channel for the API to show.
import { disableChannelRow } from '../../store/deliveries.js';
import type { ChannelRow } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { failingReason } from './failing-reason.js';

/** Returns the reason, or null when it was already disabled. */
export function disableFailingChannel(ctx: ServiceContext, channel: ChannelRow, days: number): Promise<string | null> {
  return transact(ctx, async (tx) => {
    const reason = failingReason(channel.failing_since ?? tx.now, days);
    if (!(await disableChannelRow(tx.db, channel.id, reason, tx.now))) return null;
    await tx.audit('channel.disable', { type: 'channel', id: channel.id }, { enabled: channel.enabled === 1, disabled_at: null }, { enabled: false, disabled_at: tx.now, disabled_reason: reason });
    return reason;
  });
}
