// One-click unsubscribe (RFC 8058) and the manage page's button: the signed
// unsubscribe link deletes the subscriber, so nothing about the address is
// kept beyond the audit row that records who left and when.
import { deleteSubscriber, getSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { checkLink } from './links.js';
import type { LinkRefusal } from './updateSubscription.js';
import { presentWithComponents } from './writes.js';

export type UnsubscribeOutcome = { status: 'unsubscribed'; contact: string } | LinkRefusal;

export async function unsubscribe(ctx: ServiceContext, token: string): Promise<UnsubscribeOutcome> {
  const link = await checkLink(ctx.db, token, 'unsubscribe', ctx.clock.now());
  if (link.status !== 'ok') return { status: link.status };
  return transact(ctx, async (tx): Promise<UnsubscribeOutcome> => {
    const row = await getSubscriber(tx.db, link.subscriber.id);
    if (!row) return { status: 'gone' };
    if (row.link_nonce !== link.subscriber.link_nonce) return { status: 'invalid' };
    const before = await presentWithComponents(tx, row);
    await deleteSubscriber(tx.db, row.id);
    await tx.audit('subscriber.unsubscribe', { type: 'subscriber', id: row.id }, before, null);
    return { status: 'unsubscribed', contact: before.email ?? '' };
  });
}
