// A monitor changed state (confirmed DOWN or UP): record it, and move its
// component and its auto-opened incident along — all in one transaction with
// the audit row. Opening new incidents is separate (openPendingIncidents.ts):
// a DOWN that needs one is marked pending on the monitor row, and the engine
// opens it after the storm group wait, from the database (restart-safe).
import type { ComponentStatus } from '../../domain/statuses.js';
import { isIncidentOpen, type IncidentStatus } from '../../domain/statuses.js';
import { toEpochMs } from '../../domain/time.js';
import { getIncident } from '../../store/incidents.js';
import { getEngineMonitor, insertMonitorEvents, monitorsInIncident, otherDownMonitorsOnComponent, updateMonitorRuntime } from '../../store/monitor-engine.js';
import type { MonitorRow } from '../../store/schema.js';
import { setComponentStatuses } from '../components/setComponentStatuses.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { postIncidentUpdate } from '../incidents/createIncidentUpdate.js';
import { asMonitor, underMaintenance } from './context.js';
import { downAgainBody, recoveredBody } from './texts.js';
import { emitMonitorState } from '../notifications/emitMonitorEvents.js';

export interface MonitorTransition {
  kind: 'down' | 'up';
  reason: string | null;
  flapping: boolean;
  /** For DOWN: epoch ms of the first failing check of the confirmed streak (default: now). */
  since?: number;
  /** For DOWN: the address the check reached, if it knows it. */
  address?: string | null;
}

export interface TransitionOutcome {
  /** A maintenance covered the component: nothing on the page changed. */
  suppressed: boolean;
  /** The monitor already belongs to an open incident (no new one is needed). */
  inIncident: boolean;
  /** The DOWN now waits for its incident (incident_pending_since is set). */
  pending: boolean;
  monitor: MonitorRow;
}

export async function recordMonitorTransition(ctx: ServiceContext, monitorId: string, t: MonitorTransition): Promise<TransitionOutcome | null> {
  const before = await getEngineMonitor(ctx.db, monitorId);
  if (!before) return null;
  return transact(asMonitor(ctx, before), async (tx) => {
    const monitor = await getEngineMonitor(tx.db, monitorId);
    if (!monitor) return null;
    const suppressed = monitor.component_id !== null && (await underMaintenance(tx, monitor.component_id));
    const incidentId = await openIncidentOf(tx, monitor);
    const down = t.kind === 'down';
    const pending = down && !suppressed && incidentId === null && monitor.auto_incident === 1 && monitor.paused === 0;
    const patch = {
      state: t.kind,
      state_changed_at: tx.now,
      state_reason: t.reason,
      flapping: t.flapping ? 1 : 0,
      incident_id: incidentId,
      recovered_at: t.kind === 'up' && incidentId ? tx.now : null,
      incident_pending_since: pending ? tx.now : null,
      failing_since: down ? new Date(t.since ?? toEpochMs(tx.now)).toISOString() : null,
      down_address: down ? (t.address ?? null) : null,
    };
    await updateMonitorRuntime(tx.db, monitorId, patch);
    const events: { monitor_id: string; at: string; kind: string; reason: string | null; incident_id: string | null }[] = [{ monitor_id: monitorId, at: tx.now, kind: t.kind, reason: t.reason, incident_id: incidentId }];
    if (suppressed) events.push({ monitor_id: monitorId, at: tx.now, kind: 'suppressed', reason: 'a maintenance covers the component', incident_id: null });
    await insertMonitorEvents(tx.db, events);

    if (!suppressed) {
      const componentStatus = await componentStatusFor(tx, monitor, t.kind);
      if (incidentId) await updateIncident(tx, incidentId, monitor, t, componentStatus);
      else if (componentStatus) await setComponentStatuses(tx, componentStatus, { source: 'monitor', source_id: monitorId }, 'component_id');
      await tellResponders(tx, monitor, t, patch.failing_since, incidentId);
    }
    await tx.audit(`monitor.${t.kind}`, { type: 'monitor', id: monitorId }, { state: monitor.state }, { state: t.kind, reason: t.reason, suppressed });
    return { suppressed, inIncident: incidentId !== null, pending, monitor: { ...monitor, ...patch } };
  });
}

/**
 * DOWN when it was not down, UP when it was (a first UP after creation is no news). A maintenance
 * covering the component keeps responders quiet too: the outage is planned.
 */
async function tellResponders(tx: Tx, before: MonitorRow, t: MonitorTransition, failingSince: string | null, incidentId: string | null): Promise<void> {
  const now = toEpochMs(tx.now);
  if (t.kind === 'down' && before.state !== 'down') {
    const since = failingSince ?? tx.now;
    await emitMonitorState(tx, { monitor: before, state: 'down', reason: t.reason, since, down_for_ms: Math.max(0, now - toEpochMs(since)), incident_id: incidentId });
  } else if (t.kind === 'up' && before.state === 'down') {
    const since = before.failing_since ?? before.state_changed_at ?? tx.now;
    await emitMonitorState(tx, { monitor: before, state: 'up', reason: t.reason, since, down_for_ms: Math.max(0, now - toEpochMs(since)), incident_id: incidentId });
  }
}

/** The monitor's auto-opened incident, if it is still open (a person may have resolved it). */
async function openIncidentOf(tx: Tx, monitor: MonitorRow): Promise<string | null> {
  if (!monitor.incident_id) return null;
  const incident = await getIncident(tx.db, monitor.incident_id);
  return incident && isIncidentOpen(incident.status as IncidentStatus) ? incident.id : null;
}

/** DOWN sets the configured status; UP restores operational unless another down monitor still drives it. */
async function componentStatusFor(tx: Tx, monitor: MonitorRow, kind: 'down' | 'up'): Promise<Record<string, ComponentStatus> | null> {
  if (!monitor.component_id) return null;
  if (kind === 'down') return { [monitor.component_id]: monitor.component_status_on_down as ComponentStatus };
  const others = await otherDownMonitorsOnComponent(tx.db, monitor.component_id, monitor.id);
  return others.length === 0 ? { [monitor.component_id]: 'operational' } : null;
}

/**
 * DOWN again while recovering: back to investigating. UP: `monitoring` once every monitor in the
 * incident is up (a storm recovers member by member); the quiet period then resolves it.
 */
async function updateIncident(tx: Tx, incidentId: string, monitor: MonitorRow, t: MonitorTransition, components: Record<string, ComponentStatus> | null) {
  const members = await monitorsInIncident(tx.db, incidentId);
  const stillDown = members.filter((m) => m.id !== monitor.id && m.state === 'down');
  const status: IncidentStatus = t.kind === 'down' ? 'investigating' : stillDown.length === 0 ? 'monitoring' : 'investigating';
  const body = t.kind === 'down' ? downAgainBody(monitor, t.reason) : recoveredBody(monitor, stillDown.length, toEpochMs(tx.now));
  const update = await postIncidentUpdate(tx, incidentId, { status, body, components: components ?? {}, component_ids: [] });
  await tx.audit('incident_update.create', { type: 'incident_update', id: update.id }, null, update);
}
