// Events of every kind, as the worker hands them to channels, for renderer and
// channel tests: one page, one incident with two updates, a maintenance, a
// component change, monitor, storm, certificate, subscription and test events.
import type { ComponentFacts, EventKind, EventPayload, IncidentFacts, MaintenanceFacts, MonitorFacts, NotificationEvent } from '../../domain/notifications.js';
import { DIRECT_EVENT_KINDS, PUBLIC_EVENT_KINDS, RESPONDER_EVENT_KINDS } from '../../domain/notifications.js';
import type { Audience } from '../../domain/notifications.js';
import type { Message, PageFacts, Recipient } from './types.js';

export const page: PageFacts = {
  id: 'pg0000000001',
  name: 'Acme Status',
  url: 'https://status.acme.test',
  logo_url: 'https://status.acme.test/logo.png',
  accent_color: '#aa3377',
  time_zone: 'Europe/London',
};

export const api: ComponentFacts = {
  id: 'cmp000000api',
  name: 'API',
  status: 'major_outage',
  description: null,
  group_id: null,
  position: 1,
  showcase: true,
  only_show_if_degraded: false,
  start_date: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-07-01T10:00:00.000Z',
};

export function incidentFacts(over: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    id: 'inc000000001',
    name: 'Elevated API errors',
    status: 'identified',
    impact: 'major',
    started_at: '2026-07-01T10:00:00.000Z',
    created_at: '2026-07-01T10:00:00.000Z',
    updated_at: '2026-07-01T10:20:00.000Z',
    monitoring_at: null,
    resolved_at: null,
    components: [api],
    updates: [
      {
        id: 'upd000000002',
        status: 'identified',
        body: 'We found the faulty deploy and are rolling it back.',
        display_at: '2026-07-01T10:20:00.000Z',
        created_at: '2026-07-01T10:20:00.000Z',
        updated_at: '2026-07-01T10:20:00.000Z',
        components: [{ id: api.id, name: 'API', old_status: 'major_outage', new_status: 'major_outage' }],
      },
      {
        id: 'upd000000001',
        status: 'investigating',
        body: 'We are investigating errors on the API.',
        display_at: '2026-07-01T10:00:00.000Z',
        created_at: '2026-07-01T10:00:00.000Z',
        updated_at: '2026-07-01T10:00:00.000Z',
        components: [{ id: api.id, name: 'API', old_status: 'operational', new_status: 'major_outage' }],
      },
    ],
    postmortem_published_at: null,
    ...over,
  };
}

export const maintenance: MaintenanceFacts = {
  id: 'mnt000000001',
  name: 'Database upgrade',
  status: 'scheduled',
  impact: 'maintenance',
  scheduled_for: '2026-07-02T22:00:00.000Z',
  scheduled_until: '2026-07-02T23:00:00.000Z',
  created_at: '2026-07-01T09:00:00.000Z',
  updated_at: '2026-07-01T09:00:00.000Z',
  components: [{ ...api, status: 'operational' }],
  updates: [
    {
      id: 'mup000000001',
      status: 'scheduled',
      body: 'We will upgrade the primary database.',
      display_at: '2026-07-01T09:00:00.000Z',
      created_at: '2026-07-01T09:00:00.000Z',
      updated_at: '2026-07-01T09:00:00.000Z',
      components: [],
    },
  ],
};

export const monitor: MonitorFacts = { id: 'mon000000001', name: 'API health', type: 'http', target: 'https://api.acme.test/health', component: { id: api.id, name: 'API' } };

let nextId = 100;

export function event(kind: EventKind, audience: Audience, payload: EventPayload, threadKey: string | null = null, id = nextId++): NotificationEvent {
  return { id, kind, audience, created_at: '2026-07-01T10:20:00.000Z', thread_key: threadKey, payload };
}

export function incidentEvent(kind: EventKind, over: Partial<IncidentFacts> = {}, updateId: string | null = 'upd000000002', audience: Audience = 'public', id?: number): NotificationEvent {
  return event(kind, audience, { type: 'incident', incident: incidentFacts(over), update_id: updateId, actor: audience === 'responders' ? 'alice@acme.test' : null }, 'incident:inc000000001', id);
}

/** One event per kind and audience the domain defines. */
export function everyEvent(): NotificationEvent[] {
  const out: NotificationEvent[] = [];
  for (const kind of PUBLIC_EVENT_KINDS) {
    if (kind.startsWith('incident.') || kind === 'postmortem.published') {
      const resolved = kind === 'incident.resolved' || kind === 'postmortem.published';
      out.push(incidentEvent(kind, resolved ? { status: kind === 'postmortem.published' ? 'postmortem' : 'resolved', resolved_at: '2026-07-01T11:00:00.000Z', postmortem_published_at: kind === 'postmortem.published' ? '2026-07-02T09:00:00.000Z' : null } : {}));
    } else if (kind.startsWith('maintenance.')) {
      const status = { 'maintenance.started': 'in_progress', 'maintenance.completed': 'completed' }[kind as string] ?? 'scheduled';
      out.push(event(kind, 'public', { type: 'maintenance', maintenance: { ...maintenance, status }, update_id: null, reminder_minutes: kind === 'maintenance.reminder' ? 60 : null }, 'maintenance:mnt000000001'));
    } else {
      out.push(event(kind, 'public', { type: 'component', component: api, change: { id: 'chg000000001', old_status: 'operational', new_status: 'major_outage', at: '2026-07-01T10:00:00.000Z' } }));
    }
  }
  for (const kind of RESPONDER_EVENT_KINDS) {
    if (kind === 'monitor.down' || kind === 'monitor.heartbeat_missed') {
      out.push(event(kind, 'responders', { type: 'monitor', monitor, state: 'down', reason: 'HTTP 503 from https://api.acme.test/health', since: '2026-07-01T10:00:00.000Z', down_for_ms: null, incident_id: 'inc000000001' }, 'monitor:mon000000001'));
    } else if (kind === 'monitor.up') {
      out.push(event(kind, 'responders', { type: 'monitor', monitor, state: 'up', reason: null, since: '2026-07-01T10:30:00.000Z', down_for_ms: 30 * 60_000, incident_id: 'inc000000001' }, 'monitor:mon000000001'));
    } else if (kind === 'monitor.storm') {
      out.push(event(kind, 'responders', { type: 'storm', incident_id: 'inc000000001', cause: 'DNS resolution fails', members: [{ monitor, reason: 'ENOTFOUND' }, { monitor: { ...monitor, id: 'mon000000002', name: 'Web' }, reason: 'ENOTFOUND' }] }));
    } else if (kind === 'monitor.certificate_expiring') {
      out.push(event(kind, 'responders', { type: 'certificate', monitor, days_left: 7, expires_at: '2026-07-08T00:00:00.000Z' }));
    } else {
      out.push(incidentEvent(kind, kind === 'incident.resolved' ? { status: 'resolved', resolved_at: '2026-07-01T11:00:00.000Z' } : {}, 'upd000000002', 'responders'));
    }
  }
  for (const kind of DIRECT_EVENT_KINDS) {
    if (kind === 'channel.test') out.push(event(kind, 'direct', { type: 'test', channel: { id: 'chn000000001', name: 'On-call', type: 'email' }, requested_by: 'alice@acme.test' }, null, 0));
    else out.push(event(kind, 'direct', { type: 'subscription', subscriber_id: 'sub000000001', subscriber_type: kind === 'subscription.disabled' ? 'webhook' : 'email', address: kind === 'subscription.disabled' ? 'https://hooks.example.test/x' : 'bob@example.test', reason: kind === 'subscription.disabled' ? 'HTTP 500 for 3 days' : null }));
  }
  return out;
}

export const subscriberLinks = {
  confirm: 'https://status.acme.test/subscriptions/confirm?token=c.tok',
  unsubscribe: 'https://status.acme.test/subscriptions/unsubscribe?token=u.tok',
  manage: 'https://status.acme.test/subscriptions/manage?token=m.tok',
};

export function subscriber(config: Record<string, unknown>, id = 'sub000000001'): Recipient {
  return { kind: 'subscriber', id, config, links: subscriberLinks };
}

export function teamChannel(config: Record<string, unknown>, id = 'chn000000001'): Recipient {
  return { kind: 'channel', id, config, links: null };
}

let delivery = 1;
export function message(ev: NotificationEvent, recipient: Recipient, pageFacts: PageFacts = page): Message {
  const id = delivery++;
  return { event: ev, page: pageFacts, recipient, attempt: { delivery_id: id, idempotency_key: `dlv-${ev.id}-${recipient.id}-${id}`, attempt: 1 } };
}
