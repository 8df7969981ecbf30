// Writes one timeline entry and the component changes it makes, inside the
// caller's transaction. Shared by opening an incident (its first update) and
// by posting later updates, so both record component changes the same way.
import type { ComponentStatus, IncidentStatus } from '../../domain/statuses.js';
import { newId } from '../../lib/ids.js';
import { getComponentsByIds } from '../../store/components.js';
import { addIncidentComponents, componentsInOtherOpenIncidents, listIncidentComponentIds } from '../../store/incidents.js';
import { insertIncidentUpdate, insertIncidentUpdateComponents } from '../../store/incident-updates.js';
import type { Tx } from '../context.js';
import { setComponentStatuses } from '../components/setComponentStatuses.js';
import { resolveIncidentComponents } from './rules.js';

export interface UpdateToWrite {
  status: IncidentStatus;
  body: string;
  display_at: string;
  /** Statuses this update sets explicitly. */
  components: Record<string, ComponentStatus>;
  /** Components to add to the affected set without changing their status. */
  component_ids: string[];
  /** True when this update moves the incident from open to resolved. */
  resolves: boolean;
  /**
   * Set on the update that opens an incident: the statuses it sets took effect when impact began, so they are
   * recorded at started_at and move with it (domain/status-history.ts). Otherwise they follow display_at.
   */
  started_at?: string;
  /** `deliver_notifications`: false tells no subscriber (default true). */
  deliver?: boolean;
}

/** Returns the new update's id. The incident row must already carry its new status. Components may be named by id or key. */
export async function writeIncidentUpdate(tx: Tx, incidentId: string, given: UpdateToWrite): Promise<string> {
  const update: UpdateToWrite = { ...given, ...(await resolveIncidentComponents(tx, given.components, given.component_ids)) };
  const id = newId();
  await insertIncidentUpdate(tx.db, {
    id,
    incident_id: incidentId,
    status: update.status,
    body: update.body,
    display_at: update.display_at,
    created_at: tx.now,
    updated_at: tx.now,
    deliver_notifications: update.deliver === false ? 0 : 1,
  });
  const source = { source: 'incident', source_id: incidentId, notify: update.deliver !== false } as const;
  // Recorded at the time the update gives, not when it was typed in, so a back-dated post puts the outage where it was.
  const atDisplay = { at: update.display_at, update_id: id, follows: 'display_at' } as const;
  const atStart = update.started_at === undefined ? atDisplay : ({ at: update.started_at, update_id: id, follows: 'started_at' } as const);
  const applied = await setComponentStatuses(tx, update.components, source, 'components', atStart);
  await addIncidentComponents(tx.db, incidentId, [...Object.keys(update.components), ...update.component_ids]);
  if (update.resolves) {
    // Service came back when the incident was resolved, however early it began.
    applied.push(...(await setComponentStatuses(tx, await componentsToRestore(tx, incidentId, update), source, 'components', atDisplay)));
  }
  // The name is copied so the timeline still reads right if the component is deleted later; position keeps the order applied.
  const rows = applied.map((c, position) => ({ update_id: id, component_id: c.component_id, component_name: c.component_name, old_status: c.old_status, new_status: c.new_status, position }));
  await insertIncidentUpdateComponents(tx.db, rows);
  return id;
}

/**
 * Resolving an incident turns its page green: every affected component the
 * update did not set itself goes back to operational, unless it is under
 * maintenance or another open incident still affects it.
 */
async function componentsToRestore(tx: Tx, incidentId: string, update: UpdateToWrite): Promise<Record<string, ComponentStatus>> {
  const affected = (await listIncidentComponentIds(tx.db, [incidentId])).get(incidentId) ?? [];
  const candidates = (await getComponentsByIds(tx.db, affected.filter((id) => !Object.hasOwn(update.components, id)))).filter(
    (c) => c.status !== 'operational' && c.status !== 'under_maintenance',
  );
  const elsewhere = await componentsInOtherOpenIncidents(tx.db, candidates.map((c) => c.id), incidentId);
  const restore: Record<string, ComponentStatus> = {};
  // By name, so the order they are recorded in (after the update's own) does not depend on the database.
  candidates.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const c of candidates) if (!elsewhere.has(c.id)) restore[c.id] = 'operational';
  return restore;
}
