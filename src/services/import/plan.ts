// Decides, without writing, what importing a document does: for every entry
// matched by its original id, create it, update the fields that differ, or
// leave it alone. Problems only the database reveals (an id used by the other
// kind of row, a group or component that exists nowhere) are collected here.
import type { ComponentGroupRow, ComponentRow, SettingsRow } from '../../store/schema.js';
import { step } from './compare.js';
import { IssueList } from './issues.js';
import { planHistory, type HistoryRow } from './history.js';
import { planIncidents, planMaintenances, type IncidentStep, type MaintenanceStep } from './planEvents.js';
import type { ImportSnapshot } from './snapshot.js';
import type { IgnoredField, ImportedComponent, ImportedGroup, StatuspageDocument } from './types.js';

export type { Op, Step } from './compare.js';
import type { Step } from './compare.js';

export type GroupValues = Omit<ImportedGroup, 'path' | 'id'>;
export type ComponentValues = Omit<ImportedComponent, 'path' | 'id'>;

export interface PageValues {
  name: string;
  public_url: string;
  time_zone: string;
  page_id: string;
  updated_at: string;
}

export interface ImportPlan {
  /** Embedded component descriptions that differ from the component's (served as the component's), by path. */
  outdated: IgnoredField[];
  page: Step<PageValues, SettingsRow>;
  groups: Step<GroupValues, ComponentGroupRow>[];
  components: Step<ComponentValues, ComponentRow>[];
  incidents: IncidentStep[];
  maintenances: MaintenanceStep[];
  history: HistoryRow[];
}

/** `now` decides which imported maintenances still follow the clock (see planEvents.ts). */
export function planImport(doc: StatuspageDocument, snapshot: ImportSnapshot, now: string): ImportPlan {
  const issues = new IssueList();
  const page = planPage(doc, snapshot.settings);
  const groups = doc.groups.map((g) => {
    if (snapshot.components.has(g.id)) issues.add(`${g.path}.id`, `"${g.id}" is a component in the database, not a group; a group and a component cannot share an id`);
    const { path, id, ...values } = g;
    return step(path, id, values, snapshot.groups.get(id), ['name', 'description', 'position', 'sequence', 'created_at', 'updated_at']);
  });
  const fileGroups = new Set(doc.groups.map((g) => g.id));
  const components = doc.components.map((c) => {
    if (snapshot.groups.has(c.id)) issues.add(`${c.path}.id`, `"${c.id}" is a component group in the database; a group and a component cannot share an id`);
    if (c.group_id !== null && !fileGroups.has(c.group_id) && !snapshot.groups.has(c.group_id)) {
      issues.add(`${c.path}.group_id`, `no group "${c.group_id}" in this file or the database`);
    }
    const { path, id, ...values } = c;
    const fields: (keyof ComponentValues)[] = [
      'name', 'description', 'group_id', 'status', 'position', 'sequence', 'showcase', 'only_show_if_degraded', 'start_date', 'created_at', 'updated_at',
    ];
    return step(path, id, values, snapshot.components.get(id), fields);
  });
  const known = new Set([...doc.components.map((c) => c.id), ...snapshot.referencedComponents]);
  const incidents = planIncidents(doc.incidents, snapshot, known, issues);
  const maintenances = planMaintenances(doc.maintenances, snapshot, known, issues, now);
  issues.throwIfAny();
  const history = planHistory(components, incidents, snapshot);
  return { outdated: outdatedDescriptions(doc, snapshot), page, groups, components, incidents, maintenances, history };
}

/**
 * Statuspage embeds each component in an incident as it is now, so a document
 * whose embedded description disagrees with the component's (an older
 * incidents.json after a newer components.json) cannot come back as it was:
 * Vigil serves the component as it is, and the report says so.
 */
function outdatedDescriptions(doc: StatuspageDocument, snapshot: ImportSnapshot): IgnoredField[] {
  const current = new Map<string, string | null>([...snapshot.components].map(([id, row]) => [id, row.description]));
  for (const c of doc.components) current.set(c.id, c.description);
  const found = new Map<string, number>();
  for (const event of [...doc.incidents, ...doc.maintenances]) {
    const path = `${event.path.replace(/\[\d+\]$/, '[*]')}.components[*].description`;
    for (const e of event.embedded_descriptions) {
      if (current.has(e.component_id) && current.get(e.component_id) !== e.description) found.set(path, (found.get(path) ?? 0) + 1);
    }
  }
  return [...found].map(([path, count]) => ({ path, count }));
}

function planPage(doc: StatuspageDocument, existing: SettingsRow | undefined): Step<PageValues, SettingsRow> {
  const { page } = doc;
  const values: PageValues = { name: page.name, public_url: page.url, time_zone: page.time_zone, page_id: page.id, updated_at: page.updated_at };
  return step('page', page.id, values, existing, ['name', 'public_url', 'time_zone', 'page_id', 'updated_at']);
}
