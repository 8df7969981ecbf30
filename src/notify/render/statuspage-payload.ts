// The body Statuspage POSTs to a webhook subscriber, so receivers written for
// Statuspage work unchanged. Field names, nesting and types follow Statuspage's
// documentation ("Enable webhook notifications", support.atlassian.com) and
// payloads it really sent (captured in open-source receivers' test fixtures):
//   {meta:{unsubscribe, documentation, generated_at}, page:{id, status_indicator, status_description},
//    incident:{…, incident_updates:[…], components:[…]}}      for incidents and maintenances
//   {meta, page, component_update:{…}, component:{…}}          for component status changes
// A maintenance is an incident with scheduled_for/scheduled_until set, as in Statuspage.
import { pageIndicator } from '../../domain/indicator.js';
import type { ComponentFacts, IncidentFacts, MaintenanceFacts, NotificationEvent, PageStatusFacts, UpdateFacts } from '../../domain/notifications.js';
import type { IncidentImpact } from '../../domain/statuses.js';
import type { PageFacts } from '../channels/types.js';
import { incidentLink, maintenanceLink } from './content.js';

/** Where `meta.documentation` points when no documentation URL is configured: the page's own API description. */
export const DEFAULT_DOCUMENTATION_PATH = '/api/v1/openapi.json';

export interface StatuspageMeta {
  unsubscribe: string;
  documentation: string;
  generated_at: string;
}

function componentObject(c: ComponentFacts, page: PageFacts) {
  return {
    status: c.status,
    name: c.name,
    created_at: c.created_at,
    updated_at: c.updated_at,
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    start_date: c.start_date,
    id: c.id,
    page_id: page.id,
    group_id: c.group_id,
    only_show_if_degraded: c.only_show_if_degraded,
  };
}

function updateObject(u: UpdateFacts, parentId: string) {
  return {
    status: u.status,
    body: u.body,
    created_at: u.created_at,
    wants_twitter_update: false,
    twitter_updated_at: null,
    updated_at: u.updated_at,
    display_at: u.display_at,
    affected_components: u.components.length ? u.components.map((c) => ({ code: c.id, name: c.name, old_status: c.old_status, new_status: c.new_status })) : null,
    custom_tweet: null,
    deliver_notifications: true,
    id: u.id,
    incident_id: parentId,
  };
}

interface IncidentLike {
  id: string;
  name: string;
  status: string;
  impact: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  shortlink: string;
  started_at: string;
  postmortem_published_at: string | null;
  scheduled_for: string | null;
  scheduled_until: string | null;
  scheduled_reminded_at: string | null;
  updates: UpdateFacts[];
  components: ComponentFacts[];
}

function incidentObject(i: IncidentLike, page: PageFacts) {
  const scheduled = i.scheduled_for !== null;
  return {
    name: i.name,
    status: i.status,
    created_at: i.created_at,
    updated_at: i.updated_at,
    monitoring_at: i.monitoring_at,
    resolved_at: i.resolved_at,
    impact: i.impact,
    shortlink: i.shortlink,
    started_at: i.started_at,
    postmortem_ignored: false,
    postmortem_body: null,
    postmortem_body_last_updated_at: i.postmortem_published_at,
    postmortem_published_at: i.postmortem_published_at,
    postmortem_notified_subscribers: i.postmortem_published_at !== null,
    postmortem_notified_twitter: false,
    backfilled: false,
    scheduled_for: i.scheduled_for,
    scheduled_until: i.scheduled_until,
    scheduled_remind_prior: scheduled,
    scheduled_reminded_at: i.scheduled_reminded_at,
    impact_override: null,
    scheduled_auto_in_progress: scheduled,
    scheduled_auto_completed: scheduled,
    id: i.id,
    page_id: page.id,
    incident_updates: i.updates.map((u) => updateObject(u, i.id)),
    components: i.components.map((c) => componentObject(c, page)),
  };
}

function fromIncident(i: IncidentFacts, page: PageFacts): IncidentLike {
  return { ...i, shortlink: incidentLink(page, i.id), scheduled_for: null, scheduled_until: null, scheduled_reminded_at: null };
}

function fromMaintenance(m: MaintenanceFacts, page: PageFacts, event: NotificationEvent): IncidentLike {
  const update = (status: string) => m.updates.find((u) => u.status === status)?.display_at ?? null;
  return {
    ...m,
    shortlink: maintenanceLink(page, m.id),
    started_at: m.scheduled_for,
    monitoring_at: update('verifying'),
    resolved_at: update('completed'),
    postmortem_published_at: null,
    scheduled_reminded_at: event.kind === 'maintenance.reminder' ? event.created_at : null,
  };
}

/**
 * The page indicator the event carries; without it, the best the event's own facts allow
 * (the components it names, and the incident's impact when it names none).
 */
function pageStatus(event: NotificationEvent): PageStatusFacts {
  const p = event.payload;
  if ((p.type === 'incident' || p.type === 'maintenance' || p.type === 'component') && p.page_status) return p.page_status;
  if (p.type === 'component') return pageIndicator({ openIncidentImpacts: [], componentStatuses: [p.change.new_status] });
  if (p.type === 'incident') {
    const open = p.incident.status !== 'resolved' && p.incident.status !== 'postmortem';
    return pageIndicator({ openIncidentImpacts: open ? [p.incident.impact as IncidentImpact] : [], componentStatuses: p.incident.components.map((c) => c.status) });
  }
  if (p.type === 'maintenance') return pageIndicator({ openIncidentImpacts: [], componentStatuses: p.maintenance.components.map((c) => c.status) });
  return pageIndicator({ openIncidentImpacts: [], componentStatuses: [] });
}

/** Everything but `meta` (which names the recipient's unsubscribe link); null for events Statuspage has no shape for. */
export function statuspageBody(event: NotificationEvent, page: PageFacts): Record<string, unknown> | null {
  const p = event.payload;
  const status = pageStatus(event);
  const pageObject = { id: page.id, status_indicator: status.indicator, status_description: status.description };
  if (p.type === 'incident') return { page: pageObject, incident: incidentObject(fromIncident(p.incident, page), page) };
  if (p.type === 'maintenance') return { page: pageObject, incident: incidentObject(fromMaintenance(p.maintenance, page, event), page) };
  if (p.type === 'component') {
    return {
      page: pageObject,
      component_update: { old_status: p.change.old_status, new_status: p.change.new_status, created_at: p.change.at, component_type: 'Component', id: p.change.id, component_id: p.component.id },
      component: componentObject({ ...p.component, status: p.change.new_status }, page),
    };
  }
  return null;
}

export function statuspageMeta(event: NotificationEvent, page: PageFacts, unsubscribe: string | null, documentation: string | null): StatuspageMeta {
  return { unsubscribe: unsubscribe ?? page.url, documentation: documentation ?? `${page.url}${DEFAULT_DOCUMENTATION_PATH}`, generated_at: event.created_at };
}
