// The two guards Vigil uses, made from configuration by the composition root
// and passed down: strict for webhooks and imports, looser for monitors.
import { MONITOR_DENY, STRICT_DENY, type OutboundRule } from '../domain/outbound-policy.js';
import { createOutboundGuard, type GuardOptions, type OutboundGuard } from './guard.js';

export interface OutboundGuards {
  /** Webhooks and `vigil import`. */
  strict: OutboundGuard;
  /** Monitor checks, and monitor targets when they are saved. */
  monitors: OutboundGuard;
}

/** The policy's rules as configured (config/env.ts reads them; this layer only needs their shape). */
export interface OutboundRules {
  deny: readonly OutboundRule[];
  monitorDeny: readonly OutboundRule[];
  allow: readonly OutboundRule[];
}

export function createOutboundGuards(config: OutboundRules, options: GuardOptions = {}): OutboundGuards {
  return {
    strict: createOutboundGuard({ deny: config.deny, allow: config.allow }, options),
    monitors: createOutboundGuard({ deny: config.monitorDeny, allow: config.allow }, options),
  };
}

/** The built-in monitor policy plus `allow`: what tests and embedders get when they pass nothing. */
export function defaultMonitorGuard(allow: readonly OutboundRule[] = []): OutboundGuard {
  return createOutboundGuard({ deny: MONITOR_DENY, allow });
}

/** The built-in strict policy (webhooks) plus `allow`: what tests and embedders get when they pass nothing. */
export function defaultStrictGuard(allow: readonly OutboundRule[] = []): OutboundGuard {
  return createOutboundGuard({ deny: STRICT_DENY, allow });
}
