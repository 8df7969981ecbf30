// The admin API's verb: adds a subscriber, pending with its double opt-in sent,
// or already confirmed (people who opted in elsewhere, e.g. a migration). A
// webhook's signing secret is in this answer only.
import { conflict, validationError, type FieldIssue } from '../../domain/errors.js';
import { findSubscriberByAddress } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { createSubscriberInput, type Subscriber } from './schemas.js';
import { emitConfirmation, insertNewSubscriber, presentWithComponents, resolveComponentIds, vetWebhookUrl, type SubscriberWriteDeps } from './writes.js';

export async function createSubscriber(ctx: ServiceContext, raw: unknown, deps: SubscriberWriteDeps): Promise<Subscriber> {
  const input = parseInput(createSubscriberInput, raw);
  const issues: FieldIssue[] = [];
  const contact = input.contact_email ?? input.email;
  if (input.type === 'email') {
    if (!input.email) issues.push({ path: 'email', message: 'is required' });
    if (input.url !== undefined) issues.push({ path: 'url', message: 'only a webhook subscriber has a URL' });
    if (input.contact_email !== undefined) issues.push({ path: 'contact_email', message: 'only a webhook subscriber has a contact email' });
  } else {
    if (!input.url) issues.push({ path: 'url', message: 'is required for a webhook subscriber' });
    if (!contact) issues.push({ path: 'contact_email', message: 'is required: the contact who confirms the webhook and hears when it fails' });
    if (input.email && input.contact_email && input.email !== input.contact_email) issues.push({ path: 'contact_email', message: 'differs from email; give one of them' });
  }
  if (issues.length > 0) throw validationError(issues);
  const address = input.type === 'webhook' ? input.url! : input.email!;
  if (input.type === 'webhook') await vetWebhookUrl(deps.outbound, address);
  return transact(ctx, async (tx) => {
    const componentIds = await resolveComponentIds(tx, input.component_ids);
    if (await findSubscriberByAddress(tx.db, input.type, address)) throw conflict(`a ${input.type} subscriber for ${address} already exists`);
    const row = await insertNewSubscriber(
      tx,
      { type: input.type, address, contact_email: input.type === 'webhook' ? contact! : null, state: input.confirmed ? 'confirmed' : 'pending', source: 'api' },
      componentIds,
    );
    if (!input.confirmed) await emitConfirmation(tx, row);
    const shown = await presentWithComponents(tx, row);
    await tx.audit('subscriber.create', { type: 'subscriber', id: row.id }, null, shown);
    return { ...shown, signing_secret: row.signing_secret };
  });
}
