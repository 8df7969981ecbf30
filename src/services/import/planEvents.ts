// The plan for incidents and maintenances: the event row, its component set
// and each of its updates (with their component changes) compared one by one.
// Updates the database has but the file does not are left alone: they may
// have been posted in Vigil after an earlier import.
import type { IncidentStatus, MaintenanceStatus } from '../../domain/statuses.js';
import type { IncidentRow, IncidentUpdateComponentRow, MaintenanceRow, MaintenanceUpdateComponentRow } from '../../store/schema.js';
import type { IssueList } from './issues.js';
import { sameList, step, type Op } from './compare.js';
import type { ImportSnapshot } from './snapshot.js';
import type { ImportedChange, ImportedIncident, ImportedMaintenance, ImportedUpdate } from './types.js';

export interface UpdateStep<S extends string> {
  op: Op;
  update: ImportedUpdate<S>;
  /** The update's component changes differ from the stored ones. */
  changesDiffer: boolean;
}

export interface EventStep<E, R> {
  op: Op;
  path: string;
  id: string;
  event: E;
  existing: R | undefined;
  /** The component ids stored before the import (for the audit row). */
  storedComponentIds: string[];
  componentsDiffer: boolean;
  updates: UpdateStep<string>[];
  changed: string[];
}

export type IncidentStep = EventStep<ImportedIncident, IncidentRow>;
export type MaintenanceStep = EventStep<ImportedMaintenance, MaintenanceRow> & { auto_transition: number };

type ChangeRow = IncidentUpdateComponentRow | MaintenanceUpdateComponentRow;

const UPDATE_FIELDS = ['status', 'body', 'display_at', 'created_at', 'updated_at', 'deliver_notifications', 'custom_tweet', 'tweet_id', 'tweet_id_is_number', 'no_components_note'] as const;

export function planIncidents(incidents: ImportedIncident[], snapshot: ImportSnapshot, known: Set<string>, issues: IssueList): IncidentStep[] {
  return incidents.map((incident) => {
    checkComponents(incident, known, issues);
    const updates = incident.updates.map((u) => {
      const existing = snapshot.incidentUpdates.get(u.id);
      if (existing && existing.incident_id !== incident.id) {
        issues.add(`${u.path}.id`, `"${u.id}" already belongs to incident "${existing.incident_id}" in the database`);
      }
      const changesDiffer = existing !== undefined && !sameChanges(snapshot.incidentChanges.get(u.id) ?? [], u.changes);
      return updateStep(u, existing, changesDiffer);
    });
    const { path, id, updates: _u, component_ids: _c, embedded_descriptions: _d, ...values } = incident;
    const fields = ['name', 'status', 'impact', 'shortlink', 'started_at', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'reminder_intervals'] as const;
    const base = step(path, id, values, snapshot.incidents.get(id), [...fields]);
    return eventStep(base, incident, snapshot.incidentComponents.get(id) ?? [], updates);
  });
}

export function planMaintenances(
  maintenances: ImportedMaintenance[],
  snapshot: ImportSnapshot,
  known: Set<string>,
  issues: IssueList,
  now: string,
): MaintenanceStep[] {
  return maintenances.map((m) => {
    checkComponents(m, known, issues);
    const updates = m.updates.map((u) => {
      const existing = snapshot.maintenanceUpdates.get(u.id);
      if (existing && existing.maintenance_id !== m.id) {
        issues.add(`${u.path}.id`, `"${u.id}" already belongs to maintenance "${existing.maintenance_id}" in the database`);
      }
      const changesDiffer = existing !== undefined && !sameChanges(snapshot.maintenanceChanges.get(u.id) ?? [], u.changes);
      return updateStep(u, existing, changesDiffer);
    });
    const { path, id, updates: _u, component_ids: _c, embedded_descriptions: _d, ...values } = m;
    const fields = [
      'name', 'status', 'impact', 'shortlink', 'scheduled_for', 'scheduled_until', 'announced_at', 'started_at', 'completed_at', 'created_at', 'updated_at',
    ] as const;
    const existing = snapshot.maintenances.get(id);
    const base = step(path, id, values, existing, [...fields]);
    // Decided once, on creation (a re-import must not flip it): only a window still wholly
    // ahead follows the clock; one under way or past is moved by hand, so Vigil never posts
    // automatic updates about work that Statuspage already reported on.
    const auto = existing ? existing.auto_transition : m.status === 'scheduled' && m.scheduled_for > now ? 1 : 0;
    return { ...eventStep(base, m, snapshot.maintenanceComponents.get(id) ?? [], updates), auto_transition: auto };
  });
}

function checkComponents(event: ImportedIncident | ImportedMaintenance, known: Set<string>, issues: IssueList): void {
  event.component_ids.forEach((componentId, j) => {
    if (!known.has(componentId)) {
      issues.add(
        `${event.path}.components[${j}].id`,
        `no component "${componentId}" in this file or the database; import the page's components.json (or summary.json) first`,
      );
    }
  });
}

function updateStep<S extends string>(update: ImportedUpdate<S>, existing: Record<(typeof UPDATE_FIELDS)[number], unknown> | undefined, changesDiffer: boolean): UpdateStep<S> {
  if (!existing) return { op: 'create', update, changesDiffer: false };
  const differs = changesDiffer || UPDATE_FIELDS.some((f) => existing[f] !== update[f]);
  return { op: differs ? 'update' : 'unchanged', update, changesDiffer };
}

function eventStep<E extends ImportedIncident | ImportedMaintenance, R>(
  base: { op: Op; path: string; id: string; existing: R | undefined; changed: string[] },
  event: E,
  storedComponents: string[],
  updates: UpdateStep<IncidentStatus | MaintenanceStatus>[],
): EventStep<E, R> {
  if (base.op === 'create') return { ...base, event, storedComponentIds: [], componentsDiffer: false, updates, changed: [] };
  // The order the event lists its components in is kept, so a new order is a change.
  const componentsDiffer = !sameList(storedComponents, event.component_ids);
  const added = updates.filter((u) => u.op === 'create').length;
  const edited = updates.filter((u) => u.op === 'update').length;
  const changed = [
    ...base.changed,
    ...(componentsDiffer ? ['components'] : []),
    ...(added + edited > 0 ? [`incident_updates (${[added ? `${added} new` : '', edited ? `${edited} changed` : ''].filter(Boolean).join(', ')})`] : []),
  ];
  return { ...base, op: changed.length > 0 ? 'update' : 'unchanged', event, storedComponentIds: storedComponents, componentsDiffer, updates, changed };
}

/** Compared in order: the order an update lists its components in is kept (position). */
function sameChanges(stored: ChangeRow[], imported: ImportedChange[]): boolean {
  const key = (c: Omit<ImportedChange, 'old_status' | 'new_status'> & { old_status: string; new_status: string }) => JSON.stringify([c.component_id, c.component_name, c.old_status, c.new_status]);
  return JSON.stringify(stored.map(key)) === JSON.stringify(imported.map(key));
}
