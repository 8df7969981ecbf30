// Generic webhooks. Public events (incidents, maintenances, component changes)
// go out in Statuspage's subscriber shape so existing receivers work unchanged;
// everything else in Vigil's own documented shape (docs/webhooks.md). Every
// POST names its event and idempotency key, and is signed when a secret is set:
// X-Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
import { createHmac } from 'node:crypto';
import type { NotificationEvent } from '../../domain/notifications.js';
import type { Clock } from '../../lib/clock.js';
import { Lru, perEvent } from '../render/lru.js';
import { statuspageBody, statuspageMeta } from '../render/statuspage-payload.js';
import { incidentLink, maintenanceLink, monitorLink } from '../render/content.js';
import type { HttpPoster } from './http-post.js';
import { noTarget, targetSecret, targetUrl } from './target-config.js';
import type { Channel, ChannelLimits, Message, PageFacts, SendOutcome } from './types.js';

export const WEBHOOK_USER_AGENT = 'Vigil-Webhook/1';

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Vigil's shape for what Statuspage has no shape for: monitors, storms, certificates, subscriptions, tests. */
export function vigilBody(event: NotificationEvent, page: PageFacts): Record<string, unknown> {
  const p = event.payload;
  const head = { event: { id: event.id, kind: event.kind, created_at: event.created_at }, page: { id: page.id, name: page.name, url: page.url } };
  switch (p.type) {
    case 'incident':
      return { ...head, incident: { ...p.incident, url: incidentLink(page, p.incident.id) }, update_id: p.update_id, actor: p.actor };
    case 'maintenance':
      return { ...head, maintenance: { ...p.maintenance, url: maintenanceLink(page, p.maintenance.id) }, update_id: p.update_id, reminder_minutes: p.reminder_minutes };
    case 'component':
      return { ...head, component: p.component, change: p.change };
    case 'monitor':
      return { ...head, monitor: { ...p.monitor, url: monitorLink(page, p.monitor.id) }, state: p.state, reason: p.reason, since: p.since, down_for_ms: p.down_for_ms, incident_id: p.incident_id };
    case 'storm':
      return { ...head, storm: { incident_id: p.incident_id, incident_url: incidentLink(page, p.incident_id), cause: p.cause, members: p.members } };
    case 'certificate':
      return { ...head, monitor: { ...p.monitor, url: monitorLink(page, p.monitor.id) }, certificate: { days_left: p.days_left, expires_at: p.expires_at } };
    case 'subscription':
      return { ...head, subscription: { id: p.subscriber_id, type: p.subscriber_type, address: p.address, reason: p.reason } };
    case 'test':
      return { ...head, channel: p.channel, requested_by: p.requested_by };
  }
}

export interface WebhookChannelOptions {
  poster: HttpPoster;
  clock: Clock;
  concurrency: number;
  /** `meta.documentation`; default: the page's API description. */
  documentationUrl?: string | null;
}

export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  // The body without its per-recipient `meta`, serialised once per event.
  const bodies = new Lru<string, { statuspage: boolean; json: string }>(64);
  const limits: ChannelLimits = { concurrency: options.concurrency, perTargetPerSecond: null };

  const bodyFor = (message: Message): string => {
    const { event, page, recipient } = message;
    const cached = perEvent(bodies, event, page, () => {
      const shaped = event.audience === 'public' ? statuspageBody(event, page) : null;
      return shaped ? { statuspage: true, json: JSON.stringify(shaped) } : { statuspage: false, json: JSON.stringify(vigilBody(event, page)) };
    });
    if (!cached.statuspage) return cached.json;
    const meta = statuspageMeta(event, page, recipient.links?.unsubscribe ?? null, options.documentationUrl ?? null);
    return `{"meta":${JSON.stringify(meta)},${cached.json.slice(1)}`;
  };

  return {
    type: 'webhook',
    limits,
    async send(message: Message): Promise<SendOutcome> {
      const url = targetUrl(message.recipient);
      if (!url) return noTarget('webhook URL');
      const body = bodyFor(message);
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': WEBHOOK_USER_AGENT,
        'Idempotency-Key': message.attempt.idempotency_key,
        'X-Vigil-Event': message.event.kind,
      };
      const secret = targetSecret(message.recipient);
      if (secret) headers['X-Vigil-Signature'] = signatureHeader(secret, Math.floor(options.clock.now().getTime() / 1000), body);
      return options.poster.post(url, body, headers);
    },
    async close() {},
  };
}
