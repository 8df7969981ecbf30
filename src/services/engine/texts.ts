// The words monitors post, from the templates in domain/monitor-incident-text.ts
// and each monitor's own title/body templates.
import {
  DEFAULT_DOWN_BODY,
  DEFAULT_DOWN_TITLE,
  DEFAULT_RECOVERED_BODY,
  DEFAULT_RESOLVED_BODY,
  incidentTextVars,
  renderTemplate,
  stormBody as domainStormBody,
  stormTitle as domainStormTitle,
} from '../../domain/monitor-incident-text.js';
import type { SharedCause } from '../../domain/monitor-storms.js';
import { withoutUserinfo } from '../../domain/secrets.js';
import { toEpochMs } from '../../domain/time.js';
import { publicReason } from '../../domain/monitor-public-reason.js';
import type { MonitorRow } from '../../store/schema.js';

/** Where the monitor looks: its URL, host:port or host, read from its stored options. */
export function monitorTarget(monitor: Pick<MonitorRow, 'type' | 'options_json'>): string | null {
  const o = JSON.parse(monitor.options_json) as { url?: string; host?: string; port?: number };
  // Incident text can be public: never the URL's credentials.
  if (o.url) return withoutUserinfo(o.url);
  if (o.host) return o.port ? `${o.host}:${o.port}` : o.host;
  return null;
}

function vars(monitor: MonitorRow, now?: number) {
  const since = monitor.state_changed_at ? toEpochMs(monitor.state_changed_at) : Number.NaN;
  return incidentTextVars({
    monitor: { name: monitor.name, target: monitorTarget(monitor) },
    reason: monitor.state_reason,
    since,
    now: now ?? since,
  });
}

export function downTitle(monitor: MonitorRow): string {
  return renderTemplate(monitor.incident_title ?? DEFAULT_DOWN_TITLE, vars(monitor)).slice(0, 255);
}

export function downBody(monitor: MonitorRow): string {
  return renderTemplate(monitor.incident_body ?? DEFAULT_DOWN_BODY, vars(monitor));
}

export function downAgainBody(monitor: MonitorRow, reason: string | null): string {
  return renderTemplate(DEFAULT_DOWN_BODY, { ...vars(monitor), reason: reason ? publicReason(reason) : 'no details available' }).replace('detected that', 'detected again that');
}

/** Recovered after being down since state_changed_at (the row still holds the DOWN time). */
export function recoveredBody(monitor: MonitorRow, stillDown: number, now: number): string {
  const text = renderTemplate(DEFAULT_RECOVERED_BODY, vars(monitor, now));
  return stillDown === 0 ? text : `${text.replace(/; we are monitoring\.$/, '.')} ${stillDown === 1 ? '1 monitor is' : `${stillDown} monitors are`} still down.`;
}

export function resolvedBody(members: readonly MonitorRow[]): string {
  if (members.length === 1) return renderTemplate(DEFAULT_RESOLVED_BODY, vars(members[0]!));
  return `All ${members.length} monitors are working normally again. This incident has been resolved.`;
}

export function stormTitle(members: readonly MonitorRow[], cause: SharedCause | null): string {
  return domainStormTitle(members.length, cause).slice(0, 255);
}

/** Members are listed in the order they went down (then by name), whatever order detection found them in. */
export function stormBody(members: readonly MonitorRow[], cause: SharedCause | null): string {
  const ordered = [...members].sort((a, b) => (a.state_changed_at ?? '').localeCompare(b.state_changed_at ?? '') || a.name.localeCompare(b.name));
  return domainStormBody(ordered.map((m) => m.name), cause);
}

export function joinedStormBody(monitor: MonitorRow): string {
  return `${monitor.name} is down too: ${monitor.state_reason ? publicReason(monitor.state_reason) : 'no details available'}.`;
}

export function mergedBody(stormName: string): string {
  return `This is part of a wider outage and continues in the incident "${stormName}".`;
}
