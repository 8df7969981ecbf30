// Responder events the monitoring engine causes: a monitor DOWN (a heartbeat
// that stopped arriving is its own kind) or UP again, a storm incident opening,
// a certificate nearing expiry.
import type { SharedCause } from '../../domain/monitor-storms.js';
import { describeSharedCause } from '../../domain/monitor-storms.js';
import type { MonitorRow } from '../../store/schema.js';
import type { Tx } from '../context.js';
import { emitEvent } from './emit.js';
import { monitorFacts, monitorFactsOf } from './facts.js';

export interface MonitorStateEvent {
  monitor: MonitorRow;
  state: 'down' | 'up';
  reason: string | null;
  /** DOWN: the first failing check of the streak; UP: when the outage that just ended began. */
  since: string;
  /** How long it has been (DOWN: failing so far) or was (UP) down. */
  down_for_ms: number | null;
  incident_id: string | null;
}

export async function emitMonitorState(tx: Tx, e: MonitorStateEvent): Promise<void> {
  const monitor = await monitorFacts(tx, e.monitor);
  const missed = e.state === 'down' && e.monitor.type === 'heartbeat';
  await emitEvent(tx, {
    kind: e.state === 'up' ? 'monitor.up' : missed ? 'monitor.heartbeat_missed' : 'monitor.down',
    audience: 'responders',
    subject: { type: 'monitor', id: e.monitor.id },
    // DOWN and the UP that ends it are one conversation.
    thread_key: `monitor:${e.monitor.id}:${e.since}`,
    component_ids: e.monitor.component_id ? [e.monitor.component_id] : [],
    monitor_id: e.monitor.id,
    severity: e.monitor.incident_impact,
    payload: { type: 'monitor', monitor, state: e.state, reason: e.reason, since: e.since, down_for_ms: e.down_for_ms, incident_id: e.incident_id },
  });
}

export async function emitStormOpened(tx: Tx, incidentId: string, severity: string, members: readonly MonitorRow[], cause: SharedCause | null): Promise<void> {
  const facts = await monitorFactsOf(tx, members);
  await emitEvent(tx, {
    kind: 'monitor.storm',
    audience: 'responders',
    subject: { type: 'incident', id: incidentId },
    thread_key: `incident:${incidentId}`,
    component_ids: [...new Set(members.map((m) => m.component_id).filter((id): id is string => id !== null))],
    monitor_id: null,
    severity,
    payload: {
      type: 'storm',
      incident_id: incidentId,
      cause: cause ? describeSharedCause(cause) : 'no shared cause found',
      members: members.map((m, i) => ({ monitor: facts[i]!, reason: m.state_reason })),
    },
  });
}

/** Once per certificate and threshold (the dedupe key names both): returns false when already told. */
export async function emitCertificateExpiring(tx: Tx, m: MonitorRow, threshold: number, daysLeft: number, expiresAt: string): Promise<boolean> {
  return emitEvent(tx, {
    kind: 'monitor.certificate_expiring',
    audience: 'responders',
    subject: { type: 'monitor', id: m.id },
    thread_key: `cert:${m.id}:${expiresAt}`,
    component_ids: m.component_id ? [m.component_id] : [],
    monitor_id: m.id,
    severity: m.incident_impact,
    payload: { type: 'certificate', monitor: await monitorFacts(tx, m), days_left: daysLeft, expires_at: expiresAt },
    dedupe_key: `cert:${m.id}:${expiresAt}:${threshold}`,
  });
}
