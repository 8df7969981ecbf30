// Monitor types and states shared by the engine, the API and the status page.

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'heartbeat', 'statuspage'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** `pending` until the first confirmed verdict; `paused` monitors keep their last state in the database. */
export const MONITOR_STATES = ['pending', 'up', 'down'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

export const MONITOR_EVENT_KINDS = ['down', 'up', 'flapping', 'stable', 'warning', 'suppressed', 'paused', 'resumed'] as const;
export type MonitorEventKind = (typeof MONITOR_EVENT_KINDS)[number];

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export const MIN_INTERVAL_SECONDS = 10;
export const DEFAULT_INTERVAL_SECONDS = 60;
export const DEFAULT_TLS_WARN_DAYS = [30, 14, 7, 1] as const;
