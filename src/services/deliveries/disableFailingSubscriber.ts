// A subscriber's webhook that kept failing for the configured number of days is
// turned off, with an audit row; its contact hears about it by email (a direct
// event written in the same transaction).
import { disableSubscriberRow } from '../../store/deliveries.js';
import type { SubscriberRow } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { emitEvent } from '../notifications/emit.js';
import { failingReason } from './failing-reason.js';

/** Returns false when it was already disabled (by another worker, or by hand). */
export function disableFailingSubscriber(ctx: ServiceContext, subscriber: SubscriberRow, days: number): Promise<boolean> {
  return transact(ctx, async (tx) => {
    if (!(await disableSubscriberRow(tx.db, subscriber.id, tx.now))) return false;
    const reason = failingReason(subscriber.failing_since ?? tx.now, days);
    await tx.audit('subscriber.disable', { type: 'subscriber', id: subscriber.id }, { disabled_at: null }, { disabled_at: tx.now, reason });
    await emitEvent(tx, {
      kind: 'subscription.disabled',
      audience: 'direct',
      subject: { type: 'subscriber', id: subscriber.id },
      thread_key: null,
      component_ids: [],
      payload: { type: 'subscription', subscriber_id: subscriber.id, subscriber_type: subscriber.type === 'webhook' ? 'webhook' : 'email', address: subscriber.address, reason },
    });
    return true;
  });
}
