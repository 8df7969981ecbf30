// The public form's verb: asks for a subscription, which starts pending and
// waits for its double opt-in. The answer is the same whatever the address
// already is, so the form cannot tell anyone whether someone is subscribed,
// and an address already confirmed is left exactly as it was.
import { AppError } from '../../domain/errors.js';
import { toEpochMs } from '../../domain/time.js';
import { findSubscriberByAddress, lastConfirmationAt, setSubscriberComponents, updateSubscriber } from '../../store/subscribers.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { subscribeInput } from './schemas.js';
import { emitConfirmation, insertNewSubscriber, presentWithComponents, resolveComponentIds, vetWebhookUrl, type SubscriberWriteDeps } from './writes.js';

/** A pending subscriber asking again gets a fresh confirmation at most this often. */
export const RESEND_CONFIRMATION_AFTER_MS = 10 * 60_000;

/** Nothing in it depends on what was there before. */
export interface SubscribeAnswer {
  /** Where the confirmation goes (the address, or a webhook's contact). */
  contact: string;
}

export async function subscribe(ctx: ServiceContext, raw: unknown, deps: SubscriberWriteDeps): Promise<SubscribeAnswer> {
  const input = parseInput(subscribeInput, raw);
  const contact = input.email!;
  const address = input.type === 'webhook' ? input.url! : contact;
  if (input.type === 'webhook') await vetWebhookUrl(deps.outbound, address);
  try {
    await transact(ctx, async (tx) => {
      const componentIds = await resolveComponentIds(tx, input.component_ids);
      const existing = await findSubscriberByAddress(tx.db, input.type, address);
      if (existing?.state === 'confirmed') return;
      if (existing) {
        const last = await lastConfirmationAt(tx.db, existing.id);
        if (last !== null && toEpochMs(tx.now) - toEpochMs(last) < RESEND_CONFIRMATION_AFTER_MS) return;
        const before = await presentWithComponents(tx, existing);
        // The latest request's choice of components is the one the person confirming will have.
        const row = { ...existing, contact_email: input.type === 'webhook' ? contact : null, updated_at: tx.now };
        await updateSubscriber(tx.db, existing.id, { contact_email: row.contact_email, updated_at: tx.now });
        await setSubscriberComponents(tx.db, existing.id, componentIds);
        await emitConfirmation(tx, row);
        await tx.audit('subscriber.confirmation_resent', { type: 'subscriber', id: row.id }, before, await presentWithComponents(tx, row));
        return;
      }
      const row = await insertNewSubscriber(tx, { type: input.type, address, contact_email: input.type === 'webhook' ? contact : null, state: 'pending', source: 'form' }, componentIds);
      await emitConfirmation(tx, row);
      await tx.audit('subscriber.create', { type: 'subscriber', id: row.id }, null, await presentWithComponents(tx, row));
    });
  } catch (err) {
    // Two requests for one new address at once: the other one made it; the answer is the same.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }
  return { contact };
}
