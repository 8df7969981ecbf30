// Opens the incident for monitors that went down: one per monitor, or one for
// a whole storm that names the likely shared cause. Members that already had
// their own auto-opened incident are folded into the storm's: their incident is
// resolved with a note pointing to it (its components stay down under the storm).
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

export interface StormInfo {
  cause: SharedCause | null;
}

/**
 * Opens one incident for `monitorIds` (a storm when `storm` is given). Monitors no longer down,
 * paused, or already in an open incident are left out; returns null when none remain.
 */
export async function openMonitorIncident(ctx: ServiceContext, monitorIds: readonly string[], storm: StormInfo | null): Promise<string | null> {
  const first = await getEngineMonitor(ctx.db, monitorIds[0] ?? '');
  if (!first) return null;
  const actorCtx = storm ? { ...ctx, actor: { type: 'monitor' as const, id: null, name: 'storm detection' } } : asMonitor(ctx, first);
  return transact(actorCtx, async (tx) => {
    const members: MonitorRow[] = [];
    const folded: string[] = [];
    for (const id of monitorIds) {
      const m = await getEngineMonitor(tx.db, id);
      if (!m || m.state !== 'down' || m.paused === 1) continue;
      const current = m.incident_id ? await getIncident(tx.db, m.incident_id) : undefined;
      if (current && isIncidentOpen(current.status as IncidentStatus)) {
        if (!storm) continue;
        folded.push(current.id);
      }
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
    });
    for (const m of members) await updateMonitorRuntime(tx.db, m.id, { incident_id: incident.id, recovered_at: null });
    for (const id of new Set(folded)) await foldInto(tx, id, incident.name);
    await tx.audit('incident.create', { type: 'incident', id: incident.id }, null, { ...incident, monitors: members.map((m) => m.id), storm: storm !== null });
    return incident.id;
  });
}

/** Adds a monitor that went down during a storm to the storm's open incident. */
export async function joinMonitorIncident(ctx: ServiceContext, incidentId: string, monitorId: string): Promise<boolean> {
  const monitor = await getEngineMonitor(ctx.db, monitorId);
  if (!monitor) return false;
  return transact(asMonitor(ctx, monitor), async (tx) => {
    const incident = await getIncident(tx.db, incidentId);
    if (!incident || !isIncidentOpen(incident.status as IncidentStatus)) return false;
    const m = await getEngineMonitor(tx.db, monitorId);
    if (!m || m.state !== 'down') return false;
    const update = await postIncidentUpdate(tx, incidentId, { status: 'investigating', body: joinedStormBody(m), components: downStatuses([m]), component_ids: [] });
    await updateMonitorRuntime(tx.db, m.id, { incident_id: incidentId, recovered_at: null });
    await tx.audit('incident_update.create', { type: 'incident_update', id: update.id }, null, update);
    return true;
  });
}

async function foldInto(tx: Tx, incidentId: string, stormName: string): Promise<void> {
  await postIncidentUpdate(tx, incidentId, { status: 'resolved', body: mergedBody(stormName), components: {}, component_ids: [] });
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
