// `/`: the overall status, what is wrong now, what is planned, every
// component with its uptime, and the last few resolved incidents.
import { isMaintenanceActive } from '../../../domain/maintenance.js';
import { isIncidentOpen } from '../../../domain/statuses.js';
import { toEpochMs } from '../../../domain/time.js';
import type { PublicIncident, PublicMaintenance, PublicModel } from '../../../services/public/model.js';
import { componentsList, uptimeCalendar } from './components.js';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS, MAINTENANCE_STATUS_LABELS, formatDate, incidentDuration, joinNames, timeTag } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';
import { SUBSCRIBE_CSS, subscribeBox } from './subscribe-form.js';
import { affectedNames } from './summary.js';
import { postedLine, updateBody } from './updates.js';
import { uptimeCalendarCss } from './uptime.js';

export const RECENT_RESOLVED = 5;

function impactLabel(impact: PublicIncident['impact']): SafeHtml {
  return html`<p class="impact-label">${impact === 'none' ? 'No impact' : `${IMPACT_LABELS[impact]} impact`}</p>`;
}

function activeIncident(model: PublicModel, incident: PublicIncident): SafeHtml {
  const latest = incident.updates[0];
  const names = affectedNames(model, incident.component_ids);
  const tz = model.page.time_zone;
  return html`<article class="card impact-${incident.impact}">
<h3><a href="/incidents/${incident.id}">${incident.name}</a></h3>
${impactLabel(incident.impact)}
${latest
    ? html`<div class="latest"><p><strong>${INCIDENT_STATUS_LABELS[latest.status]}</strong></p>${updateBody(latest.body)}${postedLine(latest.display_at, tz)}</div>`
    : html`<p class="meta">Started ${timeTag(incident.started_at, tz)}</p>`}
${names.length > 0 ? html`<p class="meta">Affecting ${joinNames(names)}</p>` : ''}
</article>`;
}

/** "Mar 30, 2021 - 22:00 UTC to Mar 31, 2021 - 02:00 UTC", in the page's zone. */
export function maintenanceWindow(m: PublicMaintenance, timeZone: string): SafeHtml {
  return html`${timeTag(m.scheduled_for, timeZone)} to ${timeTag(m.scheduled_until, timeZone)}`;
}

function maintenanceCard(model: PublicModel, m: PublicMaintenance): SafeHtml {
  const latest = m.updates[0];
  const names = affectedNames(model, m.component_ids);
  return html`<article class="card maintenance">
<h3><a href="/maintenances/${m.id}">${m.name}</a></h3>
<p class="impact-label">${MAINTENANCE_STATUS_LABELS[m.status]}</p>
<p class="meta">Scheduled for ${maintenanceWindow(m, model.page.time_zone)}</p>
${latest ? html`<div class="latest">${updateBody(latest.body)}${postedLine(latest.display_at, model.page.time_zone)}</div>` : ''}
${names.length > 0 ? html`<p class="meta">Affects ${joinNames(names)}</p>` : ''}
</article>`;
}

/** In progress (or being verified) first, then the scheduled ones, soonest first. */
export function currentMaintenances(model: PublicModel): PublicMaintenance[] {
  const active = model.maintenances.filter((m) => isMaintenanceActive(m.status));
  const upcoming = model.maintenances
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => toEpochMs(a.scheduled_for) - toEpochMs(b.scheduled_for));
  return [...active, ...upcoming];
}

export function renderHome(model: PublicModel): string {
  const active = model.incidents.filter((i) => isIncidentOpen(i.status));
  const maintenances = currentMaintenances(model);
  const resolved = model.incidents.filter((i) => !isIncidentOpen(i.status)).slice(0, RECENT_RESOLVED);
  const calendar = uptimeCalendar(model);
  const main = html`<h1 class="visually-hidden">${model.page.name} status</h1>
<p class="banner ind-${model.status.indicator}">${model.status.description}</p>
${active.length > 0
    ? html`<section aria-labelledby="active-incidents"><h2 id="active-incidents">Active incidents</h2>${active.map((i) => activeIncident(model, i))}</section>`
    : ''}
${maintenances.length > 0
    ? html`<section aria-labelledby="maintenance"><h2 id="maintenance">Scheduled maintenance</h2>${maintenances.map((m) => maintenanceCard(model, m))}</section>`
    : ''}
<section aria-labelledby="components"><h2 id="components">Components</h2>${componentsList(model, calendar)}</section>
<section aria-labelledby="recent">
<h2 id="recent">Recent incidents</h2>
${resolved.length > 0
    ? html`<ul class="plain">${resolved.map(
        (i) => html`<li class="history-item"><a href="/incidents/${i.id}">${i.name}</a>
<p class="meta">${IMPACT_LABELS[i.impact]} · ${timeTag(i.started_at, model.page.time_zone, formatDate(i.started_at, model.page.time_zone))} · lasted ${incidentDuration(i, model.generated_at)}</p></li>`,
      )}</ul>`
    : html`<p class="muted">No resolved incidents yet.</p>`}
<p><a href="/history">View the full incident history</a></p>
</section>
${subscribeBox()}`;
  return layout(model, { main, css: uptimeCalendarCss(calendar) + SUBSCRIBE_CSS });
}
