// The delivery workers' Prometheus metrics, in the registry the composition
// root hands to /metrics. Counters and the latency histogram are kept as
// deliveries settle; the outbox gauges are read from the database on each
// scrape (a few cheap aggregate queries), so every instance reports the same.
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { deliveryStats } from '../store/deliveries.js';
import { pendingEventStats } from '../store/notification-events.js';
import type { DB } from '../store/schema.js';
import type { Clock } from '../lib/clock.js';

export interface NotifyMetrics {
  deliveries: Counter<'channel' | 'state'>;
  latency: Histogram<'channel'>;
}

export function createNotifyMetrics(registry: Registry = new Registry(), options: { db?: Kysely<DB>; clock?: Clock } = {}): NotifyMetrics {
  const r = { registers: [registry] };
  const { db, clock } = options;
  let stats: Promise<{ deliveries: number; events: number; oldest: string | null }> | null = null;
  // Both gauges read one snapshot per scrape.
  const read = () =>
    (stats ??= (async () => {
      try {
        if (!db) return { deliveries: 0, events: 0, oldest: null };
        const [d, e] = await Promise.all([deliveryStats(db), pendingEventStats(db)]);
        const deliveries = d.counts.filter((c) => c.state !== 'dead').reduce((n, c) => n + c.count, 0);
        const oldest = [d.oldestUndelivered, e.oldest].filter((x): x is string => x !== null).sort()[0] ?? null;
        return { deliveries, events: e.count, oldest };
      } finally {
        setTimeout(() => (stats = null), 0);
      }
    })());
  new Gauge({
    name: 'vigil_outbox_depth',
    help: 'Work waiting in the outbox: deliveries pending or being sent, events not yet expanded',
    labelNames: ['kind'],
    ...r,
    async collect() {
      const s = await read().catch(() => null);
      if (!s) return;
      this.set({ kind: 'deliveries' }, s.deliveries);
      this.set({ kind: 'events' }, s.events);
    },
  });
  new Gauge({
    name: 'vigil_outbox_oldest_pending_seconds',
    help: 'Age of the oldest message not yet delivered (0 when the outbox is empty)',
    ...r,
    async collect() {
      const s = await read().catch(() => null);
      if (!s) return;
      const now = (clock?.now() ?? new Date()).getTime();
      this.set(s.oldest === null ? 0 : Math.max(0, (now - Date.parse(s.oldest)) / 1000));
    },
  });
  return {
    deliveries: new Counter({ name: 'vigil_deliveries_total', help: 'Delivery outcomes by channel type: delivered, retried, dead', labelNames: ['channel', 'state'], ...r }),
    latency: new Histogram({
      name: 'vigil_delivery_latency_seconds',
      help: 'From the event being written to its delivery, by channel type',
      labelNames: ['channel'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      ...r,
    }),
  };
}
