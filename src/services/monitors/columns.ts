// Between a monitor's validated fields and its row: the common fields are
// columns, the type's options one JSON column (already parsed, defaults filled).
import { randomBytes } from 'node:crypto';
import { validationError, type FieldIssue } from '../../domain/errors.js';
import type { MonitorType } from '../../domain/monitor-types.js';
import { monitorSecretFields, placeholderPaths, REDACTED, restoreSecrets } from '../../domain/secrets.js';
import type { MonitorRow, NewMonitorRow } from '../../store/schema.js';
import { checkOptions } from './check-options.js';
import { COMMON_FIELDS, withTimingDefaults, type COMPONENT_STATUSES_ON_DOWN, type CreateCommon } from './schemas.js';
import type { IncidentImpact } from '../../domain/statuses.js';

/** The common fields with every default resolved. */
export interface MonitorSettings {
  name: string;
  key: string | null;
  interval_seconds: number;
  timeout_seconds: number;
  retry_interval_seconds: number;
  down_after: number;
  up_after: number;
  component_id: string | null;
  component_status_on_down: (typeof COMPONENT_STATUSES_ON_DOWN)[number];
  auto_incident: boolean;
  incident_impact: IncidentImpact;
  incident_title: string | null;
  incident_body: string | null;
  resolve_after_seconds: number;
  paused: boolean;
}

export type MonitorOptions = Record<string, unknown>;

export type MonitorColumns = Pick<
  MonitorRow,
  | 'type' | 'name' | 'key' | 'options_json' | 'interval_seconds' | 'timeout_seconds' | 'retry_interval_seconds' | 'down_after' | 'up_after'
  | 'component_id' | 'component_status_on_down' | 'auto_incident' | 'incident_impact' | 'incident_title' | 'incident_body'
  | 'resolve_after_seconds' | 'paused'
>;

export function optionKeys(type: MonitorType): string[] {
  return Object.keys(checkOptions[type].shape);
}

const common = new Set<string>(COMMON_FIELDS);

/** Splits a flat monitor object into its common fields and its type's options (everything else but `type`). */
export function splitFields(value: Record<string, unknown>): { common: Record<string, unknown>; options: MonitorOptions } {
  const out = { common: {} as Record<string, unknown>, options: {} as MonitorOptions };
  for (const [k, v] of Object.entries(value)) {
    if (k === 'type') continue;
    if (common.has(k)) out.common[k] = v;
    else out.options[k] = v;
  }
  return out;
}

export function toColumns(type: MonitorType, s: MonitorSettings, options: MonitorOptions): MonitorColumns {
  return {
    type,
    name: s.name,
    key: s.key,
    options_json: JSON.stringify(options),
    interval_seconds: s.interval_seconds,
    timeout_seconds: s.timeout_seconds,
    retry_interval_seconds: s.retry_interval_seconds,
    down_after: s.down_after,
    up_after: s.up_after,
    component_id: s.component_id,
    component_status_on_down: s.component_status_on_down,
    auto_incident: s.auto_incident ? 1 : 0,
    incident_impact: s.incident_impact,
    incident_title: s.incident_title,
    incident_body: s.incident_body,
    resolve_after_seconds: s.resolve_after_seconds,
    paused: s.paused ? 1 : 0,
  };
}

export function settingsOf(row: MonitorRow): MonitorSettings {
  return {
    name: row.name,
    key: row.key,
    interval_seconds: row.interval_seconds,
    timeout_seconds: row.timeout_seconds,
    retry_interval_seconds: row.retry_interval_seconds,
    down_after: row.down_after,
    up_after: row.up_after,
    component_id: row.component_id,
    component_status_on_down: row.component_status_on_down as MonitorSettings['component_status_on_down'],
    auto_incident: row.auto_incident === 1,
    incident_impact: row.incident_impact as IncidentImpact,
    incident_title: row.incident_title,
    incident_body: row.incident_body,
    resolve_after_seconds: row.resolve_after_seconds,
    paused: row.paused === 1,
  };
}

/**
 * The stored options, with the default of any option added since the row was
 * written (so an old http monitor reads `basic_auth: null` and `vigil apply`
 * sees no change there).
 */
export function optionsOf(row: Pick<MonitorRow, 'type' | 'options_json'>): MonitorOptions {
  const stored = JSON.parse(row.options_json) as MonitorOptions;
  const shape = (checkOptions as Record<string, (typeof checkOptions)[MonitorType]>)[row.type]?.shape ?? {};
  const missing = Object.entries(shape).filter(([k]) => !Object.hasOwn(stored, k));
  if (missing.length === 0) return stored;
  const filled: MonitorOptions = {};
  for (const [k, field] of Object.entries(shape)) {
    if (Object.hasOwn(stored, k)) filled[k] = stored[k];
    else {
      const fallback = (field as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
      if (fallback.success && fallback.data !== undefined) filled[k] = fallback.data;
    }
  }
  return { ...filled, ...stored };
}

/**
 * A GET → edit → write round trip sends secrets back as `••••`: those become
 * the stored values. A placeholder with nothing stored behind it is an issue
 * (the caller has to give the real value once).
 */
export function keepStoredSecrets(type: string, options: MonitorOptions, stored: MonitorOptions): { options: MonitorOptions; issues: FieldIssue[] } {
  const fields = monitorSecretFields(type);
  const restored = restoreSecrets(options, stored, fields);
  const issues = placeholderPaths(restored, fields).map((path) => ({ path, message: `is the hidden placeholder "${REDACTED}"; send the real value` }));
  return { options: restored, issues };
}

/** For a new monitor: no placeholders, since no secret is stored yet. */
export function rejectPlaceholders(type: string, options: MonitorOptions): void {
  const { issues } = keepStoredSecrets(type, options, {});
  if (issues.length > 0) throw validationError(issues);
}

/** The secret in a heartbeat's ping URL: 192 random bits, URL-safe. */
export function newHeartbeatToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A new monitor's common fields with every default resolved. */
export function resolveSettings(c: CreateCommon): MonitorSettings {
  const timed = withTimingDefaults(c);
  return {
    ...timed,
    key: c.key ?? null,
    component_id: c.component_id ?? null,
    incident_title: c.incident_title ?? null,
    incident_body: c.incident_body ?? null,
  };
}

/** A new monitor's row: configuration from the caller, runtime state from scratch. */
export function newMonitorRow(id: string, type: MonitorType, settings: MonitorSettings, options: MonitorOptions, now: string): NewMonitorRow {
  return {
    id,
    ...toColumns(type, settings, options),
    // The token is the only credential a ping carries.
    heartbeat_token: type === 'heartbeat' ? newHeartbeatToken() : null,
    state: 'pending',
    state_changed_at: null,
    state_reason: null,
    flapping: 0,
    incident_id: null,
    recovered_at: null,
    last_ping_at: null,
    last_ping_ok: null,
    created_at: now,
    updated_at: now,
  };
}
