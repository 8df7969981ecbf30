// Expands one event into its deliveries: public events to confirmed
// subscribers in pages (per-component subscriptions narrow them), responder
// events to the channels whose routes want them, direct messages to their
// subject. The event row is claimed with a lease while this runs; each page
// and the cursor after it commit together, and deliveries are unique per
// (event, target), so a crash at any point is resumed without duplicates.
import type { Kysely } from 'kysely';
import { channelWants, type RouteRule } from '../domain/notifications.js';
import type { Clock } from '../lib/clock.js';
import { activeChannels, subscriberById } from '../store/deliveries.js';
import { claimPendingEvent, expandSubscriberPage, expandToTargets, type NewDeliveryTarget } from '../store/notification-events.js';
import type { DB, NotificationEventRow } from '../store/schema.js';

export interface ExpandOptions {
  holder: string;
  clock: Clock;
  /** Subscribers per page (one transaction each). */
  pageSize: number;
  /** How long a claim on the event lasts without progress. */
  leaseMs: number;
  /** Called after each page commits, so sending starts before the whole event is expanded. */
  onPage?: (written: number) => void;
}

/** The key receivers drop duplicates by: the same for every attempt of one delivery, unique across deliveries. */
export function idempotencyKey(eventId: number, targetType: 'subscriber' | 'channel', targetId: string): string {
  return `${idempotencyPrefix(eventId, targetType)}${targetId}`;
}

function idempotencyPrefix(eventId: number, targetType: 'subscriber' | 'channel'): string {
  return `evt${eventId}-${targetType[0]}-`;
}

/** Claims and expands the oldest pending event; returns null when there was none, else the deliveries written. */
export async function expandNextEvent(db: Kysely<DB>, o: ExpandOptions): Promise<number | null> {
  const nowMs = o.clock.now().getTime();
  const event = await claimPendingEvent(db, o.holder, nowMs, nowMs + o.leaseMs);
  if (!event) return null;
  if (event.audience === 'public') return expandPublic(db, event, o);
  const targets = event.audience === 'responders' ? await responderTargets(db, event) : event.audience === 'direct' ? await directTargets(db, event) : [];
  const now = o.clock.now();
  const written = await expandToTargets(db, { eventId: event.id, holder: o.holder, targets, nowMs: now.getTime(), nowIso: now.toISOString() });
  if (written) o.onPage?.(written);
  return written ?? 0;
}

async function expandPublic(db: Kysely<DB>, event: NotificationEventRow, o: ExpandOptions): Promise<number> {
  // Statuspage sends component updates to webhook subscribers only; incidents and maintenances to both kinds.
  const types = event.kind === 'component.status_changed' ? ['webhook'] : ['email', 'webhook'];
  const componentIds = parseIds(event.component_ids);
  let cursor = event.expand_cursor;
  let total = 0;
  for (;;) {
    const now = o.clock.now();
    const page = await expandSubscriberPage(db, {
      eventId: event.id,
      types,
      componentIds,
      after: cursor,
      pageSize: o.pageSize,
      idempotencyPrefix: idempotencyPrefix(event.id, 'subscriber'),
      holder: o.holder,
      nowMs: now.getTime(),
      nowIso: now.toISOString(),
      claimUntil: now.getTime() + o.leaseMs,
    });
    if (page === null) return total; // another worker holds it now
    total += page.written;
    if (page.written > 0) o.onPage?.(page.written);
    if (page.cursor === null) return total;
    cursor = page.cursor;
  }
}

async function responderTargets(db: Kysely<DB>, event: NotificationEventRow): Promise<NewDeliveryTarget[]> {
  const routable = { kind: event.kind, monitor_id: event.monitor_id, component_ids: parseIds(event.component_ids), severity: event.severity };
  const targets: NewDeliveryTarget[] = [];
  for (const channel of await activeChannels(db)) {
    let routes: RouteRule[];
    try {
      routes = JSON.parse(channel.routes_json) as RouteRule[];
    } catch {
      continue; // unreadable rules route nothing rather than everything
    }
    if (!channelWants(Array.isArray(routes) ? routes : [], routable)) continue;
    targets.push({ target_type: 'channel', target_id: channel.id, channel_type: channel.type, idempotency_key: idempotencyKey(event.id, 'channel', channel.id) });
  }
  return targets;
}

/** A direct message goes by email: to an email subscriber's address, or to a webhook subscriber's contact. */
async function directTargets(db: Kysely<DB>, event: NotificationEventRow): Promise<NewDeliveryTarget[]> {
  if (event.subject_type !== 'subscriber') return [];
  const subscriber = await subscriberById(db, event.subject_id);
  if (!subscriber) return [];
  if (subscriber.type !== 'email' && !subscriber.contact_email) return [];
  return [{ target_type: 'subscriber', target_id: subscriber.id, channel_type: 'email', idempotency_key: idempotencyKey(event.id, 'subscriber', subscriber.id) }];
}

function parseIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
