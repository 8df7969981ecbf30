// What /history.atom and /history.rss carry, in the shape of Statuspage's own
// feeds (real captures in fixtures/real/, compared in feeds.test.ts): one entry
// per incident and per maintenance, whose HTML content is one paragraph per
// update, newest first, timed in the page's zone with its abbreviation:
//   <p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>19:09</var> BST</small><br><strong>Resolved</strong> - body</p>
// As on Statuspage, an update that keeps the previous update's status is
// labelled "Update", and a maintenance not yet started opens with
// "THIS IS A SCHEDULED EVENT …" (the notice goes once it starts).
import { isMaintenanceActive } from '../../../domain/maintenance.js';
import { toEpochMs } from '../../../domain/time.js';
import { zonedTime } from '../../../domain/zoned-time.js';
import type { PublicIncident, PublicMaintenance, PublicModel, PublicUpdate } from '../../../services/public/model.js';
import { renderMarkdownInline } from '../markdown.js';
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS, MONTHS } from '../pages/format.js';

export const FEED_LIMIT = 25;

export interface FeedEntry {
  id: string;
  title: string;
  link: string;
  /** Statuspage's entry date (see `publishedAt`): the feed's order and the RSS pubDate. */
  published: string;
  /** The last change to it, a published postmortem included. */
  updated: string;
  /** HTML (unescaped; the writer escapes it for XML). */
  content: string;
  /** Maintenances only: when the window ends (RSS maintenanceEndDate). */
  maintenanceEnd?: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

interface Clock {
  /** "Jun <var data-var='date'> 6</var>": Statuspage pads the day with a space in update stamps… */
  date: string;
  /** …and not in the scheduled-event notice: "Jan <var data-var='date'>9</var>". */
  bareDate: string;
  time: string;
  zone: string;
  day: string;
}

function clock(iso: string, timeZone: string): Clock {
  const t = zonedTime(toEpochMs(iso), timeZone);
  const month = MONTHS[t.month - 1];
  return {
    date: `${month} <var data-var='date'>${String(t.day).padStart(2, ' ')}</var>`,
    bareDate: `${month} <var data-var='date'>${t.day}</var>`,
    time: `<var data-var='time'>${pad2(t.hour)}:${pad2(t.minute)}</var>`,
    zone: t.zone,
    day: `${t.year}-${t.month}-${t.day}`,
  };
}

export function feedStamp(iso: string, timeZone: string): string {
  const c = clock(iso, timeZone);
  return `${c.date}, ${c.time} ${c.zone}`;
}

/**
 * Statuspage's notice, in the page's zone: "THIS IS A SCHEDULED EVENT Jan 9, 14:00 - 18:00 UTC"
 * within a local day, "Jan 8, 21:00 UTC &nbsp;-&nbsp; Jan 9, 01:00 UTC" across days.
 */
function scheduledEvent(m: PublicMaintenance, timeZone: string): string {
  const from = clock(m.scheduled_for, timeZone);
  const until = clock(m.scheduled_until, timeZone);
  const start = `${from.bareDate}, ${from.time}`;
  const window =
    from.day !== until.day
      ? `${start} ${from.zone} &nbsp;-&nbsp; ${until.bareDate}, ${until.time} ${until.zone}`
      : from.zone !== until.zone // a clock change inside the window: both sides named
        ? `${start} ${from.zone} - ${until.time} ${until.zone}`
        : `${start} - ${until.time} ${until.zone}`;
  return `<p><strong>THIS IS A SCHEDULED EVENT ${window}</strong></p>`;
}

export function updateParagraphs<S extends string>(updates: PublicUpdate<S>[], labels: Record<S, string>, timeZone: string): string {
  return updates
    .map((u, i) => {
      const older = updates[i + 1];
      const label = older && older.status === u.status ? 'Update' : labels[u.status];
      return `<p><small>${feedStamp(u.display_at, timeZone)}</small><br><strong>${label}</strong> - ${renderMarkdownInline(u.body)}</p>`;
    })
    .join('');
}

/**
 * Vigil's own public address without a trailing slash: feeds need absolute
 * links, and they must point here — never at the Statuspage URL an import
 * left in the page settings.
 */
export function baseUrl(model: PublicModel): string {
  const url = model.publicUrl ?? model.page.url;
  return URL.canParse(url) && /^https?:/i.test(url) ? url.replace(/\/+$/, '') : 'http://localhost';
}

const latest = (e: { updates: { display_at: string }[]; updated_at: string }) => e.updates[0]?.display_at ?? e.updated_at;

/**
 * The entry date as Statuspage's feeds carry it (every capture in fixtures/real/
 * agrees): when it was resolved (completed), so a later postmortem moves only
 * `updated`; while still open, its latest update, so each new update brings it
 * back up; a maintenance not yet started, the start of its window.
 */
export function publishedAt(e: { incident: PublicIncident } | { maintenance: PublicMaintenance }): string {
  if ('incident' in e) {
    const i = e.incident;
    return i.status === 'resolved' || i.status === 'postmortem' ? (i.resolved_at ?? latest(i)) : latest(i);
  }
  const m = e.maintenance;
  if (m.status === 'scheduled') return m.scheduled_for;
  if (m.status === 'completed') return m.completed_at ?? latest(m);
  return latest(m);
}

const newest = (...isos: (string | null | undefined)[]) =>
  isos.filter((t): t is string => !!t).reduce((a, b) => (toEpochMs(b) > toEpochMs(a) ? b : a));

function incidentEntry(base: string, i: PublicIncident, published: string, timeZone: string): FeedEntry {
  return {
    id: i.id,
    title: i.name,
    link: `${base}/incidents/${encodeURIComponent(i.id)}`,
    published,
    updated: newest(i.updated_at, i.postmortem?.published_at),
    content: updateParagraphs(i.updates, INCIDENT_STATUS_LABELS, timeZone),
  };
}

function maintenanceEntry(base: string, m: PublicMaintenance, published: string, timeZone: string): FeedEntry {
  return {
    id: m.id,
    title: m.name,
    // As Statuspage links it (its maintenances are incidents): /incidents/<id> serves the maintenance's page.
    link: `${base}/incidents/${encodeURIComponent(m.id)}`,
    published,
    updated: m.updated_at,
    content: (m.status === 'scheduled' ? scheduledEvent(m, timeZone) : '') + updateParagraphs(m.updates, MAINTENANCE_STATUS_LABELS, timeZone),
    maintenanceEnd: m.scheduled_until,
  };
}

/**
 * Where an entry sorts: its date, except that a maintenance under way sorts by
 * the start of its window, as Statuspage's does (digitalocean-history-2020-01-13.atom
 * lists one dated 00:00:49, started 00:00, below an incident resolved at 00:00:25).
 */
function orderAt(e: { incident: PublicIncident } | { maintenance: PublicMaintenance }, published: string): number {
  const m = 'maintenance' in e ? e.maintenance : null;
  return toEpochMs(m && isMaintenanceActive(m.status) ? m.scheduled_for : published);
}

/** The `limit` incidents and maintenances that sort newest, newest first (Statuspage's order). */
export function feedEntries(model: PublicModel, limit = FEED_LIMIT): FeedEntry[] {
  const base = baseUrl(model);
  const timeZone = model.page.time_zone;
  // Chosen before any content is rendered: a page with years of history renders only the entries it shows.
  const events = [
    ...model.incidents.map((incident) => ({ incident })),
    ...model.maintenances.map((maintenance) => ({ maintenance })),
  ].map((e) => {
    const published = publishedAt(e);
    return { e, published, ms: orderAt(e, published) };
  });
  return events
    .sort((a, b) => b.ms - a.ms)
    .slice(0, limit)
    .map(({ e, published }) =>
      'incident' in e ? incidentEntry(base, e.incident, published, timeZone) : maintenanceEntry(base, e.maintenance, published, timeZone),
    );
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
