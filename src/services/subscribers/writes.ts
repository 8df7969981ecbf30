// What the subscriber verbs share: vetting a webhook URL with the strict
// outbound policy, resolving components, making a row, and writing the
// double opt-in message to the outbox.
import { randomBytes } from 'node:crypto';
import { validationError } from '../../domain/errors.js';
import type { SubscriberType } from '../../domain/notifications.js';
import { newId } from '../../lib/ids.js';
import type { SubscriberRow } from '../../store/schema.js';
import { insertSubscriber, setSubscriberComponents, subscriberComponentIds } from '../../store/subscribers.js';
import { componentRefs } from '../components/refs.js';
import type { Tx } from '../context.js';
import type { TargetVetter } from '../monitors/vet-targets.js';
import { emitEvent } from '../notifications/emit.js';
import { contactOf, presentSubscriber } from './present.js';
import type { Subscriber } from './schemas.js';

/** What creating a webhook subscriber needs: the strict outbound policy (HandlerDeps.strictOutbound). */
export interface SubscriberWriteDeps {
  outbound: TargetVetter;
}

/** Throws a 422 naming `path` when the policy refuses the URL's host (VIGIL_OUTBOUND_ALLOW can permit it). */
export async function vetWebhookUrl(vetter: TargetVetter, url: string, path = 'url'): Promise<void> {
  const refusal = await vetWebhookHost(vetter, url);
  if (refusal) throw validationError([{ path, message: refusal }]);
}

/** The refusal message, or null when the host is permitted. */
export async function vetWebhookHost(vetter: TargetVetter, url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const refusal = await vetter.vet(host);
  return refusal ? `refused by the outbound policy: ${refusal.message}` : null;
}

/** Component ids for refs given by id or key; throws a 422 naming `field.N` for an unknown one. */
export async function resolveComponentIds(tx: Tx, refs: readonly string[], field = 'component_ids'): Promise<string[]> {
  const found = await componentRefs(tx.db, refs);
  const ids = found.list(refs, field);
  found.check();
  return [...new Set(ids)];
}

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

export function newSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewSubscriber {
  type: SubscriberType;
  address: string;
  contact_email: string | null;
  state: 'pending' | 'confirmed';
  source: 'form' | 'api' | 'import';
}

/** Inserts the row and its components; a webhook gets a fresh signing secret. */
export async function insertNewSubscriber(tx: Tx, fields: NewSubscriber, componentIds: readonly string[]): Promise<SubscriberRow> {
  const row: SubscriberRow = {
    id: newId(),
    ...fields,
    signing_secret: fields.type === 'webhook' ? newSigningSecret() : null,
    link_nonce: randomToken(),
    failing_since: null,
    disabled_at: null,
    confirmed_at: fields.state === 'confirmed' ? tx.now : null,
    created_at: tx.now,
    updated_at: tx.now,
  };
  await insertSubscriber(tx.db, row);
  await setSubscriberComponents(tx.db, row.id, componentIds);
  return row;
}

/** The double opt-in message, written in the caller's transaction; the worker adds the signed confirm link. */
export async function emitConfirmation(tx: Tx, row: SubscriberRow): Promise<void> {
  await emitEvent(tx, {
    kind: 'subscription.confirm',
    audience: 'direct',
    subject: { type: 'subscriber', id: row.id },
    thread_key: null,
    component_ids: [],
    payload: { type: 'subscription', subscriber_id: row.id, subscriber_type: row.type as SubscriberType, address: contactOf(row), reason: null },
  });
}

export async function presentWithComponents(tx: Tx, row: SubscriberRow): Promise<Subscriber> {
  const components = (await subscriberComponentIds(tx.db, [row.id])).get(row.id) ?? [];
  return presentSubscriber(row, components);
}
