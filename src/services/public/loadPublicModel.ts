// Builds the public read model from the database in one pass: a fixed number
// of whole-table reads inside one snapshot (src/store/public-read.ts), then
// everything else in memory. The snapshot layer calls this when data changes;
// public requests never reach the database (docs/adr/0007).
import { pageIndicator } from '../../domain/indicator.js';
import type { PostmortemSection } from '../../domain/postmortem.js';
import { isIncidentOpen, type ComponentStatus, type IncidentImpact, type IncidentStatus, type MaintenanceStatus } from '../../domain/statuses.js';
import { MS_PER_DAY, startOfUtcDay, utcDateString } from '../../domain/time.js';
import { withMonitorChecks, type DayChecks, type StatusChange } from '../../domain/uptime.js';
import { groupBy } from '../../lib/group-by.js';
import { readPublicRows, type PublicRows } from '../../store/public-read.js';
import type {
  ComponentGroupRow,
  ComponentRow,
  IncidentUpdateComponentRow,
  IncidentUpdateRow,
  MaintenanceUpdateComponentRow,
  MaintenanceUpdateRow,
} from '../../store/schema.js';
import { read, type ServiceContext } from '../context.js';
import { incidentRowFields } from '../incidents/present.js';
import { displayOrder } from './displayOrder.js';
import type {
  PublicAffectedComponent,
  PublicComponent,
  PublicGroup,
  PublicIncident,
  PublicMaintenance,
  PublicModel,
  PublicUpdate,
  ReminderIntervals,
} from './model.js';
import { memoDailyUptime } from './uptimeMemo.js';

export const UPTIME_DAYS = 90;

export interface LoadPublicModelOptions {
  /** Used as the page URL when settings.public_url is not set (VIGIL_PUBLIC_URL). */
  publicUrl: string;
}

export async function loadPublicModel(ctx: ServiceContext, options: LoadPublicModelOptions): Promise<PublicModel> {
  const now = ctx.clock.now().toISOString();
  const today = startOfUtcDay(Date.parse(now));
  const historySince = new Date(today - (UPTIME_DAYS - 1) * MS_PER_DAY).toISOString();
  const rows = await read(ctx, (db) => readPublicRows(db, historySince, today));
  return buildPublicModel(rows, { now, publicUrl: options.publicUrl });
}

/** The pure half of the loader: rows in, model out. */
export function buildPublicModel(rows: PublicRows, opts: { now: string; publicUrl: string }): PublicModel {
  const settings = rows.settings;
  if (!settings?.page_id) throw new Error('the settings row (with its page_id) is missing: run `vigil migrate`');

  const order = displayOrder(rows.groups, rows.components);
  const rank = new Map(order.components.map((c, i) => [c.id, i]));
  // An event's components in the order it lists them (by position); equal positions
  // (links made before positions were kept) fall back to the page's display order.
  const inListedOrder = (links: { component_id: string; position: number }[]) =>
    [...links]
      .filter((l) => rank.has(l.component_id))
      .sort((a, b) => a.position - b.position || rank.get(a.component_id)! - rank.get(b.component_id)!)
      .map((l) => l.component_id);

  const incidentIds = new Set(rows.incidents.map((i) => i.id));
  const changesByUpdate = groupBy(rows.incidentUpdateComponents, (c) => c.update_id);
  const incidentUpdates = groupBy(
    rows.incidentUpdates.filter((u) => incidentIds.has(u.incident_id)),
    (u) => u.incident_id,
  );
  const incidentComponents = groupBy(rows.incidentComponents, (r) => r.incident_id);
  const postmortems = new Map(rows.publishedPostmortems.map((p) => [p.incident_id, p]));

  const incidents: PublicIncident[] = rows.incidents.map((row) => {
    const postmortem = postmortems.get(row.id);
    return {
      ...incidentRowFields(row),
      shortlink: row.shortlink,
      reminder_intervals: parseReminderIntervals(row.reminder_intervals),
      component_ids: inListedOrder(incidentComponents.get(row.id) ?? []),
      updates: (incidentUpdates.get(row.id) ?? []).map((u) => presentUpdate<IncidentStatus>(u, changesByUpdate.get(u.id) ?? [])),
      postmortem: postmortem ? { published_at: postmortem.published_at, sections: parseSections(postmortem.sections) } : null,
    };
  });

  const maintenanceComponents = groupBy(rows.maintenanceComponents, (r) => r.maintenance_id);
  const maintenanceUpdates = groupBy(rows.maintenanceUpdates, (u) => u.maintenance_id);
  const maintenanceChanges = groupBy(rows.maintenanceUpdateComponents, (c) => c.update_id);
  const maintenances: PublicMaintenance[] = rows.maintenances.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status as MaintenanceStatus,
    impact: row.impact as IncidentImpact | 'maintenance',
    announced_at: row.announced_at,
    shortlink: row.shortlink,
    scheduled_for: row.scheduled_for,
    scheduled_until: row.scheduled_until,
    started_at: row.started_at,
    completed_at: row.completed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    component_ids: inListedOrder(maintenanceComponents.get(row.id) ?? []),
    updates: (maintenanceUpdates.get(row.id) ?? []).map((u) => presentUpdate<MaintenanceStatus>(u, maintenanceChanges.get(u.id) ?? [])),
  }));

  const history = groupBy(rows.statusChanges, (c) => c.component_id);
  // Where monitors drive a component, its uptime is the share of their checks that passed (per UTC day).
  const monitorChecks = new Map<string, Map<string, DayChecks>>();
  for (const r of rows.monitorChecks) {
    const days = monitorChecks.get(r.component_id) ?? new Map<string, DayChecks>();
    days.set(utcDateString(r.day_start), { checks: r.checks, failures: r.failures });
    monitorChecks.set(r.component_id, days);
  }
  const uptime: Record<string, PublicModel['uptime'][string]> = {};
  for (const c of order.components) {
    const changes: StatusChange[] = (history.get(c.id) ?? []).map((h) => ({ status: h.status as ComponentStatus, at: h.at }));
    const days = memoDailyUptime(changes, UPTIME_DAYS, opts.now);
    const measured = monitorChecks.get(c.id);
    uptime[c.id] = measured ? withMonitorChecks(days, measured) : days;
  }

  return {
    generated_at: opts.now,
    publicUrl: opts.publicUrl,
    page: {
      id: settings.page_id,
      name: settings.name,
      url: settings.public_url ?? opts.publicUrl,
      time_zone: settings.time_zone,
      updated_at: pageUpdatedAt(rows),
      logo_url: settings.logo_url,
      accent_color: settings.accent_color,
    },
    status: pageIndicator({
      openIncidentImpacts: incidents.filter((i) => isIncidentOpen(i.status)).map((i) => i.impact),
      componentStatuses: order.components.map((c) => c.status as ComponentStatus),
    }),
    groups: order.groups.map(({ group, members }) => presentGroup(group, members)),
    components: order.components.map(presentComponent),
    incidents,
    maintenances,
    uptime,
  };
}

function presentComponent(row: ComponentRow): PublicComponent {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status as ComponentStatus,
    group_id: row.group_id,
    position: row.position,
    sequence: row.sequence,
    showcase: row.showcase === 1,
    only_show_if_degraded: row.only_show_if_degraded === 1,
    start_date: row.start_date,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function presentGroup(row: ComponentGroupRow, members: ComponentRow[]): PublicGroup {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    sequence: row.sequence,
    component_ids: members.map((m) => m.id),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function presentUpdate<S extends string>(
  row: IncidentUpdateRow | MaintenanceUpdateRow,
  changes: (IncidentUpdateComponentRow | MaintenanceUpdateComponentRow)[],
): PublicUpdate<S> {
  return {
    id: row.id,
    status: row.status as S,
    body: row.body,
    display_at: row.display_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    deliver_notifications: row.deliver_notifications === 1,
    custom_tweet: row.custom_tweet,
    tweet_id: row.tweet_id,
    ...(row.tweet_id_is_number === 1 ? { tweet_id_is_number: true } : {}),
    ...(row.no_components_note === null ? {} : { no_components_note: row.no_components_note }),
    affected_components: changes.map(
      (c): PublicAffectedComponent => ({
        code: c.component_id,
        name: c.component_name,
        old_status: c.old_status as ComponentStatus,
        new_status: c.new_status as ComponentStatus,
      }),
    ),
  };
}

/**
 * When anything the public sees last changed: the newest updated_at among the
 * settings, groups, components, incidents, maintenances and their updates.
 * Statuspage's page.updated_at moves the same way, and clients poll on it.
 */
function pageUpdatedAt(rows: PublicRows): string {
  let latest = rows.settings!.updated_at;
  const consider = (at: string) => {
    if (Date.parse(at) > Date.parse(latest)) latest = at;
  };
  for (const list of [rows.groups, rows.components, rows.incidents, rows.incidentUpdates, rows.maintenances, rows.maintenanceUpdates]) {
    for (const r of list) consider(r.updated_at);
  }
  for (const p of rows.publishedPostmortems) consider(p.published_at);
  return latest;
}

/** Stored as JSON text of the value the imported page gave (a list, or Statuspage's string form "[]"). */
function parseReminderIntervals(json: string | null): ReminderIntervals {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ReminderIntervals;
  } catch {
    return null;
  }
}

function parseSections(json: string): PostmortemSection[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((s: { key?: unknown; title?: unknown; body?: unknown }) => ({
    key: String(s.key ?? ''),
    title: String(s.title ?? ''),
    body: String(s.body ?? ''),
  }));
}

