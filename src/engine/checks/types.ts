// The one interface every check type implements. A check never throws: every
// failure — refused, timed out, garbage TLS, wrong body — comes back as a
// result with `ok: false` and a reason a person can act on.
import type { OutboundGuard } from '../../outbound/guard.js';
import type { MonitorType } from '../../domain/monitor-types.js';
import type { RegexMatcher } from './safe-regex.js';

export interface CheckTimings {
  dns_ms?: number;
  connect_ms?: number;
  tls_ms?: number;
  first_byte_ms?: number;
}

export interface CheckResult {
  ok: boolean;
  /** Why it failed; null when ok. */
  reason: string | null;
  /** Not a failure, but worth telling someone (e.g. "certificate expires in 5 days"). */
  warning?: string | null;
  /** Total time the check took, in milliseconds; null when nothing was measured. */
  latency_ms: number | null;
  timings?: CheckTimings;
  /** Small type-specific facts: status_code, days_left, answers, upstream status, resolved address… */
  detail?: Record<string, unknown>;
}

export interface CheckContext {
  /** Aborted when the timeout passes or the engine stops; a check must stop promptly. */
  signal: AbortSignal;
  timeoutMs: number;
  now(): Date;
  /** Where user regular expressions run: never on the event loop (engine/regex/pool.ts). */
  regex: RegexMatcher;
  /** The outbound policy every connection of the check goes through (src/outbound/guard.ts). */
  outbound: OutboundGuard;
}

/** What a check needs to know about its monitor. `options` is the type's own parsed options. */
export interface CheckTarget<O> {
  id: string;
  options: O;
  /** Heartbeat only: the last ping the monitor received, and when it was created (the grace starts then). */
  last_ping_at?: string | null;
  last_ping_ok?: boolean | null;
  created_at?: string;
  interval_seconds: number;
}

export interface Check<O> {
  readonly type: MonitorType;
  run(target: CheckTarget<O>, ctx: CheckContext): Promise<CheckResult>;
}
