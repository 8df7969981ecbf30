import { z } from 'zod';
import { getDelivery, listDeliveries, notificationStatus } from '../../../services/deliveries/queries.js';
import { retryDelivery } from '../../../services/deliveries/retryDelivery.js';
import { delivery, deliveryParams, listDeliveriesQuery, notificationStatus as statusSchema } from '../../../services/deliveries/schemas.js';
import { route } from '../../route.js';

const tag = 'Deliveries';

export const deliveryRoutes = [
  route({ method: 'GET', path: '/deliveries', tag, scope: 'read',
    summary: 'Deliveries newest first, filtered by state (e.g. dead), channel type, event or target; page on with before_id = the last id received',
    query: listDeliveriesQuery, response: z.array(delivery),
    handler: ({ ctx, query }) => listDeliveries(ctx, query) }),
  route({ method: 'GET', path: '/deliveries/:id', tag, scope: 'read', summary: 'One delivery: its state, attempts and last error',
    params: deliveryParams, response: delivery,
    handler: ({ ctx, params }) => getDelivery(ctx, params.id) }),
  route({ method: 'POST', path: '/deliveries/:id/retry', tag, scope: 'write',
    summary: 'Send a dead (or waiting) delivery again now, with its attempts reset and the same idempotency key',
    params: deliveryParams, response: delivery, status: 200,
    handler: async ({ ctx, params, deps }) => {
      const result = await retryDelivery(ctx, params.id);
      deps.notifications?.wake?.();
      return result;
    } }),
  route({ method: 'GET', path: '/notifications/status', tag, scope: 'read',
    summary: 'Whether email is configured, the outbox depth and the age of the oldest message not yet delivered',
    response: statusSchema,
    handler: ({ ctx, deps }) => notificationStatus(ctx, deps.notifications?.smtpConfigured ?? false) }),
];
