// `/history`: every incident, newest first by when its impact began, grouped
// by month in the page's time zone and paginated by count (?page=N). A month that spans two pages
// is headed on both, so each page reads on its own.
import { isIncidentOpen } from '../../../domain/statuses.js';
import { toEpochMs } from '../../../domain/time.js';
import type { PublicIncident, PublicModel } from '../../../services/public/model.js';
import { IMPACT_LABELS, formatMonth, incidentDuration, monthKey, timeTag } from './format.js';
import { html } from './html.js';
import { layout } from './layout.js';

export const HISTORY_PAGE_SIZE = 20;

export interface MonthGroup {
  key: string;
  label: string;
  incidents: PublicIncident[];
}

/** Newest impact first; equal starts by newest created. */
export function historyOrder(incidents: PublicIncident[]): PublicIncident[] {
  return [...incidents].sort(
    (a, b) => toEpochMs(b.started_at) - toEpochMs(a.started_at) || toEpochMs(b.created_at) - toEpochMs(a.created_at),
  );
}

export function groupByMonth(incidents: PublicIncident[], timeZone: string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const incident of incidents) {
    const key = monthKey(incident.started_at, timeZone);
    const last = groups.at(-1);
    if (last && last.key === key) last.incidents.push(incident);
    else groups.push({ key, label: formatMonth(incident.started_at, timeZone), incidents: [incident] });
  }
  return groups;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
}

/** The page's HTML, or null when `page` is past the end (the route answers 404). */
export function renderHistory(model: PublicModel, page: number): string | null {
  const ordered = historyOrder(model.incidents);
  const pages = pageCount(ordered.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  const slice = ordered.slice((page - 1) * HISTORY_PAGE_SIZE, page * HISTORY_PAGE_SIZE);
  const months = groupByMonth(slice, model.page.time_zone);
  const main = html`<h1>Incident history</h1>
${months.length === 0 ? html`<p class="muted">No incidents reported.</p>` : ''}
${months.map(
    (m) => html`<section class="month" aria-labelledby="m-${m.key}"><h2 id="m-${m.key}">${m.label}</h2>
<ul class="plain">${m.incidents.map(
      (i) => html`<li class="history-item"><a href="/incidents/${i.id}">${i.name}</a>
<p class="meta">${IMPACT_LABELS[i.impact]} · ${timeTag(i.started_at, model.page.time_zone)} · ${isIncidentOpen(i.status) ? `ongoing for ${incidentDuration(i, model.generated_at)}` : `lasted ${incidentDuration(i, model.generated_at)}`}</p></li>`,
    )}</ul></section>`,
  )}
${pages > 1
    ? html`<nav class="pagination" aria-label="Pagination">
<span>${page > 1 ? html`<a href="${page === 2 ? '/history' : `/history?page=${page - 1}`}" rel="prev">Newer incidents</a>` : ''}</span>
<span>Page ${page} of ${pages}</span>
<span>${page < pages ? html`<a href="/history?page=${page + 1}" rel="next">Older incidents</a>` : ''}</span>
</nav>`
    : ''}`;
  return layout(model, { title: page > 1 ? `Incident history, page ${page}` : 'Incident history', main });
}
