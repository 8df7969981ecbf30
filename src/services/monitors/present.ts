import type { MonitorEventKind, MonitorState, MonitorType } from '../../domain/monitor-types.js';
import { decodeHistogram, percentile } from '../../domain/latency-histogram.js';
import { monitorSecretFields, redactSecrets } from '../../domain/secrets.js';
import type { MonitorEventRow, MonitorResultRow, MonitorRollupRow, MonitorRow } from '../../store/schema.js';
import { optionsOf, settingsOf } from './columns.js';
import type { Monitor, MonitorEvent, MonitorResult, MonitorRollup } from './schemas.js';

const iso = (epochMs: number) => new Date(Number(epochMs)).toISOString();

/** `<base>/ping/<token>`; base is the page's public URL without a trailing slash. */
export function pingUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/ping/${token}`;
}

/**
 * The configuration as the API shows it and the audit log keeps it: what an
 * operator set, without runtime state, without the ping token, and with every
 * secret option (domain/secrets.ts) shown as `••••`.
 */
export function presentMonitorConfig(row: MonitorRow) {
  const { key, name, ...settings } = settingsOf(row);
  return {
    id: row.id,
    key,
    name,
    type: row.type as MonitorType,
    ...settings,
    ...redactSecrets(optionsOf(row), monitorSecretFields(row.type)),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function presentMonitor(row: MonitorRow, view: { pingBase: string; lastResult: MonitorResultRow | undefined }): Monitor {
  const last = view.lastResult;
  return {
    ...presentMonitorConfig(row),
    state: row.state as MonitorState,
    state_changed_at: row.state_changed_at,
    state_reason: row.state_reason,
    flapping: row.flapping === 1,
    ping_url: row.type === 'heartbeat' && row.heartbeat_token ? pingUrl(view.pingBase, row.heartbeat_token) : null,
    last_result: last ? { checked_at: iso(last.checked_at), ok: last.ok === 1, latency_ms: last.latency_ms, reason: last.reason } : null,
  } as Monitor;
}

export function presentResult(row: MonitorResultRow): MonitorResult {
  return {
    checked_at: iso(row.checked_at),
    ok: row.ok === 1,
    latency_ms: row.latency_ms,
    reason: row.reason,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as Record<string, unknown>),
  };
}

export function presentRollup(row: MonitorRollupRow): MonitorRollup {
  const histogram = decodeHistogram(row.histogram);
  return {
    bucket_start: iso(row.bucket_start),
    checks: row.checks,
    failures: row.failures,
    uptime_percent: row.checks > 0 ? (100 * (row.checks - row.failures)) / row.checks : null,
    latency_min_ms: row.latency_min,
    latency_max_ms: row.latency_max,
    latency_avg_ms: row.latency_count > 0 ? Number(row.latency_sum) / row.latency_count : null,
    latency_p50_ms: percentile(histogram, 50),
    latency_p95_ms: percentile(histogram, 95),
    latency_p99_ms: percentile(histogram, 99),
  };
}

export function presentEvent(row: MonitorEventRow): MonitorEvent {
  return { id: row.id, at: row.at, kind: row.kind as MonitorEventKind, reason: row.reason, incident_id: row.incident_id };
}
