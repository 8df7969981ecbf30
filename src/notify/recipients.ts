// Who a delivery goes to, read in bulk for a whole batch of deliveries: the
// subscriber (its address or webhook, and its signed links) or the team's
// channel (its stored settings). A recipient that went away or was disabled
// since the event was expanded gets no message; the delivery says why.
import type { Kysely } from 'kysely';
import type { Audience } from '../domain/notifications.js';
import { subscriberLink } from '../services/subscribers/links.js';
import { channelsByIds, subscribersByIds } from '../store/deliveries.js';
import type { ChannelRow, DB, DeliveryRow, SubscriberRow } from '../store/schema.js';
import type { PageFacts, Recipient } from './channels/types.js';

export type Resolved =
  | { ok: true; recipient: Recipient; /** Rate limits and Retry-After apply per target. */ targetKey: string; /** Tracked for failing_since (webhook targets). */ webhook: boolean }
  | { ok: false; reason: string };

export interface RecipientContext {
  linkSecret: string;
  page: PageFacts;
  now: Date;
}

const HTTP_CHANNEL_TYPES = new Set(['webhook', 'slack', 'discord', 'teams']);

/** Resolves each delivery's recipient; `audienceOf` gives its event's audience. */
export async function resolveRecipients(
  db: Kysely<DB>,
  deliveries: readonly DeliveryRow[],
  audienceOf: (d: DeliveryRow) => Audience | null,
  ctx: RecipientContext,
): Promise<Map<number, Resolved>> {
  const subscriberIds = deliveries.filter((d) => d.target_type === 'subscriber').map((d) => d.target_id);
  const channelIds = deliveries.filter((d) => d.target_type === 'channel').map((d) => d.target_id);
  const subscribers = new Map((await subscribersByIds(db, subscriberIds)).map((s) => [s.id, s]));
  const channels = new Map((await channelsByIds(db, channelIds)).map((c) => [c.id, c]));
  const out = new Map<number, Resolved>();
  for (const d of deliveries) {
    const audience = audienceOf(d);
    if (audience === null) out.set(d.id, { ok: false, reason: 'the event no longer exists' });
    else if (d.target_type === 'subscriber') out.set(d.id, forSubscriber(d, subscribers.get(d.target_id), audience, ctx));
    else if (d.target_type === 'channel') out.set(d.id, forChannel(d, channels.get(d.target_id)));
    else out.set(d.id, { ok: false, reason: `unknown target type ${d.target_type}` });
  }
  return out;
}

function forSubscriber(d: DeliveryRow, s: SubscriberRow | undefined, audience: Audience, ctx: RecipientContext): Resolved {
  if (!s) return { ok: false, reason: 'the subscriber was removed' };
  // A direct message (the opt-in, the notice that a webhook was disabled) goes whatever the state.
  if (audience !== 'direct') {
    if (s.disabled_at !== null) return { ok: false, reason: 'the subscriber is disabled' };
    if (s.state !== 'confirmed') return { ok: false, reason: 'the subscriber has not confirmed' };
  }
  const links = {
    confirm: subscriberLink(ctx.linkSecret, ctx.page.url, s, 'confirm', ctx.now),
    unsubscribe: subscriberLink(ctx.linkSecret, ctx.page.url, s, 'unsubscribe', ctx.now),
    manage: subscriberLink(ctx.linkSecret, ctx.page.url, s, 'manage', ctx.now),
  };
  if (d.channel_type === 'email') {
    const to = s.type === 'email' ? s.address : s.contact_email;
    if (!to) return { ok: false, reason: 'the subscriber has no email address' };
    return { ok: true, recipient: { kind: 'subscriber', id: s.id, config: { to: [to] }, links }, targetKey: `email:${to}`, webhook: false };
  }
  if (d.channel_type === 'webhook' && s.type === 'webhook') {
    return { ok: true, recipient: { kind: 'subscriber', id: s.id, config: { url: s.address, secret: s.signing_secret }, links }, targetKey: `url:${s.address}`, webhook: true };
  }
  return { ok: false, reason: `a ${s.type} subscriber cannot receive a ${d.channel_type} delivery` };
}

function forChannel(d: DeliveryRow, c: ChannelRow | undefined): Resolved {
  if (!c) return { ok: false, reason: 'the channel was removed' };
  if (c.enabled !== 1 || c.disabled_at !== null) return { ok: false, reason: c.disabled_reason ? `the channel is disabled: ${c.disabled_reason}` : 'the channel is disabled' };
  if (c.type !== d.channel_type) return { ok: false, reason: `the channel is now of type ${c.type}` };
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(c.config_json) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'the channel settings are unreadable' };
  }
  const url = typeof config.url === 'string' ? config.url : null;
  return { ok: true, recipient: { kind: 'channel', id: c.id, config, links: null }, targetKey: url ? `url:${url}` : `channel:${c.id}`, webhook: HTTP_CHANNEL_TYPES.has(c.type) };
}
