// The words of incidents opened and updated by monitors. Templates are plain
// text with {{placeholders}}: substitution only, one pass, so neither a template
// nor a value (a monitor name, a failure reason) can run code or inject more
// placeholders.

import { formatDuration } from './duration.js';
import { publicReason } from './monitor-public-reason.js';
import { describeSharedCause, type SharedCause } from './monitor-storms.js';

/** Placeholder name → value; `undefined` leaves the placeholder as written. */
export type TemplateVars = Readonly<Record<string, string | undefined>>;

/** The placeholders Vigil fills for monitor incidents. */
export const TEMPLATE_PLACEHOLDERS = ['monitor.name', 'monitor.target', 'reason', 'since', 'duration'] as const;

export const DEFAULT_DOWN_TITLE = '{{monitor.name}} is down';
export const DEFAULT_DOWN_BODY = 'Our monitoring detected that {{monitor.name}} is not responding: {{reason}}. We are investigating.';
export const DEFAULT_RECOVERED_BODY = '{{monitor.name}} has recovered after {{duration}}; we are monitoring.';
export const DEFAULT_RESOLVED_BODY = '{{monitor.name}} is working normally again. This incident has been resolved.';

/** Most monitors a storm's body lists by name before "and N more". */
export const STORM_LIST_CAP = 50;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

/** Replaces each {{name}} that `vars` defines; anything else is left exactly as written. */
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
    return value ?? whole;
  });
}

export interface IncidentTextInput {
  monitor: { name: string; target: string | null };
  /** Why the monitor failed (the check's own reason); null or blank when unknown. {{reason}} is its public-safe form. */
  reason: string | null;
  /** Epoch ms the monitor went DOWN. */
  since: number;
  /** Epoch ms the text is for (the recovery, for a recovered message): {{duration}} is since → now. */
  now: number;
}

/** Values for TEMPLATE_PLACEHOLDERS. */
export function incidentTextVars(input: IncidentTextInput): TemplateVars {
  return {
    'monitor.name': oneLine(input.monitor.name),
    'monitor.target': oneLine(input.monitor.target ?? ''),
    // Public text: the kind of failure in fixed words, never what the peer sent (monitor-public-reason.ts).
    reason: oneLine(input.reason ?? '') === '' ? 'no details available' : publicReason(input.reason),
    since: formatUtc(input.since),
    duration: formatDuration(input.now - input.since),
  };
}

/** "12 monitors are down on host api.internal". */
export function stormTitle(count: number, cause: SharedCause | null): string {
  const head = count === 1 ? '1 monitor is down' : `${count} monitors are down`;
  if (!cause) return head;
  switch (cause.kind) {
    case 'host':
      return `${head} on host ${cause.value}`;
    case 'network':
      return `${head} in network ${cause.value}`;
    case 'upstream':
      return `${head}: upstream outage at ${cause.value}`;
  }
}

/** The first update of a storm incident: what happened, the likely cause, and the monitors affected. */
export function stormBody(names: readonly string[], cause: SharedCause | null): string {
  const count = names.length === 1 ? '1 monitor' : `${names.length} monitors`;
  const why = cause ? ` (likely shared cause: ${describeSharedCause(cause)})` : '';
  const listed = names.slice(0, STORM_LIST_CAP).map((n) => `- ${oneLine(n)}`);
  if (names.length > STORM_LIST_CAP) listed.push(`- and ${names.length - STORM_LIST_CAP} more`);
  return [
    `Our monitoring detected that ${count} went down at about the same time${why}. We are investigating.`,
    '',
    'Affected monitors:',
    ...listed,
  ].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "2024-03-10 16:09 UTC", the way status pages print times. */
function formatUtc(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
