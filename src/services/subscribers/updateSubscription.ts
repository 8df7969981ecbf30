// The manage page's verb: a subscriber changes the components it hears about
// (none: everything), authorised by its signed manage link.
import type { SubscriberRow } from '../../store/schema.js';
import { getSubscriber, setSubscriberComponents, updateSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { checkLink } from './links.js';
import { updateSubscriptionInput } from './schemas.js';
import { presentWithComponents, resolveComponentIds } from './writes.js';

export type LinkRefusal = { status: 'invalid' | 'expired' | 'gone' };
export type UpdateOutcome = { status: 'updated'; subscriber: SubscriberRow; componentIds: string[] } | LinkRefusal;

export async function updateSubscription(ctx: ServiceContext, token: string, raw: unknown): Promise<UpdateOutcome> {
  const link = await checkLink(ctx.db, token, 'manage', ctx.clock.now());
  if (link.status !== 'ok') return { status: link.status };
  const input = parseInput(updateSubscriptionInput, raw);
  return transact(ctx, async (tx): Promise<UpdateOutcome> => {
    const row = await getSubscriber(tx.db, link.subscriber.id);
    if (!row) return { status: 'gone' };
    if (row.link_nonce !== link.subscriber.link_nonce) return { status: 'invalid' };
    const componentIds = await resolveComponentIds(tx, input.component_ids);
    const before = await presentWithComponents(tx, row);
    if (JSON.stringify(before.component_ids) === JSON.stringify([...componentIds].sort())) return { status: 'updated', subscriber: row, componentIds: before.component_ids };
    const after: SubscriberRow = { ...row, updated_at: tx.now };
    await setSubscriberComponents(tx.db, row.id, componentIds);
    await updateSubscriber(tx.db, row.id, { updated_at: tx.now });
    const shown = await presentWithComponents(tx, after);
    await tx.audit('subscriber.update', { type: 'subscriber', id: row.id }, before, shown);
    return { status: 'updated', subscriber: after, componentIds: shown.component_ids };
  });
}
