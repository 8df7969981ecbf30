// How the public page writes times, durations, statuses and lists. Always UTC,
// always with a machine-readable <time datetime>, so the page reads the same
// from every time zone and caches as one set of bytes.
import { formatDuration, incidentDurationMs } from '../../../domain/duration.js';
import type { ComponentStatus, IncidentImpact, IncidentStatus, MaintenanceStatus } from '../../../domain/statuses.js';
import { toEpochMs } from '../../../domain/time.js';
import { html, type SafeHtml } from './html.js';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');

/** "Mar 30, 2021" (UTC). */
export function formatDate(iso: string): string {
  const d = new Date(toEpochMs(iso));
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${d.getUTCFullYear()}`;
}

/** "Mar 30, 2021 - 07:38 UTC", as Statuspage writes "Posted …". */
export function formatDateTime(iso: string): string {
  const d = new Date(toEpochMs(iso));
  return `${formatDate(iso)} - ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "March 2021" (UTC). */
export function formatMonth(iso: string): string {
  const d = new Date(toEpochMs(iso));
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The UTC month key "2021-03", for grouping. */
export function monthKey(iso: string): string {
  return new Date(toEpochMs(iso)).toISOString().slice(0, 7);
}

/** A <time> whose datetime is the exact UTC instant. */
export function timeTag(iso: string, text: string = formatDateTime(iso)): SafeHtml {
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
