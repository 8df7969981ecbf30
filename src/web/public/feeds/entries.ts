// What /history.atom and /history.rss carry, in Statuspage's shape: one entry
// per incident and per maintenance, newest announced first, whose HTML content
// is one paragraph per update, newest first:
//   <p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>18:09</var> UTC</small><br><strong>Resolved</strong> - body</p>
// As on Statuspage, an update that keeps the previous update's status is
// labelled "Update", and a maintenance starts with "THIS IS A SCHEDULED EVENT …".
import { toEpochMs } from '../../../domain/time.js';
import type { PublicIncident, PublicMaintenance, PublicModel, PublicUpdate } from '../../../services/public/model.js';
import { renderMarkdownInline } from '../markdown.js';
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS, MONTHS } from '../pages/format.js';

export const FEED_LIMIT = 25;

export interface FeedEntry {
  kind: 'Incident' | 'Maintenance';
  id: string;
  title: string;
  link: string;
  /** When it was announced (created_at): the entry's date and the feed's order. */
  published: string;
  updated: string;
  /** HTML (unescaped; the writer escapes it for XML). */
  content: string;
  /** Maintenances only: the window. */
  window?: { from: string; until: string };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Jun <var data-var='date'> 6</var>, <var data-var='time'>04:43</var>" — Statuspage pads the day with a space. */
function varDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} <var data-var='date'>${String(d.getUTCDate()).padStart(2, ' ')}</var>`;
}
const varTime = (d: Date) => `<var data-var='time'>${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}</var>`;

export function feedStamp(iso: string): string {
  const d = new Date(toEpochMs(iso));
  return `${varDate(d)}, ${varTime(d)} UTC`;
}

function scheduledEvent(m: PublicMaintenance): string {
  const from = new Date(toEpochMs(m.scheduled_for));
  const until = new Date(toEpochMs(m.scheduled_until));
  const sameDay = from.toISOString().slice(0, 10) === until.toISOString().slice(0, 10);
  const end = sameDay ? varTime(until) : `${varDate(until)}, ${varTime(until)}`;
  return `<p><strong>THIS IS A SCHEDULED EVENT ${varDate(from)}, ${varTime(from)} - ${end} UTC</strong></p>`;
}

export function updateParagraphs<S extends string>(updates: PublicUpdate<S>[], labels: Record<S, string>): string {
  return updates
    .map((u, i) => {
      const older = updates[i + 1];
      const label = older && older.status === u.status ? 'Update' : labels[u.status];
      return `<p><small>${feedStamp(u.display_at)}</small><br><strong>${label}</strong> - ${renderMarkdownInline(u.body)}</p>`;
    })
    .join('');
}

/** The public URL without a trailing slash; feeds need absolute links. */
export function baseUrl(model: PublicModel): string {
  const url = model.page.url;
  return URL.canParse(url) && /^https?:/i.test(url) ? url.replace(/\/+$/, '') : 'http://localhost';
}

function incidentEntry(base: string, i: PublicIncident): FeedEntry {
  return {
    kind: 'Incident',
    id: i.id,
    title: i.name,
    link: `${base}/incidents/${encodeURIComponent(i.id)}`,
    published: i.created_at,
    updated: i.updated_at,
    content: updateParagraphs(i.updates, INCIDENT_STATUS_LABELS),
  };
}

function maintenanceEntry(base: string, m: PublicMaintenance): FeedEntry {
  return {
    kind: 'Maintenance',
    id: m.id,
    title: m.name,
    link: `${base}/maintenances/${encodeURIComponent(m.id)}`,
    published: m.created_at,
    updated: m.updated_at,
    content: scheduledEvent(m) + updateParagraphs(m.updates, MAINTENANCE_STATUS_LABELS),
    window: { from: m.scheduled_for, until: m.scheduled_until },
  };
}

/** The newest `limit` incidents and maintenances together, newest announced first. */
export function feedEntries(model: PublicModel, limit = FEED_LIMIT): FeedEntry[] {
  const base = baseUrl(model);
  // Chosen before any content is rendered: a page with years of history renders only the entries it shows.
  const events: ({ incident: PublicIncident } | { maintenance: PublicMaintenance })[] = [
    ...model.incidents.map((incident) => ({ incident })),
    ...model.maintenances.map((maintenance) => ({ maintenance })),
  ];
  const published = (e: (typeof events)[number]) => toEpochMs('incident' in e ? e.incident.created_at : e.maintenance.created_at);
  return events
    .sort((a, b) => published(b) - published(a))
    .slice(0, limit)
    .map((e) => ('incident' in e ? incidentEntry(base, e.incident) : maintenanceEntry(base, e.maintenance)));
}

/** "GitHub Status - Incident History"; a page already named "… Status" is not doubled. */
export function feedTitle(model: PublicModel): string {
  const name = model.page.name.trim();
  return `${/\bstatus$/i.test(name) ? name : `${name} Status`} - Incident History`;
}

/**
 * The feed's own date: its newest change, so the bytes (and ETag) only move
 * when the data does — not the clock of the rebuild.
 */
export function feedUpdated(model: PublicModel, entries: FeedEntry[]): string {
  const stamps = [model.page.updated_at, ...entries.map((e) => e.updated)].map((t) => Date.parse(t)).filter((ms) => !Number.isNaN(ms));
  return stamps.length > 0 ? new Date(Math.max(...stamps)).toISOString() : model.generated_at;
}
