// What a message says about an event, the same for every channel: a title, the
// status it is in, a short text, a colour for that status, the facts worth a
// line and the link back. Pure: channels only lay it out in their own format.
import { formatDuration } from '../../domain/duration.js';
import type { NotificationEvent, UpdateFacts } from '../../domain/notifications.js';
import type { ComponentStatus } from '../../domain/statuses.js';
import type { PageFacts, Recipient } from '../channels/types.js';
import { formatMinutes, formatTime, statusLabel } from './text.js';

/** The colour family of a message: red major outage, orange partial, yellow degraded, blue maintenance, green fine. */
export type Tone = 'major' | 'partial' | 'degraded' | 'maintenance' | 'ok' | 'info';

export const TONE_COLORS: Record<Tone, string> = {
  major: '#e5484d',
  partial: '#f76b15',
  degraded: '#f5c518',
  maintenance: '#3e7bfa',
  ok: '#2fa44f',
  info: '#8b8d98',
};

export interface Fact {
  label: string;
  value: string;
}

export interface EventContent {
  /** The subject without the page's name: constant across one incident or maintenance so mail clients thread. */
  title: string;
  /** `[Page name] title`. */
  subject: string;
  /** The state the event leaves things in: "Investigating", "Resolved", "Down". */
  status: string;
  /** The update's or the event's text, plain (never markup). */
  text: string;
  tone: Tone;
  color: string;
  link: string;
  linkLabel: string;
  /** When set, the recipient's own link of that name replaces `link` (the double opt-in's confirmation). */
  recipientLink: 'confirm' | 'manage' | null;
  facts: Fact[];
  /** When it happened, in the page's time zone. */
  time: string;
}

const COMPONENT_TONES: Record<ComponentStatus, Tone> = {
  operational: 'ok',
  under_maintenance: 'maintenance',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};

const IMPACT_TONES: Record<string, Tone> = { critical: 'major', major: 'partial', minor: 'degraded', none: 'info' };

export const incidentLink = (page: PageFacts, id: string): string => `${page.url}/incidents/${encodeURIComponent(id)}`;
export const maintenanceLink = (page: PageFacts, id: string): string => `${page.url}/maintenances/${encodeURIComponent(id)}`;
export const monitorLink = (page: PageFacts, id: string): string => `${page.url}/api/v1/monitors/${encodeURIComponent(id)}`;

/** The link a message to this recipient points to (a confirmation is the recipient's own). */
export function linkFor(content: EventContent, recipient: Recipient): string {
  if (content.recipientLink && recipient.links) return recipient.links[content.recipientLink];
  return content.link;
}

function pickUpdate(updates: UpdateFacts[], id: string | null): UpdateFacts | null {
  return (id ? updates.find((u) => u.id === id) : undefined) ?? updates[0] ?? null;
}

function componentChanges(update: UpdateFacts | null): Fact[] {
  if (!update || update.components.length === 0) return [];
  const value = update.components.map((c) => (c.old_status === c.new_status ? `${c.name}: ${statusLabel(c.new_status)}` : `${c.name}: ${statusLabel(c.old_status)} → ${statusLabel(c.new_status)}`)).join('\n');
  return [{ label: 'Components', value }];
}

type Draft = Omit<EventContent, 'subject' | 'color' | 'recipientLink'> & { recipientLink?: EventContent['recipientLink'] };

function draft(event: NotificationEvent, page: PageFacts): Draft {
  const p = event.payload;
  const tz = page.time_zone;
  switch (p.type) {
    case 'incident': {
      const i = p.incident;
      const update = pickUpdate(i.updates, p.update_id);
      const done = i.status === 'resolved' || i.status === 'postmortem';
      const postmortem = event.kind === 'postmortem.published';
      const facts: Fact[] = [{ label: 'Impact', value: statusLabel(i.impact) }, ...componentChanges(update)];
      if (!update?.components.length && i.components.length) facts.push({ label: 'Components', value: i.components.map((c) => c.name).join(', ') });
      if (p.actor && event.audience === 'responders') facts.push({ label: 'By', value: p.actor });
      return {
        title: i.name,
        status: postmortem ? 'Postmortem published' : statusLabel(update?.status ?? i.status),
        text: postmortem ? `The postmortem for "${i.name}" has been published.` : (update?.body ?? ''),
        tone: done || postmortem ? 'ok' : (IMPACT_TONES[i.impact] ?? 'info'),
        link: incidentLink(page, i.id),
        linkLabel: postmortem ? 'Read the postmortem' : 'View incident',
        facts,
        time: formatTime(postmortem ? (i.postmortem_published_at ?? event.created_at) : (update?.display_at ?? i.updated_at), tz),
      };
    }
    case 'maintenance': {
      const m = p.maintenance;
      const update = pickUpdate(m.updates, p.update_id);
      const window = `${formatTime(m.scheduled_for, tz)} – ${formatTime(m.scheduled_until, tz)}`;
      const status =
        event.kind === 'maintenance.reminder' ? 'Starting soon' : event.kind === 'maintenance.scheduled' ? 'Scheduled' : statusLabel(update?.status ?? m.status);
      let text = update?.body ?? '';
      if (event.kind === 'maintenance.reminder') text = `Starts in ${formatMinutes(p.reminder_minutes ?? 60)}${text ? `. ${text}` : '.'}`;
      if (!text) text = `Scheduled for ${window}.`;
      const facts: Fact[] = [{ label: 'Window', value: window }];
      if (m.components.length) facts.push({ label: 'Components', value: m.components.map((c) => c.name).join(', ') });
      return {
        title: m.name,
        status,
        text,
        tone: m.status === 'completed' || event.kind === 'maintenance.completed' ? 'ok' : 'maintenance',
        link: maintenanceLink(page, m.id),
        linkLabel: 'View maintenance',
        facts,
        time: formatTime(event.kind === 'maintenance.reminder' ? event.created_at : (update?.display_at ?? m.updated_at), tz),
      };
    }
    case 'component': {
      const { component: c, change } = p;
      return {
        title: `${c.name} is ${statusLabel(change.new_status).toLowerCase()}`,
        status: statusLabel(change.new_status),
        text: `${c.name} changed from ${statusLabel(change.old_status).toLowerCase()} to ${statusLabel(change.new_status).toLowerCase()}.`,
        tone: COMPONENT_TONES[change.new_status],
        link: page.url,
        linkLabel: 'View status page',
        facts: [{ label: 'Component', value: c.name }],
        time: formatTime(change.at, tz),
      };
    }
    case 'monitor': {
      const m = p.monitor;
      const heartbeat = event.kind === 'monitor.heartbeat_missed';
      const down = p.state === 'down';
      const facts: Fact[] = [{ label: 'Target', value: m.target }, { label: 'Type', value: m.type }];
      if (m.component) facts.push({ label: 'Component', value: m.component.name });
      if (!down && p.down_for_ms !== null) facts.push({ label: 'Down for', value: formatDuration(p.down_for_ms) });
      if (p.incident_id) facts.push({ label: 'Incident', value: incidentLink(page, p.incident_id) });
      return {
        title: heartbeat ? `${m.name} missed its heartbeat` : `${m.name} is ${down ? 'down' : 'up'}`,
        status: down ? 'Down' : 'Up',
        text: p.reason ?? (down ? 'The monitor failed its checks.' : 'The monitor passes its checks again.'),
        tone: down ? 'major' : 'ok',
        link: monitorLink(page, m.id),
        linkLabel: 'View monitor',
        facts,
        time: formatTime(p.since, tz),
      };
    }
    case 'storm': {
      const shown = p.members.slice(0, 10).map((x) => `${x.monitor.name}${x.reason ? `: ${x.reason}` : ''}`);
      if (p.members.length > shown.length) shown.push(`and ${p.members.length - shown.length} more`);
      return {
        title: `${p.members.length} monitors down: ${p.cause}`,
        status: 'Down',
        text: `Shared cause: ${p.cause}`,
        tone: 'major',
        link: incidentLink(page, p.incident_id),
        linkLabel: 'View incident',
        facts: [{ label: 'Monitors', value: shown.join('\n') }],
        time: formatTime(event.created_at, tz),
      };
    }
    case 'certificate': {
      const m = p.monitor;
      return {
        title: `Certificate for ${m.name} expires in ${p.days_left} day${p.days_left === 1 ? '' : 's'}`,
        status: 'Expiring',
        text: `The TLS certificate of ${m.target} expires on ${formatTime(p.expires_at, tz)}.`,
        tone: p.days_left <= 7 ? 'partial' : 'degraded',
        link: monitorLink(page, m.id),
        linkLabel: 'View monitor',
        facts: [{ label: 'Target', value: m.target }, { label: 'Expires', value: formatTime(p.expires_at, tz) }],
        time: formatTime(event.created_at, tz),
      };
    }
    case 'subscription': {
      if (event.kind === 'subscription.disabled') {
        return {
          title: 'Your webhook subscription was turned off',
          status: 'Disabled',
          text: `Deliveries to ${p.address} kept failing${p.reason ? ` (${p.reason})` : ''}, so ${page.name} stopped sending them. Subscribe again once the endpoint answers.`,
          tone: 'partial',
          link: page.url,
          linkLabel: 'Manage subscription',
          recipientLink: 'manage',
          facts: [{ label: 'Endpoint', value: p.address }],
          time: formatTime(event.created_at, tz),
        };
      }
      return {
        title: 'Confirm your subscription',
        status: 'Confirmation needed',
        text: `Someone, hopefully you, asked to receive status updates from ${page.name} at ${p.address}. Confirm to start receiving them; if it was not you, ignore this message and nothing will be sent.`,
        tone: 'info',
        link: page.url,
        linkLabel: 'Confirm subscription',
        recipientLink: 'confirm',
        facts: [],
        time: formatTime(event.created_at, tz),
      };
    }
    case 'test':
      return {
        title: `Test message for ${p.channel.name}`,
        status: 'Test',
        text: `This ${p.channel.type} channel of ${page.name} works: Vigil can deliver notifications to it.${p.requested_by ? ` Requested by ${p.requested_by}.` : ''}`,
        tone: 'info',
        link: page.url,
        linkLabel: 'View status page',
        facts: [],
        time: formatTime(event.created_at, tz),
      };
  }
}

export function renderContent(event: NotificationEvent, page: PageFacts): EventContent {
  const d = draft(event, page);
  return { ...d, recipientLink: d.recipientLink ?? null, subject: `[${page.name}] ${d.title}`, color: TONE_COLORS[d.tone] };
}
