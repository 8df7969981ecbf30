// An operator's retry: a dead (or waiting) delivery goes back to the outbox,
// due now, with its attempts reset and the same idempotency key.
import { conflict, notFound } from '../../domain/errors.js';
import { getDeliveryRow, resetDelivery } from '../../store/deliveries.js';
import { transact, type ServiceContext } from '../context.js';
import { presentDelivery } from './present.js';
import type { Delivery } from './schemas.js';

export function retryDelivery(ctx: ServiceContext, id: number): Promise<Delivery> {
  return transact(ctx, async (tx) => {
    const before = await getDeliveryRow(tx.db, id);
    if (!before) throw notFound('delivery', String(id));
    if (before.state === 'delivered') throw conflict(`delivery ${id} was already delivered (${before.delivered_at})`);
    if (before.state === 'sending') throw conflict(`delivery ${id} is being sent right now`);
    const nowMs = Date.parse(tx.now);
    await resetDelivery(tx.db, id, nowMs, tx.now);
    const after = presentDelivery({ ...before, state: 'pending', attempts: 0, next_attempt_at: nowMs, claimed_by: null, claimed_until: null, updated_at: tx.now });
    await tx.audit('delivery.retry', { type: 'delivery', id: String(id) }, presentDelivery(before), after);
    return after;
  });
}
