import { z } from 'zod';
import { CHANNEL_TYPES } from '../../domain/notifications.js';
import { isoTime } from '../validation.js';

export const DELIVERY_STATES = ['pending', 'sending', 'delivered', 'dead'] as const;

export const listDeliveriesQuery = z.strictObject({
  state: z.enum(DELIVERY_STATES).optional(),
  channel_type: z.enum(CHANNEL_TYPES).optional(),
  event_id: z.coerce.number().int().min(1).optional(),
  target_type: z.enum(['subscriber', 'channel']).optional(),
  target_id: z.string().min(1).max(64).optional(),
  before_id: z.coerce.number().int().min(1).optional().describe('only deliveries older than this id (for the next page)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuery>;

export const deliveryParams = z.strictObject({ id: z.coerce.number().int().min(1) });

export const delivery = z
  .object({
    id: z.number().int(),
    event: z.object({ id: z.number().int(), kind: z.string() }),
    target_type: z.enum(['subscriber', 'channel']),
    target_id: z.string(),
    channel_type: z.string(),
    idempotency_key: z.string().describe('sent with every attempt; receivers drop duplicates by it'),
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    next_attempt_at: isoTime.describe('when a pending delivery is tried next'),
    last_error: z.string().nullable(),
    delivered_at: isoTime.nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.output<typeof delivery>;

export const notificationStatus = z
  .object({
    smtp: z.enum(['configured', 'not configured']).describe('without VIGIL_SMTP_URL, email waits in the outbox'),
    message: z.string().nullable().describe('what the operator should know, e.g. that email is not configured'),
    outbox: z.object({
      pending_events: z.number().int().describe('events not yet expanded into deliveries'),
      pending_deliveries: z.number().int(),
      sending_deliveries: z.number().int(),
      dead_deliveries: z.number().int(),
      oldest_pending_at: isoTime.nullable().describe('when the oldest message not yet delivered was written'),
      oldest_pending_seconds: z.number(),
      by_channel_type: z.record(z.string(), z.object({ pending: z.number().int(), sending: z.number().int(), dead: z.number().int() })),
    }),
  })
  .meta({ id: 'NotificationStatus' });
export type NotificationStatus = z.output<typeof notificationStatus>;
