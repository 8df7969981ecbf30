// Reads for incidents and their updates.
import { listIncidents as listRows } from '../../store/incidents.js';
import { read, type ServiceContext } from '../context.js';
import { loadIncident, loadIncidents } from './load.js';
import type { Incident, IncidentUpdate } from './schemas.js';

export interface IncidentListQuery {
  status?: Incident['status'];
  unresolved?: boolean;
  page: number;
  per_page: number;
}

/** Newest first by created_at, one page at a time. */
export function listIncidents(ctx: ServiceContext, q: IncidentListQuery): Promise<Incident[]> {
  return read(ctx, async (db) => {
    const rows = await listRows(db, { status: q.status, unresolved: q.unresolved, limit: q.per_page, offset: (q.page - 1) * q.per_page });
    return loadIncidents(db, rows, ctx.clock.now().toISOString());
  });
}

export function getIncidentById(ctx: ServiceContext, id: string): Promise<Incident> {
  return read(ctx, (db) => loadIncident(db, id, ctx.clock.now().toISOString()));
}

/** The incident's updates, newest first. */
export function listIncidentUpdates(ctx: ServiceContext, incidentId: string): Promise<IncidentUpdate[]> {
  return read(ctx, async (db) => (await loadIncident(db, incidentId, ctx.clock.now().toISOString())).incident_updates);
}
