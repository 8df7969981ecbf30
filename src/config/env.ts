// Configuration from environment variables, validated once at start-up. The
// resulting object is passed down explicitly; nothing else reads process.env.
import { isIP } from 'node:net';
import { z } from 'zod';
// Parsing the URL is pure (no connection); config and store share one parser so they never disagree.
import { parseDatabaseUrl } from '../lib/database-url.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { MONITOR_DENY, parsePolicyList, STRICT_DENY, type OutboundRule } from '../domain/outbound-policy.js';

export { ConfigError, type ConfigIssue };

export const ROLES = ['web', 'scheduler', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** As given (a file path, `sqlite:` URL or `postgres://` URL); may hold a password, so never print it. */
  databaseUrl: string;
  databaseDialect: 'sqlite' | 'postgres';
  port: number;
  host: string;
  /** Where users reach Vigil, without a trailing slash. */
  publicUrl: string;
  logLevel: LogLevel;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  roles: readonly Role[];
  /** Cache-Control lifetimes (seconds) of the public page, API and feeds. */
  publicCache: { maxAge: number; staleWhileRevalidate: number };
  monitoring: MonitoringConfig;
  security: SecurityConfig;
  outbound: OutboundConfig;
  notify: NotifyConfig;
}

/** Notifications: the SMTP server, the sender and the delivery workers' limits. */
export interface NotifyConfig {
  /** VIGIL_SMTP_URL: `smtp://user:pass@host:587` or `smtps://…`; null: email waits in the outbox. A secret. */
  smtpUrl: string | null;
  /** VIGIL_MAIL_FROM: the From address, e.g. `Status <status@example.com>`. */
  mailFrom: string;
  /** VIGIL_SMTP_POOL: SMTP connections kept open at once. */
  smtpPool: number;
  /** VIGIL_WEBHOOK_CONCURRENCY: HTTP deliveries (webhook, Slack, Discord, Teams) in flight at once. */
  httpConcurrency: number;
  /** VIGIL_DELIVERY_ATTEMPTS: tries before a delivery is dead. */
  maxAttempts: number;
  /** VIGIL_WEBHOOK_DISABLE_AFTER_DAYS: a webhook failing without a success this long is disabled. */
  disableAfterDays: number;
}

/** The outbound request policy's rules (docs/adr/0011); the composition root makes the guards. */
export interface OutboundConfig {
  /** VIGIL_OUTBOUND_DENY: for webhooks and `vigil import` (strict by default). */
  deny: readonly OutboundRule[];
  /** VIGIL_MONITOR_OUTBOUND_DENY: for monitors (private ranges allowed by default). */
  monitorDeny: readonly OutboundRule[];
  /** VIGIL_OUTBOUND_ALLOW: permitted anyway, for both. */
  allow: readonly OutboundRule[];
  /** VIGIL_IMPORT_MAX_BYTES: the largest document `vigil import` reads from a URL. */
  importMaxBytes: number;
}

/** Fastify's trustProxy: off, every proxy, the number of hops in front of Vigil, or the proxies' addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export interface SecurityConfig {
  /** VIGIL_TRUST_PROXY: whose X-Forwarded-For/Proto to believe for the client address and protocol. */
  trustProxy: TrustProxy;
  /** VIGIL_FRAME_ANCESTORS: who may frame the pages (CSP frame-ancestors), `'none'` by default. */
  frameAncestors: string;
  /** VIGIL_METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`. A secret: never print it. */
  metricsToken: string | null;
  /** VIGIL_METRICS_PORT: /metrics is then served on 127.0.0.1:<port> only, not on the main port. */
  metricsPort: number | null;
}

export interface MonitoringConfig {
  /** Most checks running at once. */
  concurrency: number;
  /** Monitors going DOWN within stormWindowSeconds that make one storm incident. */
  stormThreshold: number;
  stormWindowSeconds: number;
  /** How long a DOWN waits before its incident opens, so monitors failing together share one. */
  groupWaitSeconds: number;
  retention: { results_days: number; minute_days: number; hour_days: number; day_days: number };
}

const MAX_BODY_LIMIT = 1024 * 1024 * 1024;

/** A comma list of CIDRs and host names; `default`, `strict` and `none` as in parsePolicyList. */
function ruleList(defaults: readonly OutboundRule[]) {
  return z.string().transform((value, ctx): readonly OutboundRule[] => {
    const parsed = parsePolicyList(value, defaults);
    if (parsed.problems.length > 0) {
      ctx.addIssue({ code: 'custom', message: parsed.problems.join('; ') });
      return z.NEVER;
    }
    return parsed.rules;
  });
}

function integerIn(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

const databaseUrl = z.string().transform((url, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  try {
    const { dialect, target } = parseDatabaseUrl(url);
    if (dialect === 'sqlite' && target === '') return fail('must name a SQLite file, e.g. sqlite:./data/vigil.db');
    if (dialect === 'postgres' && !URL.canParse(url)) return fail('is not a valid postgres:// URL');
    return { url, dialect };
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
});

const host = z.string().regex(/^[^\s/]+$/, 'must be a host name or IP address');

const publicUrl = z
  .string()
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL')
  .refine((s) => !/[?#]/.test(s), 'must not contain a query or fragment')
  .transform((s) => s.replace(/\/+$/, ''));

/** Names proxy-addr (behind Fastify's trustProxy) knows for whole ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustProxy = z.string().transform((s, ctx): TrustProxy => {
  const value = s.toLowerCase();
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d{1,3}$/.test(value)) return Number(value);
  const list = s.split(',').map((e) => e.trim()).filter(Boolean);
  if (list.length > 0 && list.every((e) => isAddressOrCidr(e) || PROXY_RANGE_NAMES.includes(e))) return list;
  ctx.addIssue({ code: 'custom', message: `must be false, true, a hop count, or a comma-separated list of addresses and CIDRs (or ${PROXY_RANGE_NAMES.join(', ')})` });
  return z.NEVER;
});

const FRAME_SOURCE = /^(https?:|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:(\d{1,5}|\*))?)$/;

// `none` and `self` may be written without the quotes CSP needs (quotes are awkward in unit files and shells).
const frameAncestors = z
  .string()
  .transform((s) => s.split(/\s+/).filter(Boolean).map((src) => (/^'?(none|self)'?$/i.test(src) ? `'${src.replace(/'/g, '').toLowerCase()}'` : src)))
  .refine(
    (list) => (list.length === 1 && list[0] === "'none'") || (list.length > 0 && list.every((src) => src === "'self'" || FRAME_SOURCE.test(src))),
    "must be 'none', or a space-separated list of 'self', https: and origins such as https://intranet.example.com",
  )
  .transform((list) => list.join(' '));

const metricsToken = z.string().min(16, 'must be at least 16 characters').transform((s): string | null => s);

const logLevel = z.string().refine((s): s is LogLevel => (LOG_LEVELS as readonly string[]).includes(s), `must be one of ${LOG_LEVELS.join(', ')}`);

const roles = z.string().transform((s, ctx) => {
  const names = s.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (names.length === 0 || unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${ROLES.join(', ')}` });
    return z.NEVER;
  }
  // Canonical order and no duplicates, whatever order the operator wrote.
  return ROLES.filter((r) => names.includes(r));
});

/** Parses a role list such as `web,scheduler` (used by `vigil serve --roles` too). */
export function parseRoles(value: string, variable = 'VIGIL_ROLES'): Role[] {
  const result = roles.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError([{ variable, message: `${result.error.issues[0]?.message ?? 'invalid'}, got ${JSON.stringify(value)}` }]);
}

const smtpUrl = z.string().transform((s, ctx): string | null => {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a URL such as smtp://user:pass@host:587 or smtps://host:465' });
    return z.NEVER;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    ctx.addIssue({ code: 'custom', message: `must start with smtp:// or smtps://, not ${url.protocol}//` });
    return z.NEVER;
  }
  if (!url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'must name a host' });
    return z.NEVER;
  }
  return s;
});

// A bare address or `Name <address>`; nodemailer takes both.
const mailFrom = z.string().regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address such as status@example.com or "Status <status@example.com>"');

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const issues: ConfigIssue[] = [];

  // An empty variable counts as unset, as it does in most container tooling (`PORT=` in a compose file).
  function read<S extends z.ZodType<unknown, string>>(variable: string, schema: S, fallback: z.output<S>, secret = false): z.output<S> {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') return fallback;
    const result = schema.safeParse(raw.trim());
    if (result.success) return result.data;
    const problem = result.error.issues[0]?.message ?? 'invalid';
    // A database URL may carry a password: its problems are described without echoing it.
    issues.push({ variable, message: secret ? problem : `${problem}, got ${JSON.stringify(raw)}` });
    return fallback;
  }

  const database = read('VIGIL_DATABASE_URL', databaseUrl, { url: './data/vigil.db', dialect: 'sqlite' as const }, true);
  const port = read('PORT', integerIn(1, 65535), 3000);
  const config: Config = {
    databaseUrl: database.url,
    databaseDialect: database.dialect,
    port,
    host: read('HOST', host, '0.0.0.0'),
    publicUrl: read('VIGIL_PUBLIC_URL', publicUrl, `http://localhost:${port}`),
    logLevel: read('VIGIL_LOG_LEVEL', logLevel, 'info'),
    bodyLimit: read('VIGIL_BODY_LIMIT', integerIn(1, MAX_BODY_LIMIT), 1024 * 1024),
    roles: read('VIGIL_ROLES', roles, [...ROLES]),
    publicCache: {
      maxAge: read('VIGIL_PUBLIC_MAX_AGE', integerIn(0, 86_400), 10),
      staleWhileRevalidate: read('VIGIL_PUBLIC_STALE_WHILE_REVALIDATE', integerIn(0, 604_800), 60),
    },
    monitoring: {
      concurrency: read('VIGIL_MONITOR_CONCURRENCY', integerIn(1, 100_000), 1000),
      stormThreshold: read('VIGIL_STORM_THRESHOLD', integerIn(2, 100_000), 5),
      stormWindowSeconds: read('VIGIL_STORM_WINDOW_SECONDS', integerIn(10, 86_400), 120),
      groupWaitSeconds: read('VIGIL_STORM_GROUP_WAIT_SECONDS', integerIn(0, 3600), 20),
      retention: {
        results_days: read('VIGIL_RESULTS_RETENTION_DAYS', integerIn(1, 3650), 30),
        minute_days: read('VIGIL_MINUTE_ROLLUP_RETENTION_DAYS', integerIn(1, 3650), 45),
        hour_days: read('VIGIL_HOUR_ROLLUP_RETENTION_DAYS', integerIn(1, 36_500), 400),
        day_days: read('VIGIL_DAY_ROLLUP_RETENTION_DAYS', integerIn(1, 36_500), 1825),
      },
    },
    security: {
      trustProxy: read('VIGIL_TRUST_PROXY', trustProxy, false),
      frameAncestors: read('VIGIL_FRAME_ANCESTORS', frameAncestors, "'none'"),
      metricsToken: read('VIGIL_METRICS_TOKEN', metricsToken, null, true),
      metricsPort: read('VIGIL_METRICS_PORT', integerIn(1, 65535).transform((n): number | null => n), null),
    },
    outbound: {
      deny: read('VIGIL_OUTBOUND_DENY', ruleList(STRICT_DENY), STRICT_DENY),
      monitorDeny: read('VIGIL_MONITOR_OUTBOUND_DENY', ruleList(MONITOR_DENY), MONITOR_DENY),
      allow: read('VIGIL_OUTBOUND_ALLOW', ruleList([]), []),
      importMaxBytes: read('VIGIL_IMPORT_MAX_BYTES', integerIn(1024, 1024 * 1024 * 1024), 50 * 1024 * 1024),
    },
    notify: {
      smtpUrl: read('VIGIL_SMTP_URL', smtpUrl, null, true),
      mailFrom: read('VIGIL_MAIL_FROM', mailFrom, 'Vigil <vigil@localhost>'),
      smtpPool: read('VIGIL_SMTP_POOL', integerIn(1, 100), 5),
      httpConcurrency: read('VIGIL_WEBHOOK_CONCURRENCY', integerIn(1, 1000), 50),
      maxAttempts: read('VIGIL_DELIVERY_ATTEMPTS', integerIn(1, 50), 12),
      disableAfterDays: read('VIGIL_WEBHOOK_DISABLE_AFTER_DAYS', integerIn(1, 365), 3),
    },
  };
  if (config.security.metricsPort !== null && config.security.metricsPort === port) {
    issues.push({ variable: 'VIGIL_METRICS_PORT', message: `must differ from PORT (${port})` });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}
