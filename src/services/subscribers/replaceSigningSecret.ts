// From the manage page: a webhook subscriber gets a new signing secret, shown
// once on the page that made it; the old one stops signing at once.
import { getSubscriber, updateSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { checkLink } from './links.js';
import type { LinkRefusal } from './updateSubscription.js';
import { newSigningSecret, presentWithComponents } from './writes.js';

export type ReplaceSecretOutcome = { status: 'replaced'; signingSecret: string } | { status: 'not_webhook' } | LinkRefusal;

export async function replaceSigningSecret(ctx: ServiceContext, token: string): Promise<ReplaceSecretOutcome> {
  const link = await checkLink(ctx.db, token, 'manage', ctx.clock.now());
  if (link.status !== 'ok') return { status: link.status };
  return transact(ctx, async (tx): Promise<ReplaceSecretOutcome> => {
    const row = await getSubscriber(tx.db, link.subscriber.id);
    if (!row) return { status: 'gone' };
    if (row.link_nonce !== link.subscriber.link_nonce) return { status: 'invalid' };
    if (row.type !== 'webhook') return { status: 'not_webhook' };
    const secret = newSigningSecret();
    await updateSubscriber(tx.db, row.id, { signing_secret: secret, updated_at: tx.now });
    // Both sides show "••••": the audit row records that it changed, never the value.
    await tx.audit('subscriber.signing_secret_replaced', { type: 'subscriber', id: row.id }, await presentWithComponents(tx, row), await presentWithComponents(tx, { ...row, signing_secret: secret, updated_at: tx.now }));
    return { status: 'replaced', signingSecret: secret };
  });
}
