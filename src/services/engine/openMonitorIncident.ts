// Opens the incident for monitors that went down: one per monitor, or one for
// a whole storm that names the likely shared cause. Members that already had
// their own auto-opened incident are folded into the storm's: their incident is
// resolved with a note pointing to it (its components stay down under the storm).
// Each change writes its own audit row: the incident, every update it posts.
import type { SharedCause } from '../../domain/monitor-storms.js';
import type { ComponentStatus, IncidentImpact } from '../../domain/statuses.js';
import { INCIDENT_IMPACTS, isIncidentOpen, type IncidentStatus } from '../../domain/statuses.js';
import { getIncident } from '../../store/incidents.js';
import { getEngineMonitor, updateMonitorRuntime } from '../../store/monitor-engine.js';
import type { MonitorRow } from '../../store/schema.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { postIncidentUpdate } from '../incidents/createIncidentUpdate.js';
import { openIncident } from '../incidents/createIncident.js';
import { asMonitor } from './context.js';
import { downBody, downTitle, joinedStormBody, mergedBody, stormBody, stormTitle } from './texts.js';
import { emitStormOpened } from '../notifications/emitMonitorEvents.js';

export interface StormInfo {
  cause: SharedCause | null;
}

export interface OpenedIncident {
  id: string;
  name: string;
  /** The monitors it was opened for. */
  monitors: { id: string; name: string }[];
  /** Incidents folded into it (resolved, pointing to it). */
  folded: string[];
}

/**
 * Opens one incident for `monitorIds` (a storm when `storm` is given). Monitors no longer down,
 * paused, with automatic incidents turned off, or already in an open incident (unless folded into
 * a storm) are left out and stop waiting; returns null when none remain.
 */
export async function openMonitorIncident(ctx: ServiceContext, monitorIds: readonly string[], storm: StormInfo | null): Promise<OpenedIncident | null> {
  const first = await getEngineMonitor(ctx.db, monitorIds[0] ?? '');
  if (!first) return null;
  const actorCtx = storm ? { ...ctx, actor: { type: 'monitor' as const, id: null, name: 'storm detection' } } : asMonitor(ctx, first);
  return transact(actorCtx, async (tx) => {
    const members: MonitorRow[] = [];
    const folded: string[] = [];
    for (const id of monitorIds) {
      const m = await getEngineMonitor(tx.db, id);
      if (!m) continue;
      const current = m.incident_id ? await getIncident(tx.db, m.incident_id) : undefined;
      const inOpenIncident = current !== undefined && isIncidentOpen(current.status as IncidentStatus);
      const skip = skipReason(m, inOpenIncident && !storm);
      if (skip) {
        if (m.incident_pending_since !== null) await stopWaiting(tx, m, skip);
        continue;
      }
      if (inOpenIncident) folded.push(current.id);
      members.push(m);
    }
    if (members.length === 0) return null;
    const incident = await openIncident(tx, {
      name: storm ? stormTitle(members, storm.cause) : downTitle(members[0]!),
      status: 'investigating',
      impact: highestImpact(members),
      body: storm ? stormBody(members, storm.cause) : downBody(members[0]!),
      components: downStatuses(members),
      component_ids: [],
      // Impact began with the first failing check, not when the group wait ended.
      started_at: failingSince(members, tx.now),
    });
    for (const m of members) await updateMonitorRuntime(tx.db, m.id, { incident_id: incident.id, recovered_at: null, incident_pending_since: null });
    const foldedIds = [...new Set(folded)];
    for (const id of foldedIds) await foldInto(tx, id, incident.name);
    if (storm) await emitStormOpened(tx, incident.id, incident.impact, members, storm.cause);
    await tx.audit('incident.create', { type: 'incident', id: incident.id }, null, { ...incident, monitors: members.map((m) => m.id), storm: storm !== null });
    return { id: incident.id, name: incident.name, monitors: members.map((m) => ({ id: m.id, name: m.name })), folded: foldedIds };
  });
}

export type JoinOutcome = 'joined' | 'not_waiting' | 'incident_closed';

/** Adds a monitor whose DOWN is waiting for an incident to a storm's open incident. */
export async function joinMonitorIncident(ctx: ServiceContext, incidentId: string, monitor: Pick<MonitorRow, 'id' | 'name'>): Promise<JoinOutcome> {
  return transact(asMonitor(ctx, monitor), async (tx) => {
    const m = await getEngineMonitor(tx.db, monitor.id);
    if (!m || m.incident_pending_since === null) return 'not_waiting';
    const skip = skipReason(m, false);
    if (skip) {
      await stopWaiting(tx, m, skip);
      return 'not_waiting';
    }
    const incident = await getIncident(tx.db, incidentId);
    if (!incident || !isIncidentOpen(incident.status as IncidentStatus)) return 'incident_closed';
    const update = await postIncidentUpdate(tx, incidentId, { status: 'investigating', body: joinedStormBody(m), components: downStatuses([m]), component_ids: [] });
    await updateMonitorRuntime(tx.db, m.id, { incident_id: incidentId, recovered_at: null, incident_pending_since: null });
    await tx.audit('incident_update.create', { type: 'incident_update', id: update.id }, null, update);
    return 'joined';
  });
}

/** Why a monitor gets no incident (any more), or null when it should have one. */
function skipReason(m: MonitorRow, inOpenIncident: boolean): string | null {
  if (m.state !== 'down') return 'no longer down';
  if (m.paused === 1) return 'paused';
  if (m.auto_incident !== 1) return 'automatic incidents are turned off';
  if (inOpenIncident) return 'already in an open incident';
  return null;
}

/** The monitor no longer waits for an incident; the audit log says why none was opened. */
async function stopWaiting(tx: Tx, m: MonitorRow, reason: string): Promise<void> {
  await updateMonitorRuntime(tx.db, m.id, { incident_pending_since: null });
  await tx.audit('monitor.incident_skipped', { type: 'monitor', id: m.id }, { incident_pending_since: m.incident_pending_since }, { incident_pending_since: null, reason });
}

/** Resolves a member's own incident, pointing to the storm's; audited like an update someone posts. */
async function foldInto(tx: Tx, incidentId: string, stormName: string): Promise<void> {
  const update = await postIncidentUpdate(tx, incidentId, { status: 'resolved', body: mergedBody(stormName), components: {}, component_ids: [] });
  await tx.audit('incident_update.create', { type: 'incident_update', id: update.id }, null, update);
}

/** The earliest first failure among the members (their DOWN time when it is unknown), never after now. */
function failingSince(members: readonly MonitorRow[], now: string): string {
  const times = members.map((m) => m.failing_since ?? m.state_changed_at ?? now);
  const earliest = times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  return Date.parse(earliest) <= Date.parse(now) ? earliest : now;
}

function downStatuses(members: readonly MonitorRow[]): Record<string, ComponentStatus> {
  const statuses: Record<string, ComponentStatus> = {};
  for (const m of members) if (m.component_id) statuses[m.component_id] = m.component_status_on_down as ComponentStatus;
  return statuses;
}

function highestImpact(members: readonly MonitorRow[]): IncidentImpact {
  const rank = (i: string) => INCIDENT_IMPACTS.indexOf(i as IncidentImpact);
  return members.map((m) => m.incident_impact as IncidentImpact).reduce((a, b) => (rank(b) > rank(a) ? b : a));
}
