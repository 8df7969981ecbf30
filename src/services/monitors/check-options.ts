// Each check type's own options, validated with field-named errors. The API
// accepts them flat beside the common monitor fields; storage keeps them as JSON.
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_TLS_WARN_DAYS, DNS_RECORD_TYPES } from '../../domain/monitor-types.js';
import { parseJsonPath } from '../../domain/json-path.js';
import { COMPONENT_STATUSES } from '../../domain/statuses.js';

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** A DNS name or an IP literal: what a TCP, DNS or TLS check connects to or asks about. */
export const hostName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine((h) => isIP(h) !== 0 || h.replace(/\.$/, '').split('.').every((l) => HOST_LABEL.test(l)), 'must be a host name or an IP address');

export const port = z.number().int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535');

const httpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL');

const regex = z.string().min(1).max(1000).superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` });
  }
});

const jsonPath = z.string().min(1).max(500).superRefine((path, ctx) => {
  try {
    parseJsonPath(path);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid JSON path: ${(err as Error).message}` });
  }
});

/** `200`, or a range written `200-299` or `2xx`. */
const statusPattern = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^([1-5]xx|[1-5]\d\d(-[1-5]\d\d)?)$/, 'must be a status code, a range like 200-299, or a class like 2xx'),
]);

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const httpOptions = z.strictObject({
  url: httpUrl,
  method: z.enum(HTTP_METHODS).default('GET'),
  headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
  /** Sent as `Authorization: Basic …` unless `headers` has an Authorization of its own; the password is write-only. */
  basic_auth: z
    .strictObject({ username: z.string().min(1).max(256).refine((u) => !u.includes(':'), 'must not contain ":"'), password: z.string().max(1024) })
    .nullable()
    .default(null),
  body: z.string().max(65536).nullable().default(null),
  expected_status: z.array(statusPattern).min(1).max(50).default(['200-399']),
  keyword: z.string().min(1).max(1000).nullable().default(null),
  keyword_absent: z.boolean().default(false),
  regex: regex.nullable().default(null),
  regex_absent: z.boolean().default(false),
  json_path: jsonPath.nullable().default(null),
  /** The value at json_path must equal this; when null, the path only has to exist. */
  json_expected: z.union([z.string(), z.number(), z.boolean()]).nullable().default(null),
  max_response_ms: z.number().int().min(1).max(600_000).nullable().default(null),
  follow_redirects: z.boolean().default(true),
  max_redirects: z.number().int().min(0).max(20).default(5),
  verify_tls: z.boolean().default(true),
  /** The body is read up to this many bytes for keyword, regex and JSON assertions. */
  max_body_bytes: z.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
});
export type HttpOptions = z.output<typeof httpOptions>;

export const tcpOptions = z.strictObject({
  host: hostName,
  port,
  send: z.string().max(4096).nullable().default(null),
  /** Text the peer's first bytes must contain (a banner such as "SSH-2.0"). */
  expect: z.string().min(1).max(4096).nullable().default(null),
});
export type TcpOptions = z.output<typeof tcpOptions>;

export const dnsOptions = z.strictObject({
  /** The name to resolve. */
  host: hostName,
  record_type: z.enum(DNS_RECORD_TYPES).default('A'),
  /** Every expected answer must be present; empty means any answer will do. */
  expected: z.array(z.string().min(1).max(1000)).max(50).default([]),
  /** A resolver IP (optionally with :port); null uses the system's resolvers. */
  resolver: z
    .string()
    .nullable()
    .default(null)
    .refine((r) => r === null || resolverAddress(r) !== null, 'must be an IP address, optionally with :port'),
});
export type DnsOptions = z.output<typeof dnsOptions>;

export const tlsOptions = z.strictObject({
  host: hostName,
  port: port.default(443),
  /** Days before expiry at which a warning is raised, once per threshold. */
  warn_days: z
    .array(z.number().int().min(0).max(3650))
    .max(10)
    .default([...DEFAULT_TLS_WARN_DAYS]),
});
export type TlsOptions = z.output<typeof tlsOptions>;

export const heartbeatOptions = z.strictObject({
  /** Extra time after each period before a missing ping counts as a failure. */
  grace_seconds: z.number().int().min(0).max(7 * 24 * 3600).default(60),
});
export type HeartbeatOptions = z.output<typeof heartbeatOptions>;

export const UPSTREAM_INDICATORS = ['minor', 'major', 'critical'] as const;

export const statuspageOptions = z.strictObject({
  /** The other page's base URL or its /api/v2/summary.json URL. */
  url: httpUrl,
  /** An upstream component's id or exact name; null follows the page's overall indicator. */
  upstream_component: z.string().min(1).max(255).nullable().default(null),
  /** Page indicator at or above which the upstream counts as down. */
  down_at: z.enum(UPSTREAM_INDICATORS).default('major'),
  /** Upstream component statuses that count as down. */
  down_statuses: z.array(z.enum(COMPONENT_STATUSES)).min(1).default(['partial_outage', 'major_outage']),
});
export type StatuspageOptions = z.output<typeof statuspageOptions>;

export const checkOptions = { http: httpOptions, tcp: tcpOptions, dns: dnsOptions, tls: tlsOptions, heartbeat: heartbeatOptions, statuspage: statuspageOptions } as const;
export type CheckOptionsByType = { [K in keyof typeof checkOptions]: z.output<(typeof checkOptions)[K]> };

/** `10.0.0.1`, `10.0.0.1:5353`, `::1`, `[::1]:5353` → host and port (53 by default); null if malformed. */
export function resolverAddress(value: string): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2]] : isIP(value) === 6 ? [value, undefined] : value.split(':') as [string, string?];
  const portNumber = portText === undefined ? 53 : Number(portText);
  if (isIP(host) === 0 || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) return null;
  return { host, port: portNumber };
}
