// What the database already holds for the ids a document names, read in bulk
// inside the import's transaction so the plan and the writes see the same state.
import type { Kysely } from 'kysely';
import { getComponentsByIds } from '../../store/components.js';
import {
  existingComponentIds,
  groupsByIds,
  incidentComponentLinks,
  incidentsByIds,
  incidentUpdateChanges,
  incidentUpdatesByIds,
  latestStatusChanges,
  maintenanceComponentLinks,
  maintenancesByIds,
  maintenanceUpdateChanges,
  maintenanceUpdatesByIds,
} from '../../store/import.js';
import type {
  ComponentGroupRow,
  ComponentRow,
  DB,
  IncidentRow,
  IncidentUpdateComponentRow,
  IncidentUpdateRow,
  MaintenanceRow,
  MaintenanceUpdateComponentRow,
  MaintenanceUpdateRow,
  SettingsRow,
} from '../../store/schema.js';
import { getSettingsRow } from '../../store/settings.js';
import type { StatuspageDocument } from './types.js';

export interface ImportSnapshot {
  settings: SettingsRow | undefined;
  /** By id: every id the file uses for a group or a component, looked up in both tables. */
  groups: Map<string, ComponentGroupRow>;
  components: Map<string, ComponentRow>;
  /** Ids incidents and maintenances refer to that exist as components. */
  referencedComponents: Set<string>;
  incidents: Map<string, IncidentRow>;
  incidentComponents: Map<string, string[]>;
  incidentUpdates: Map<string, IncidentUpdateRow>;
  incidentChanges: Map<string, IncidentUpdateComponentRow[]>;
  maintenances: Map<string, MaintenanceRow>;
  maintenanceComponents: Map<string, string[]>;
  maintenanceUpdates: Map<string, MaintenanceUpdateRow>;
  /** Each update's changes in the order it listed them. */
  maintenanceChanges: Map<string, MaintenanceUpdateComponentRow[]>;
  /** The newest status-history entry of each component the import may touch. */
  history: Map<string, { status: string; at: string }>;
}

export async function loadSnapshot(db: Kysely<DB>, doc: StatuspageDocument): Promise<ImportSnapshot> {
  const entryIds = [...doc.groups.map((g) => g.id), ...doc.components.map((c) => c.id)];
  const groupIds = [...entryIds, ...doc.components.flatMap((c) => (c.group_id ? [c.group_id] : []))];
  const events = [...doc.incidents, ...doc.maintenances];
  const referenced = events.flatMap((e) => [...e.component_ids, ...e.updates.flatMap((u) => u.changes.map((c) => c.component_id))]);
  const incidentUpdateIds = doc.incidents.flatMap((i) => i.updates.map((u) => u.id));

  // Sequential: inside a transaction every query shares one connection anyway.
  const settings = await getSettingsRow(db);
  const groups = byId(await groupsByIds(db, groupIds));
  const components = byId(await getComponentsByIds(db, [...new Set([...entryIds, ...referenced])]));
  const referencedComponents = await existingComponentIds(db, referenced);
  const incidents = byId(await incidentsByIds(db, doc.incidents.map((i) => i.id)));
  const incidentComponents = grouped(await incidentComponentLinks(db, [...incidents.keys()]), (r) => r.incident_id, (r) => r.component_id);
  const incidentUpdates = byId(await incidentUpdatesByIds(db, incidentUpdateIds));
  const incidentChanges = grouped(await incidentUpdateChanges(db, [...incidentUpdates.keys()]), (r) => r.update_id, (r) => r);
  const maintenances = byId(await maintenancesByIds(db, doc.maintenances.map((m) => m.id)));
  const maintenanceComponents = grouped(await maintenanceComponentLinks(db, [...maintenances.keys()]), (r) => r.maintenance_id, (r) => r.component_id);
  const maintenanceUpdates = byId(await maintenanceUpdatesByIds(db, doc.maintenances.flatMap((m) => m.updates.map((u) => u.id))));
  const maintenanceChanges = grouped(await maintenanceUpdateChanges(db, [...maintenanceUpdates.keys()]), (r) => r.update_id, (r) => r);
  const history = await latestStatusChanges(db, [...new Set([...doc.components.map((c) => c.id), ...referenced])]);
  return {
    settings,
    groups,
    components,
    referencedComponents,
    incidents,
    incidentComponents,
    incidentUpdates,
    incidentChanges,
    maintenances,
    maintenanceComponents,
    maintenanceUpdates,
    maintenanceChanges,
    history,
  };
}

function byId<R extends { id: string }>(rows: R[]): Map<string, R> {
  return new Map(rows.map((r) => [r.id, r]));
}

function grouped<R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const r of rows) {
    const list = map.get(key(r));
    if (list) list.push(value(r));
    else map.set(key(r), [value(r)]);
  }
  return map;
}
