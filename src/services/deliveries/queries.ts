import { notFound } from '../../domain/errors.js';
import { deliveryStats, getDeliveryRow, listDeliveryRows } from '../../store/deliveries.js';
import { pendingEventStats } from '../../store/notification-events.js';
import { read, type ServiceContext } from '../context.js';
import { presentDelivery } from './present.js';
import type { Delivery, ListDeliveriesQuery, NotificationStatus } from './schemas.js';

/** Newest first; page on with `before_id` set to the last id received. */
export function listDeliveries(ctx: ServiceContext, q: ListDeliveriesQuery): Promise<Delivery[]> {
  return read(ctx, async (db) => (await listDeliveryRows(db, q)).map(presentDelivery));
}

export function getDelivery(ctx: ServiceContext, id: number): Promise<Delivery> {
  return read(ctx, async (db) => {
    const row = await getDeliveryRow(db, id);
    if (!row) throw notFound('delivery', String(id));
    return presentDelivery(row);
  });
}

export const SMTP_MISSING_MESSAGE = 'email is not configured (set VIGIL_SMTP_URL): email deliveries wait in the outbox until it is';

/** The outbox at a glance, and whether email can go out at all. */
export function notificationStatus(ctx: ServiceContext, smtpConfigured: boolean): Promise<NotificationStatus> {
  return read(ctx, async (db) => {
    const [d, e] = await Promise.all([deliveryStats(db), pendingEventStats(db)]);
    const byType: NotificationStatus['outbox']['by_channel_type'] = {};
    const total = { pending: 0, sending: 0, dead: 0 };
    for (const c of d.counts) {
      const entry = (byType[c.channel_type] ??= { pending: 0, sending: 0, dead: 0 });
      const state = c.state as keyof typeof total;
      entry[state] += c.count;
      total[state] += c.count;
    }
    const oldest = [d.oldestUndelivered, e.oldest].filter((x): x is string => x !== null).sort()[0] ?? null;
    const waitingEmail = (byType.email?.pending ?? 0) + (byType.email?.sending ?? 0);
    return {
      smtp: smtpConfigured ? 'configured' : 'not configured',
      message: smtpConfigured ? null : waitingEmail > 0 ? `${SMTP_MISSING_MESSAGE}; ${waitingEmail} wait now` : SMTP_MISSING_MESSAGE,
      outbox: {
        pending_events: e.count,
        pending_deliveries: total.pending,
        sending_deliveries: total.sending,
        dead_deliveries: total.dead,
        oldest_pending_at: oldest,
        oldest_pending_seconds: oldest === null ? 0 : Math.max(0, (ctx.clock.now().getTime() - Date.parse(oldest)) / 1000),
        by_channel_type: byType,
      },
    };
  });
}
