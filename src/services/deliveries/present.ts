import type { DeliveryListRow } from '../../store/deliveries.js';
import type { Delivery } from './schemas.js';

export function presentDelivery(row: DeliveryListRow): Delivery {
  return {
    id: row.id,
    event: { id: row.event_id, kind: row.event_kind },
    target_type: row.target_type as Delivery['target_type'],
    target_id: row.target_id,
    channel_type: row.channel_type,
    idempotency_key: row.idempotency_key,
    state: row.state as Delivery['state'],
    attempts: row.attempts,
    next_attempt_at: new Date(row.next_attempt_at).toISOString(),
    last_error: row.last_error,
    delivered_at: row.delivered_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
