// Assembles full incident objects from their rows with a fixed number of
// queries, whatever the number of incidents. Used by reads and by writes
// (which return and audit the same shape).
import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors.js';
import { groupBy } from '../../lib/group-by.js';
import { getComponentsByIds } from '../../store/components.js';
import { getIncident, listIncidentComponentIds } from '../../store/incidents.js';
import { getIncidentUpdate, listIncidentUpdateComponents, listIncidentUpdates } from '../../store/incident-updates.js';
import { postmortemPublishedAt } from '../../store/postmortems.js';
import type { DB, IncidentRow, IncidentUpdateComponentRow, IncidentUpdateRow } from '../../store/schema.js';
import { byPosition } from '../public/displayOrder.js';
import { presentIncident, presentIncidentUpdate } from './present.js';
import type { Incident, IncidentUpdate } from './schemas.js';

async function presentUpdates(db: Kysely<DB>, rows: IncidentUpdateRow[]): Promise<IncidentUpdate[]> {
  const changes = groupBy<IncidentUpdateComponentRow>(await listIncidentUpdateComponents(db, rows.map((r) => r.id)), (c) => c.update_id);
  return rows.map((r) => presentIncidentUpdate(r, changes.get(r.id) ?? []));
}

export async function loadIncidents(db: Kysely<DB>, rows: IncidentRow[], now: string): Promise<Incident[]> {
  const ids = rows.map((r) => r.id);
  const componentIds = await listIncidentComponentIds(db, ids);
  // Affected components come back in the page's display order, as the components list has them.
  const components = (await getComponentsByIds(db, [...new Set([...componentIds.values()].flat())])).sort(byPosition);
  const updates = groupBy(await presentUpdates(db, await listIncidentUpdates(db, ids)), (u) => u.incident_id);
  const published = await postmortemPublishedAt(db, ids);
  return rows.map((row) => {
    const mine = new Set(componentIds.get(row.id));
    return presentIncident(
      {
        row,
        components: components.filter((c) => mine.has(c.id)),
        updates: updates.get(row.id) ?? [],
        postmortemPublishedAt: published.get(row.id) ?? null,
      },
      now,
    );
  });
}

/** The incident as the API returns it; 404 when it does not exist. */
export async function loadIncident(db: Kysely<DB>, id: string, now: string): Promise<Incident> {
  const row = await getIncident(db, id);
  if (!row) throw notFound('incident', id);
  const [incident] = await loadIncidents(db, [row], now);
  return incident!;
}

/** One update as the API returns it; 404 when it is not an update of that incident. */
export async function loadIncidentUpdate(db: Kysely<DB>, incidentId: string, updateId: string): Promise<IncidentUpdate> {
  const row = await getIncidentUpdate(db, incidentId, updateId);
  if (!row) throw notFound('incident update', updateId);
  const [update] = await presentUpdates(db, [row]);
  return update!;
}
