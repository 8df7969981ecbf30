// Monitor targets checked against the outbound policy when they are saved, so
// a refused address or name is a 422 naming the field and the rule. A name is
// resolved now too; when it cannot be resolved the monitor is accepted and its
// runs report why (each run is checked again: DNS may change later).
import { validationError, type FieldIssue } from '../../domain/errors.js';
import type { MonitorType } from '../../domain/monitor-types.js';
import type { Refusal } from '../../domain/outbound-policy.js';
import { resolverAddress } from './check-options.js';

/** What saving a monitor needs from the outbound guard (src/outbound/guard.ts). */
export interface TargetVetter {
  vet(host: string, timeoutMs?: number): Promise<Refusal | null>;
}

export interface MonitorTarget {
  /** The option that names it: `url`, `host` or `resolver`. */
  path: string;
  host: string;
}

/** The hosts a monitor of `type` connects to, by option. */
export function monitorTargets(type: MonitorType, options: Record<string, unknown>): MonitorTarget[] {
  const text = (key: string): string | null => (typeof options[key] === 'string' ? (options[key] as string) : null);
  switch (type) {
    case 'http':
    case 'statuspage': {
      const url = text('url');
      if (url === null || !URL.canParse(url)) return [];
      return [{ path: 'url', host: new URL(url).hostname.replace(/^\[|\]$/g, '') }];
    }
    case 'tcp':
    case 'tls': {
      const host = text('host');
      return host === null ? [] : [{ path: 'host', host }];
    }
    case 'dns': {
      const resolver = text('resolver');
      const address = resolver === null ? null : resolverAddress(resolver);
      return address ? [{ path: 'resolver', host: address.host }] : [];
    }
    case 'heartbeat':
      return [];
  }
}

/** One issue per refused target; `prefix` is put before each path (e.g. `monitors[2].`). */
export async function vetMonitorTargets(vetter: TargetVetter, targets: readonly MonitorTarget[], prefix = ''): Promise<FieldIssue[]> {
  const refusals = await Promise.all(targets.map((t) => vetter.vet(t.host)));
  return targets.flatMap((t, i) => {
    const refusal = refusals[i];
    return refusal ? [{ path: `${prefix}${t.path}`, message: `refused by the outbound policy: ${refusal.message}` }] : [];
  });
}

/** Throws a VALIDATION error when any target the monitor would connect to is refused. */
export async function rejectRefusedTargets(vetter: TargetVetter, type: MonitorType, options: Record<string, unknown>, only?: (t: MonitorTarget) => boolean): Promise<void> {
  const targets = monitorTargets(type, options).filter((t) => only?.(t) ?? true);
  const issues = await vetMonitorTargets(vetter, targets);
  if (issues.length > 0) throw validationError(issues);
}

/** What creating or changing a monitor needs beyond its view options. */
export interface MonitorWriteDeps {
  outbound: TargetVetter;
}
