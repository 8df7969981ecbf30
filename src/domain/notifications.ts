// What Vigil tells people about, and to whom. An event is a fact written to the
// outbox with the change that caused it; a worker expands it into deliveries:
// public events to confirmed subscribers (per-component subscriptions narrow
// them), responder events to the team's channels by their routing rules.
import type { ComponentStatus, IncidentImpact } from './statuses.js';

/** `direct`: a message to one subscriber about its own subscription (the subject), e.g. the double opt-in. */
export const AUDIENCES = ['public', 'responders', 'direct'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const PUBLIC_EVENT_KINDS = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'postmortem.published',
  'maintenance.scheduled',
  'maintenance.reminder',
  'maintenance.started',
  'maintenance.updated',
  'maintenance.completed',
  'component.status_changed',
] as const;

/** Responder events; `incident.*` here are incidents opened or updated by someone (not the monitor engine). */
export const RESPONDER_EVENT_KINDS = [
  'monitor.down',
  'monitor.up',
  'monitor.storm',
  'monitor.certificate_expiring',
  'monitor.heartbeat_missed',
  'incident.created',
  'incident.updated',
  'incident.resolved',
] as const;

/** `channel.test` is never stored: it is the message `POST /api/v1/channels/{id}/test` sends at once. */
export const DIRECT_EVENT_KINDS = ['subscription.confirm', 'subscription.disabled', 'channel.test'] as const;

export type PublicEventKind = (typeof PUBLIC_EVENT_KINDS)[number];
export type ResponderEventKind = (typeof RESPONDER_EVENT_KINDS)[number];
export type DirectEventKind = (typeof DIRECT_EVENT_KINDS)[number];
export type EventKind = PublicEventKind | ResponderEventKind | DirectEventKind;

export const CHANNEL_TYPES = ['email', 'webhook', 'slack', 'discord', 'teams'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const SUBSCRIBER_TYPES = ['email', 'webhook'] as const;
export type SubscriberType = (typeof SUBSCRIBER_TYPES)[number];

/** Days before a certificate's expiry at which responders hear about it, once each. */
export const CERTIFICATE_WARNING_DAYS = [30, 14, 7, 1] as const;

// ---- The facts an event carries (payload_json). Links are built at delivery from the page's URL. ----

export interface ComponentFacts {
  id: string;
  name: string;
  status: ComponentStatus;
  description: string | null;
  group_id: string | null;
  position: number;
  showcase: boolean;
  only_show_if_degraded: boolean;
  start_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface UpdateComponentFacts {
  id: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface UpdateFacts {
  id: string;
  status: string;
  body: string;
  display_at: string;
  created_at: string;
  updated_at: string;
  components: UpdateComponentFacts[];
}

export interface IncidentFacts {
  id: string;
  name: string;
  status: string;
  impact: IncidentImpact;
  started_at: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  components: ComponentFacts[];
  /** Newest first, as Statuspage lists them. */
  updates: UpdateFacts[];
  postmortem_published_at: string | null;
}

export interface MaintenanceFacts {
  id: string;
  name: string;
  status: string;
  impact: string;
  scheduled_for: string;
  scheduled_until: string;
  created_at: string;
  updated_at: string;
  components: ComponentFacts[];
  updates: UpdateFacts[];
}

export interface MonitorFacts {
  id: string;
  name: string;
  type: string;
  /** What it checks, without credentials (a URL, host:port, a name). */
  target: string;
  component: { id: string; name: string } | null;
}

/** The page-wide indicator right after the change (domain/indicator.ts), as Statuspage's webhooks carry it. */
export interface PageStatusFacts {
  indicator: string;
  description: string;
}

export type EventPayload =
  | { type: 'incident'; incident: IncidentFacts; update_id: string | null; actor: string | null; page_status?: PageStatusFacts }
  | { type: 'maintenance'; maintenance: MaintenanceFacts; update_id: string | null; reminder_minutes: number | null; page_status?: PageStatusFacts }
  | { type: 'component'; component: ComponentFacts; change: { id: string; old_status: ComponentStatus; new_status: ComponentStatus; at: string }; page_status?: PageStatusFacts }
  | { type: 'monitor'; monitor: MonitorFacts; state: 'down' | 'up'; reason: string | null; since: string; down_for_ms: number | null; incident_id: string | null }
  | { type: 'storm'; incident_id: string; cause: string; members: { monitor: MonitorFacts; reason: string | null }[] }
  | { type: 'certificate'; monitor: MonitorFacts; days_left: number; expires_at: string }
  /** subscription.confirm: the double opt-in; subscription.disabled: a webhook that kept failing was turned off. */
  | { type: 'subscription'; subscriber_id: string; subscriber_type: SubscriberType; address: string; reason: string | null }
  | { type: 'test'; channel: { id: string; name: string; type: ChannelType }; requested_by: string | null };

/** An event as a worker hands it to a channel. */
export interface NotificationEvent {
  id: number;
  kind: EventKind;
  audience: Audience;
  created_at: string;
  /** Messages with the same thread key belong to one conversation (an incident, a maintenance). */
  thread_key: string | null;
  payload: EventPayload;
}

// ---- Routing rules: which responder events go to which channel. ----

export type Severity = 'none' | 'minor' | 'major' | 'critical';

/** Every list given must contain the event's value; a list left out matches anything. */
export interface RouteRule {
  events?: ResponderEventKind[];
  monitors?: string[];
  components?: string[];
  severities?: Severity[];
}

export interface RoutableEvent {
  kind: string;
  monitor_id: string | null;
  component_ids: readonly string[];
  severity: string | null;
}

/** A channel with no rules has the default route: every responder event (a fresh install hears every DOWN). */
export function channelWants(rules: readonly RouteRule[], event: RoutableEvent): boolean {
  if (rules.length === 0) return true;
  return rules.some((rule) => ruleMatches(rule, event));
}

function ruleMatches(rule: RouteRule, event: RoutableEvent): boolean {
  if (rule.events && !rule.events.some((k) => k === event.kind)) return false;
  if (rule.monitors && (event.monitor_id === null || !rule.monitors.includes(event.monitor_id))) return false;
  if (rule.components && !event.component_ids.some((id) => rule.components!.includes(id))) return false;
  if (rule.severities && (event.severity === null || !rule.severities.some((s) => s === event.severity))) return false;
  return true;
}
