// The objects of Statuspage's public API v2, built key by key in Statuspage's
// own order (JSON.stringify keeps insertion order). Sources, all real
// documents served by Statuspage:
//   - page, components, incidents, updates: githubstatus.com incidents.json and
//     components.json (2024-09), cloudflarestatus.com summary.json (2026-05);
//   - groups in the flat list: status.hashicorp.com components.json (2021-08);
//   - scheduled maintenances: a renku (illposed.statuspage.io) summary.json
//     (2021-10) and a Huobi summary.json (2020-02), which agree that
//     scheduled_for/scheduled_until come last.
// No field outside those documents is emitted: strict clients reject unknown keys.
import { COMPONENT_STATUSES, type ComponentStatus } from '../../../domain/statuses.js';
import { byPosition } from '../../../services/public/displayOrder.js';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicModel, PublicUpdate } from '../../../services/public/model.js';
import { jsonInteger } from './json.js';
import { statuspageTime as at, statuspageTimeOrNull as atOrNull } from './time.js';

/** What every object needs from the page. */
export interface Context {
  pageId: string;
  pageUrl: string;
  timeZone: string;
  components: Map<string, PublicComponent>;
}

export function contextOf(model: PublicModel): Context {
  return {
    pageId: model.page.id,
    pageUrl: model.page.url.replace(/\/+$/, ''),
    timeZone: model.page.time_zone,
    components: new Map(model.components.map((c) => [c.id, c])),
  };
}

export function pageObject(model: PublicModel) {
  const p = model.page;
  return { id: p.id, name: p.name, url: p.url, time_zone: p.time_zone, updated_at: at(p.updated_at, p.time_zone) };
}

type Entry = { kind: 'component'; id: string; position: number; component: PublicComponent } | { kind: 'group'; id: string; position: number; group: PublicModel['groups'][number] };

/**
 * Statuspage lists groups and components in one flat list ordered by position
 * alone — every level's position 1 first, then 2, … (status.hashicorp.com) —
 * with ties in an order the document does not show (groups and children
 * interleave, status.sendgrid.com). Ties go to `sequence`: the imported page's
 * own order, or creation order for what Vigil made (docs/adr/0014).
 */
function flatList(model: PublicModel): Entry[] {
  const entries: Entry[] = [
    ...model.groups.map((group): Entry => ({ kind: 'group', id: group.id, position: group.position, group })),
    ...model.components.map((component): Entry => ({ kind: 'component', id: component.id, position: component.position, component })),
  ];
  return entries.sort((a, b) => byPosition(entryRow(a), entryRow(b)));
}

function entryRow(e: Entry) {
  return e.kind === 'group' ? e.group : e.component;
}

export function componentList(model: PublicModel, ctx: Context) {
  return flatList(model).map((e) => (e.kind === 'component' ? componentObject(e.component, ctx) : groupObject(e.group, ctx)));
}

export function componentObject(c: PublicComponent, ctx: Context) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: at(c.created_at, ctx.timeZone),
    updated_at: at(c.updated_at, ctx.timeZone),
    position: c.position,
    description: c.description,
    showcase: c.showcase,
    start_date: c.start_date,
    group_id: c.group_id,
    page_id: ctx.pageId,
    group: false,
    only_show_if_degraded: c.only_show_if_degraded,
  };
}

/** A group is a component with `group: true` and its members' ids; its status is its worst member's. */
function groupObject(g: PublicModel['groups'][number], ctx: Context) {
  const members = g.component_ids.map((id) => ctx.components.get(id)).filter((c) => c !== undefined);
  return {
    id: g.id,
    name: g.name,
    status: worstStatus(members.map((m) => m.status)),
    created_at: at(g.created_at, ctx.timeZone),
    updated_at: at(g.updated_at, ctx.timeZone),
    position: g.position,
    description: g.description,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: ctx.pageId,
    group: true,
    only_show_if_degraded: false,
    components: members.map((m) => m.id),
  };
}

function worstStatus(statuses: ComponentStatus[]): ComponentStatus {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, COMPONENT_STATUSES.indexOf(s));
  return COMPONENT_STATUSES[worst]!;
}

/**
 * An incident's or maintenance's components: full component objects as they
 * are now (Statuspage embeds the live component, identical to the page's
 * list), in the order the event lists them.
 */
function componentsOf(ids: string[], ctx: Context) {
  return ids
    .map((id) => ctx.components.get(id))
    .filter((c) => c !== undefined)
    .map((c) => componentObject(c, ctx));
}

function updateObject(u: PublicUpdate<string>, parentId: string, ctx: Context) {
  return {
    id: u.id,
    status: u.status,
    body: u.body,
    incident_id: parentId,
    created_at: at(u.created_at, ctx.timeZone),
    updated_at: at(u.updated_at, ctx.timeZone),
    display_at: at(u.display_at, ctx.timeZone),
    affected_components: affectedComponents(u),
    deliver_notifications: u.deliver_notifications,
    custom_tweet: u.custom_tweet,
    tweet_id: u.tweet_id !== null && u.tweet_id_is_number ? jsonInteger(u.tweet_id) : u.tweet_id,
  };
}

/**
 * Statuspage writes null, not [], for an update that names no component; its
 * exports from 2016–2017 carry `[{"name": "No components were affected by this
 * update."}]` instead, kept from an import.
 */
function affectedComponents(u: PublicUpdate<string>) {
  if (u.affected_components.length > 0) return u.affected_components.map((a) => ({ code: a.code, name: a.name, old_status: a.old_status, new_status: a.new_status }));
  return u.no_components_note === undefined ? null : [{ name: u.no_components_note }];
}

export function incidentObject(i: PublicIncident, ctx: Context) {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    created_at: at(i.created_at, ctx.timeZone),
    updated_at: at(i.updated_at, ctx.timeZone),
    monitoring_at: atOrNull(i.monitoring_at, ctx.timeZone),
    resolved_at: atOrNull(i.resolved_at, ctx.timeZone),
    impact: i.impact,
    shortlink: i.shortlink ?? `${ctx.pageUrl}/incidents/${i.id}`,
    started_at: at(i.started_at, ctx.timeZone),
    page_id: ctx.pageId,
    incident_updates: i.updates.map((u) => updateObject(u, i.id, ctx)),
    components: componentsOf(i.component_ids, ctx),
    // Statuspage's incident reminders: an imported page's as it gave them; Vigil has none, and Statuspage writes null then too.
    reminder_intervals: i.reminder_intervals ?? null,
  };
}

/**
 * A maintenance is a Statuspage incident, usually with impact "maintenance".
 * Its started_at is when the notice began and stays so once work begins
 * (discordstatus.com); monitoring_at is when verification was last posted;
 * resolved_at is when it completed.
 */
export function maintenanceObject(m: PublicMaintenance, ctx: Context) {
  return {
    id: m.id,
    name: m.name,
    status: m.status,
    created_at: at(m.created_at, ctx.timeZone),
    updated_at: at(m.updated_at, ctx.timeZone),
    monitoring_at: atOrNull(m.updates.find((u) => u.status === 'verifying')?.display_at ?? null, ctx.timeZone),
    resolved_at: atOrNull(m.completed_at, ctx.timeZone),
    impact: m.impact ?? 'maintenance',
    shortlink: m.shortlink ?? `${ctx.pageUrl}/maintenances/${m.id}`,
    started_at: at(m.announced_at ?? m.created_at, ctx.timeZone),
    page_id: ctx.pageId,
    incident_updates: m.updates.map((u) => updateObject(u, m.id, ctx)),
    components: componentsOf(m.component_ids, ctx),
    scheduled_for: at(m.scheduled_for, ctx.timeZone),
    scheduled_until: at(m.scheduled_until, ctx.timeZone),
  };
}
