// A monitor in the admin API is its common fields plus its type's options,
// flat in one object. One strict object per type, joined on `type`, so an
// option of another type is reported as an unknown field.
import { z } from 'zod';
import type { FieldIssue } from '../../domain/errors.js';
import { MIN_INTERVAL_SECONDS, MONITOR_EVENT_KINDS, MONITOR_STATES, MONITOR_TYPES } from '../../domain/monitor-types.js';
import { INCIDENT_IMPACTS } from '../../domain/statuses.js';
import { entityRef, isoTime, name, paging, stableKey, timestamp } from '../validation.js';
import { dnsOptions, heartbeatOptions, httpOptions, statuspageOptions, tcpOptions, tlsOptions } from './check-options.js';

export const MAX_INTERVAL_SECONDS = 86_400;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_RETRY_INTERVAL_SECONDS = 20;
export const COMPONENT_STATUSES_ON_DOWN = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

const seconds = (min: number, max: number) =>
  z.number().int('must be a whole number of seconds').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const confirmations = z.number().int('must be a whole number').min(1, 'must be 1–20').max(20, 'must be 1–20');

/** The fields every monitor has, as stored; creation and vigil.yaml add their defaults. */
export const monitorFields = {
  name,
  key: stableKey.nullable(),
  interval_seconds: seconds(MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS).describe('how often the check runs (for heartbeats: the expected ping period)'),
  timeout_seconds: seconds(1, MAX_INTERVAL_SECONDS).describe('must be less than interval_seconds'),
  retry_interval_seconds: seconds(MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS).describe('how often the check runs while a failure is being confirmed'),
  down_after: confirmations.describe('consecutive failures before the monitor is down'),
  up_after: confirmations.describe('consecutive successes before a down monitor is up again'),
  component_id: entityRef.nullable().describe('the component whose status follows this monitor, by id or vigil.yaml key'),
  component_status_on_down: z.enum(COMPONENT_STATUSES_ON_DOWN),
  auto_incident: z.boolean().describe('open an incident when the monitor goes down, and resolve it after recovery'),
  incident_impact: z.enum(INCIDENT_IMPACTS),
  incident_title: z.string().max(255, 'must be at most 255 characters').nullable().describe('template for the automatic incident\'s name; null for the default'),
  incident_body: z.string().max(10_000, 'must be at most 10000 characters').nullable().describe('template for its first update; null for the default'),
  resolve_after_seconds: seconds(0, MAX_INTERVAL_SECONDS).describe('how long the monitor must stay up before its incident is resolved'),
  paused: z.boolean(),
};
export type MonitorCommonField = keyof typeof monitorFields;
export const COMMON_FIELDS = Object.keys(monitorFields) as MonitorCommonField[];

const f = monitorFields;
/** Creation defaults. timeout and retry interval default from interval_seconds (see withTimingDefaults). */
export const createFields = {
  name: f.name,
  key: f.key.optional(),
  interval_seconds: f.interval_seconds.default(60),
  timeout_seconds: f.timeout_seconds.optional().describe('must be less than interval_seconds; default 10 (interval_seconds − 1 when that is less)'),
  retry_interval_seconds: f.retry_interval_seconds.optional().describe('default: interval_seconds or 20, whichever is less'),
  down_after: f.down_after.default(3),
  up_after: f.up_after.default(2),
  component_id: f.component_id.optional(),
  component_status_on_down: f.component_status_on_down.default('major_outage'),
  auto_incident: f.auto_incident.default(false),
  incident_impact: f.incident_impact.default('major'),
  incident_title: f.incident_title.optional(),
  incident_body: f.incident_body.optional(),
  resolve_after_seconds: f.resolve_after_seconds.default(300),
  paused: f.paused.default(false),
};

/** The common fields of a new monitor, as parsed (before withTimingDefaults). */
export const createCommon = z.object(createFields);
export type CreateCommon = z.output<typeof createCommon>;

/** One strict object per type: `type`, the given fields, then the type's own options. */
export function perType<F extends z.ZodRawShape>(fields: F) {
  return [
    z.strictObject({ type: z.literal('http'), ...fields, ...httpOptions.shape }),
    z.strictObject({ type: z.literal('tcp'), ...fields, ...tcpOptions.shape }),
    z.strictObject({ type: z.literal('dns'), ...fields, ...dnsOptions.shape }),
    z.strictObject({ type: z.literal('tls'), ...fields, ...tlsOptions.shape }),
    z.strictObject({ type: z.literal('heartbeat'), ...fields, ...heartbeatOptions.shape }),
    z.strictObject({ type: z.literal('statuspage'), ...fields, ...statuspageOptions.shape }),
  ] as const;
}

export const TYPE_MESSAGE = `must be one of ${MONITOR_TYPES.join(', ')}`;

/** The message for a missing or unknown `type`, which names the allowed ones. */
export function typeError(issue: { code?: string; input?: unknown }): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const given = (issue.input as { type?: unknown } | null)?.type;
  return given === undefined ? `is required; ${TYPE_MESSAGE}` : TYPE_MESSAGE;
}

export function defaultTimeout(interval: number): number {
  return Math.min(DEFAULT_TIMEOUT_SECONDS, interval - 1);
}

export function defaultRetryInterval(interval: number): number {
  return Math.min(interval, DEFAULT_RETRY_INTERVAL_SECONDS);
}

/** Fills the defaults that depend on interval_seconds. */
export function withTimingDefaults<T extends { interval_seconds: number; timeout_seconds?: number; retry_interval_seconds?: number }>(
  v: T,
): T & { timeout_seconds: number; retry_interval_seconds: number } {
  return {
    ...v,
    timeout_seconds: v.timeout_seconds ?? defaultTimeout(v.interval_seconds),
    retry_interval_seconds: v.retry_interval_seconds ?? defaultRetryInterval(v.interval_seconds),
  };
}

/** Rules across fields, checked on the values a monitor will have (after defaults, or after a PATCH merge). */
export function timingIssues(v: { interval_seconds: number; timeout_seconds: number }): FieldIssue[] {
  if (v.timeout_seconds < v.interval_seconds) return [];
  return [{ path: 'timeout_seconds', message: `must be less than interval_seconds (${v.interval_seconds})` }];
}

/** For a union's superRefine: the timing rules, once the numbers themselves are valid. */
export function refineTiming(v: { interval_seconds?: unknown; timeout_seconds?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof v.interval_seconds !== 'number') return;
  if (v.timeout_seconds !== undefined && typeof v.timeout_seconds !== 'number') return;
  const timeout = v.timeout_seconds ?? defaultTimeout(v.interval_seconds);
  for (const issue of timingIssues({ interval_seconds: v.interval_seconds, timeout_seconds: timeout })) {
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  }
}

export const createMonitorInput = z
  .discriminatedUnion('type', perType(createFields), { error: typeError })
  .superRefine(refineTiming)
  .meta({ id: 'MonitorCreate' });
export type CreateMonitorInput = z.output<typeof createMonitorInput>;

// Documentation only: a PATCH is validated against the stored monitor's type
// (its options merged onto the stored ones), which a static schema cannot express.
const patchFields = z.strictObject(monitorFields).partial().shape;
export const updateMonitorInput = z
  .union(
    perType(patchFields).map((variant) =>
      variant.partial().extend({ type: variant.shape.type.optional().describe('cannot change; when given it must be the monitor\'s type') }),
    ),
  )
  .describe('Any common field and any option of the monitor\'s type; options are merged onto the stored ones')
  .meta({ id: 'MonitorPatch' });

export const monitorLastResult = z
  .object({ checked_at: isoTime, ok: z.boolean(), latency_ms: z.number().nullable(), reason: z.string().nullable() })
  .meta({ id: 'MonitorLastResult' });

const outputFields = {
  id: z.string(),
  key: z.string().nullable(),
  name: z.string(),
  interval_seconds: z.number().int(),
  timeout_seconds: z.number().int(),
  retry_interval_seconds: z.number().int(),
  down_after: z.number().int(),
  up_after: z.number().int(),
  component_id: z.string().nullable(),
  component_status_on_down: f.component_status_on_down,
  auto_incident: z.boolean(),
  incident_impact: f.incident_impact,
  incident_title: z.string().nullable(),
  incident_body: z.string().nullable(),
  resolve_after_seconds: z.number().int(),
  paused: z.boolean(),
  state: z.enum(MONITOR_STATES),
  state_changed_at: isoTime.nullable(),
  state_reason: z.string().nullable(),
  flapping: z.boolean(),
  ping_url: z.string().nullable().describe('heartbeat monitors: GET or POST here (append /fail or /<exit code> to report a failure)'),
  last_result: monitorLastResult.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
};
const [httpMonitor, tcpMonitor, dnsMonitor, tlsMonitor, heartbeatMonitor, statuspageMonitor] = perType(outputFields);
export const monitor = z
  .discriminatedUnion('type', [
    httpMonitor.meta({ id: 'HttpMonitor' }),
    tcpMonitor.meta({ id: 'TcpMonitor' }),
    dnsMonitor.meta({ id: 'DnsMonitor' }),
    tlsMonitor.meta({ id: 'TlsMonitor' }),
    heartbeatMonitor.meta({ id: 'HeartbeatMonitor' }),
    statuspageMonitor.meta({ id: 'StatuspageMonitor' }),
  ])
  .meta({ id: 'Monitor' });
export type Monitor = z.output<typeof monitor>;

export const listMonitorsQuery = paging.extend({
  type: z.enum(MONITOR_TYPES).optional(),
  state: z.enum(MONITOR_STATES).optional(),
  component_id: entityRef.optional().describe('monitors of this component, by id or vigil.yaml key'),
  paused: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type MonitorListQuery = z.output<typeof listMonitorsQuery>;

const detail = z.record(z.string(), z.unknown()).nullable();

export const monitorResult = z
  .object({ checked_at: isoTime, ok: z.boolean(), latency_ms: z.number().nullable(), reason: z.string().nullable(), detail })
  .meta({ id: 'MonitorResult' });
export type MonitorResult = z.output<typeof monitorResult>;

export const resultsQuery = z.strictObject({
  since: timestamp.optional().describe('only results checked at or after this time'),
  until: timestamp.optional().describe('only results checked before this time'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ResultsQuery = z.output<typeof resultsQuery>;

export const ROLLUP_RESOLUTIONS = ['minute', 'hour', 'day'] as const;
export type RollupResolution = (typeof ROLLUP_RESOLUTIONS)[number];

export const monitorRollup = z
  .object({
    bucket_start: isoTime,
    checks: z.number().int(),
    failures: z.number().int(),
    uptime_percent: z.number().nullable().describe('share of successful checks, 0–100; null without checks'),
    latency_min_ms: z.number().nullable(),
    latency_max_ms: z.number().nullable(),
    latency_avg_ms: z.number().nullable(),
    latency_p50_ms: z.number().nullable().describe('percentiles are at most one histogram bucket (8%) above the true value'),
    latency_p95_ms: z.number().nullable(),
    latency_p99_ms: z.number().nullable(),
  })
  .meta({ id: 'MonitorRollup' });
export type MonitorRollup = z.output<typeof monitorRollup>;

export const rollupsQuery = z.strictObject({
  resolution: z.enum(ROLLUP_RESOLUTIONS).default('hour'),
  since: timestamp.optional().describe('default: a day of minutes, 30 days of hours or a year of days before `until`'),
  until: timestamp.optional().describe('default: now'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type RollupsQuery = z.output<typeof rollupsQuery>;

export const monitorEvent = z
  .object({ id: z.number().int(), at: isoTime, kind: z.enum(MONITOR_EVENT_KINDS), reason: z.string().nullable(), incident_id: z.string().nullable() })
  .meta({ id: 'MonitorEvent' });
export type MonitorEvent = z.output<typeof monitorEvent>;

export const eventsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** What running a check on demand returns. */
export const runNowResult = z
  .object({
    checked_at: isoTime,
    ok: z.boolean(),
    latency_ms: z.number().nullable(),
    reason: z.string().nullable(),
    warning: z.string().nullable(),
    detail,
    state: z.enum(MONITOR_STATES).describe('the monitor\'s state after this result'),
  })
  .meta({ id: 'MonitorRunResult' });
export type RunNowResult = z.output<typeof runNowResult>;

/** Runs a monitor's check now; supplied by a process whose scheduler role runs the engine. */
export interface MonitorRunner {
  runNow(id: string): Promise<RunNowResult>;
}
