// The double opt-in: a valid confirm link moves a pending subscriber to
// confirmed. A second visit changes nothing. A webhook's signing secret is
// shown on the page that confirms it, that one time (the manage page can
// replace it later).
import type { SubscriberRow } from '../../store/schema.js';
import { confirmPendingSubscriber, getSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { checkLink } from './links.js';
import { presentWithComponents } from './writes.js';

export type ConfirmOutcome =
  | { status: 'confirmed'; subscriber: SubscriberRow; signingSecret: string | null }
  | { status: 'already_confirmed'; subscriber: SubscriberRow }
  | { status: 'invalid' | 'expired' | 'gone' };

export async function confirmSubscription(ctx: ServiceContext, token: string): Promise<ConfirmOutcome> {
  const link = await checkLink(ctx.db, token, 'confirm', ctx.clock.now());
  if (link.status !== 'ok') return { status: link.status };
  return transact(ctx, async (tx): Promise<ConfirmOutcome> => {
    const row = await getSubscriber(tx.db, link.subscriber.id);
    if (!row) return { status: 'gone' };
    if (row.link_nonce !== link.subscriber.link_nonce) return { status: 'invalid' };
    if (row.state === 'confirmed') return { status: 'already_confirmed', subscriber: row };
    const after: SubscriberRow = { ...row, state: 'confirmed', confirmed_at: tx.now, updated_at: tx.now };
    if (!(await confirmPendingSubscriber(tx.db, row.id, { confirmed_at: tx.now, updated_at: tx.now }))) return { status: 'already_confirmed', subscriber: row };
    await tx.audit('subscriber.confirm', { type: 'subscriber', id: row.id }, await presentWithComponents(tx, row), await presentWithComponents(tx, after));
    return { status: 'confirmed', subscriber: after, signingSecret: row.signing_secret };
  });
}
