import { REDACTED } from '../../domain/secrets.js';
import type { SubscriberRow } from '../../store/schema.js';
import type { Subscriber } from './schemas.js';

/** What answers and audit rows show: the signing secret is write-only. */
export function presentSubscriber(row: SubscriberRow, componentIds: readonly string[]): Subscriber {
  const webhook = row.type === 'webhook';
  return {
    id: row.id,
    type: row.type as Subscriber['type'],
    email: webhook ? row.contact_email : row.address,
    url: webhook ? row.address : null,
    state: row.state as Subscriber['state'],
    source: row.source as Subscriber['source'],
    component_ids: [...componentIds].sort(),
    signing_secret: row.signing_secret === null ? null : REDACTED,
    confirmed_at: row.confirmed_at,
    disabled_at: row.disabled_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Where messages about the subscription itself go: the address, or a webhook's contact. */
export function contactOf(row: Pick<SubscriberRow, 'type' | 'address' | 'contact_email'>): string {
  return row.type === 'webhook' ? (row.contact_email ?? '') : row.address;
}
