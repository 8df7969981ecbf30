// How the public page writes times, durations, statuses and lists. Times read
// in the page's time zone (settings.time_zone) with the zone's abbreviation, as
// Statuspage writes them ("Mar 30, 2021 - 08:38 BST"); every one also carries a
// machine-readable <time datetime> in UTC. The zone is a page setting, so the
// bytes are still the same for every visitor and cache as one document.
import { formatDuration, incidentDurationMs } from '../../../domain/duration.js';
import type { ComponentStatus, IncidentImpact, IncidentStatus, MaintenanceStatus } from '../../../domain/statuses.js';
import { toEpochMs } from '../../../domain/time.js';
import { zonedTime, type ZonedTime } from '../../../domain/zoned-time.js';
import { html, type SafeHtml } from './html.js';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock of an ISO instant in the page's zone. */
export function wallClock(iso: string, timeZone: string): ZonedTime {
  return zonedTime(toEpochMs(iso), timeZone);
}

/** "Mar 30, 2021" in `timeZone` (uptime days pass 'UTC': they are UTC days). */
export function formatDate(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${MONTHS[t.month - 1]} ${pad(t.day)}, ${t.year}`;
}

/** "Mar 30, 2021 - 07:38 UTC", as Statuspage writes "Posted …", in `timeZone` with its abbreviation. */
export function formatDateTime(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${MONTHS[t.month - 1]} ${pad(t.day)}, ${t.year} - ${pad(t.hour)}:${pad(t.minute)} ${t.zone}`;
}

/** "March 2021" in `timeZone`. */
export function formatMonth(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${MONTH_NAMES[t.month - 1]} ${t.year}`;
}

/** The month key "2021-03" in `timeZone`, for grouping (so an incident sits under the month its date says). */
export function monthKey(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${t.year}-${pad(t.month)}`;
}

/** A <time> whose datetime is the exact UTC instant; its text is the page's local time. */
export function timeTag(iso: string, timeZone: string, text: string = formatDateTime(iso, timeZone)): SafeHtml {
  return html`<time datetime="${new Date(toEpochMs(iso)).toISOString()}">${text}</time>`;
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Duration of an incident as of the model's generated_at ("2h 49m"). */
export function incidentDuration(incident: { started_at: string; resolved_at: string | null }, now: string): string {
  return formatDuration(incidentDurationMs(incident.started_at, incident.resolved_at, now));
}

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

export const IMPACT_LABELS: Record<IncidentImpact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};
