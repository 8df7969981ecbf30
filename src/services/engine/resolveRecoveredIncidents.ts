// Resolves auto-opened incidents once every monitor in them has been up for
// its quiet period (resolve_after_seconds). A scheduled job; safe to run on
// several instances at once (the incident row is re-read in the transaction).
import { toEpochMs } from '../../domain/time.js';
import { isIncidentOpen, type IncidentStatus } from '../../domain/statuses.js';
import { getIncident } from '../../store/incidents.js';
import { monitorsInIncident, recoveredMonitorsWithIncidents, updateMonitorRuntime } from '../../store/monitor-engine.js';
import type { MonitorRow } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';
import { postIncidentUpdate } from '../incidents/createIncidentUpdate.js';
import { resolvedBody } from './texts.js';

export interface ResolvedIncident {
  incident_id: string;
  incident_name: string;
  /** Names of the monitors it was opened for. */
  monitors: string[];
}

/** Returns how many incidents it resolved; `onResolved` hears of each (the engine logs them). */
export async function resolveRecoveredIncidents(ctx: ServiceContext, onResolved?: (r: ResolvedIncident) => void): Promise<number> {
  const candidates = await recoveredMonitorsWithIncidents(ctx.db);
  // The engine loop runs this every 2 s: a write transaction only for incidents whose recovered members
  // are all quiet long enough already (the transaction re-checks every member).
  const now = ctx.clock.now().getTime();
  const notYet = new Set(candidates.filter((m) => !quietLongEnough([m], now)).map((m) => m.incident_id!));
  const incidentIds = [...new Set(candidates.map((m) => m.incident_id!))].filter((id) => !notYet.has(id));
  let resolved = 0;
  for (const incidentId of incidentIds) {
    const done = await transact({ ...ctx, actor: { type: 'monitor', id: null, name: 'auto-resolve' } }, async (tx) => {
      const members = await monitorsInIncident(tx.db, incidentId);
      if (!quietLongEnough(members, toEpochMs(tx.now))) return false;
      const incident = await getIncident(tx.db, incidentId);
      let resolvedNow: ResolvedIncident | null = null;
      if (incident && isIncidentOpen(incident.status as IncidentStatus)) {
        const update = await postIncidentUpdate(tx, incidentId, { status: 'resolved', body: resolvedBody(members), components: {}, component_ids: [] });
        await tx.audit('incident_update.create', { type: 'incident_update', id: update.id }, null, update);
        resolvedNow = { incident_id: incidentId, incident_name: incident.name, monitors: members.map((m) => m.name) };
      }
      for (const m of members) await updateMonitorRuntime(tx.db, m.id, { incident_id: null, recovered_at: null });
      // Someone closed the incident already: unlinking its monitors is still a change, audited on each.
      if (!resolvedNow) for (const m of members) await tx.audit('monitor.incident_unlinked', { type: 'monitor', id: m.id }, { incident_id: incidentId }, { incident_id: null });
      return resolvedNow ?? true;
    });
    if (done) resolved += 1;
    if (done && done !== true) onResolved?.(done);
  }
  return resolved;
}

/** Every member up (or paused), and the last to recover did so at least its quiet period ago. */
function quietLongEnough(members: readonly MonitorRow[], now: number): boolean {
  if (members.length === 0) return false;
  return members.every((m) => {
    if (m.paused === 1) return true;
    if (m.state !== 'up' || !m.recovered_at) return false;
    return now - toEpochMs(m.recovered_at) >= m.resolve_after_seconds * 1000;
  });
}
