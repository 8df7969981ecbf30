// Opens or joins the incidents that DOWN monitors are waiting for, from the
// database alone (docs/adr/0013): `incident_pending_since` on the monitor row
// says a DOWN needs an incident, and the recent DOWNs a storm is detected from
// are read back from the monitors too. So a restart at any moment loses no
// incident, and running it again opens none twice (each open clears the
// marks in its own transaction). Run only by the engine holding the lease.
import { isIP } from 'node:net';
import { detectStorm, type DownTransition, type StormPolicy } from '../../domain/monitor-storms.js';
import { toEpochMs } from '../../domain/time.js';
import { monitorsWithPendingIncident, openStormIncidents, recentDownsForStorms } from '../../store/monitor-incident-pending.js';
import type { MonitorRow } from '../../store/schema.js';
import { read, type ServiceContext } from '../context.js';
import { joinMonitorIncident, openMonitorIncident } from './openMonitorIncident.js';

export interface PendingIncidentPolicy {
  storm: StormPolicy;
  /** How long a DOWN waits before its incident opens, so a storm becomes one incident. */
  groupWaitMs: number;
}

export type LinkedIncident =
  | { kind: 'opened' | 'storm'; incident_id: string; incident_name: string; monitors: { id: string; name: string; reason: string | null }[]; folded: string[] }
  | { kind: 'joined'; incident_id: string; monitors: { id: string; name: string; reason: string | null }[] };

export interface OpenPendingOptions {
  /** Only these monitors (a DOWN just recorded, a timer that fired); default: every waiting monitor. */
  only?: readonly string[];
  /** Monitors whose group wait is over whatever the clock says (the engine's own timer fired for them). */
  due?: ReadonlySet<string>;
}

/** Returns what it opened or joined, in order. */
export async function openPendingIncidents(ctx: ServiceContext, policy: PendingIncidentPolicy, options: OpenPendingOptions = {}): Promise<LinkedIncident[]> {
  const pending = await read(ctx, (db) => monitorsWithPendingIncident(db, options.only));
  const linked: LinkedIncident[] = [];
  if (pending.length === 0) return linked;
  const handled = new Set<string>();
  // Read once per run (not per monitor): a storm of thousands must not cost thousands of scans.
  let storm = await latestStorm(ctx, policy.storm);
  // Recent DOWNs, read on first need and once per run for the same reason; opening incidents does not change them.
  let recent: Awaited<ReturnType<typeof recentDownsForStorms>> | null = null;
  let rows: Map<string, (typeof pending)[number]> | null = null;
  for (const monitor of pending) {
    if (handled.has(monitor.id)) continue;
    const now = ctx.clock.now().getTime();
    const downAt = monitor.state_changed_at ? toEpochMs(monitor.state_changed_at) : now;
    // A storm is under way: a later DOWN joins its incident at once, without waiting.
    if (storm && downAt - storm.lastJoinAt <= policy.storm.window_ms) {
      const joined = await joinMonitorIncident(ctx, storm.id, monitor);
      if (joined === 'joined') {
        linked.push({ kind: 'joined', incident_id: storm.id, monitors: [who(monitor)] });
        storm.lastJoinAt = Math.max(storm.lastJoinAt, downAt);
      }
      if (joined !== 'incident_closed') continue;
      storm = null;
    }
    const waitedSince = toEpochMs(monitor.incident_pending_since!);
    if (now - waitedSince < policy.groupWaitMs && !options.due?.has(monitor.id)) continue;

    recent ??= await read(ctx, (db) => recentDownsForStorms(db, new Date(now - policy.storm.window_ms).toISOString()));
    rows ??= new Map([...pending, ...recent].map((m) => [m.id, m]));
    const detected = detectStorm(recent.map(downOf), policy.storm, now);
    const isStorm = detected !== null && detected.members.includes(monitor.id);
    const members = isStorm ? detected.members : [monitor.id];
    const opened = await openMonitorIncident(ctx, members, isStorm ? { cause: detected.shared_cause } : null);
    for (const id of members) handled.add(id);
    if (opened && isStorm) storm = { id: opened.id, lastJoinAt: now };
    if (opened) {
      linked.push({
        kind: isStorm ? 'storm' : 'opened',
        incident_id: opened.id,
        incident_name: opened.name,
        monitors: opened.monitors.map((m) => who(rows!.get(m.id) ?? { ...m, state_reason: null })),
        folded: opened.folded,
      });
    }
  }
  return linked;
}

/** The open storm incident most recently joined; a DOWN within the window of that joins it. */
async function latestStorm(ctx: ServiceContext, policy: StormPolicy): Promise<{ id: string; lastJoinAt: number } | null> {
  const latest = (await read(ctx, (db) => openStormIncidents(db, policy.threshold)))[0];
  return latest ? { id: latest.incident_id, lastJoinAt: toEpochMs(latest.last_join_at) } : null;
}

function who(m: Pick<MonitorRow, 'id' | 'name' | 'state_reason'>) {
  return { id: m.id, name: m.name, reason: m.state_reason };
}

function downOf(monitor: MonitorRow): DownTransition {
  const options = JSON.parse(monitor.options_json) as { url?: string; host?: string };
  const host = options.url ? safeHostname(options.url) : (options.host ?? null);
  return {
    monitor_id: monitor.id,
    name: monitor.name,
    at: toEpochMs(monitor.state_changed_at!),
    host,
    address: monitor.down_address ?? (host && isIP(host) ? host : null),
    upstream: monitor.type === 'statuspage' ? host : null,
  };
}

function safeHostname(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}
