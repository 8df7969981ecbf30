// What a document must say consistently about itself, before the database is
// consulted: ids are unique, groups are one level deep and agree with their
// children, every update belongs to the incident listing it, windows make sense.
import { windowProblem } from '../../domain/maintenance.js';
import type { ComponentInput, IncidentInput, MaintenanceInput } from './format.js';
import type { IssueList } from './issues.js';
import type { Entry, StatuspageDocument } from './types.js';

export interface RawEntries {
  components: Entry<ComponentInput>[];
  /** incidents.json entries, possibly including maintenances. */
  incidents: Entry<IncidentInput | MaintenanceInput>[];
  maintenances: Entry<MaintenanceInput>[];
}

export function checkReferences(doc: StatuspageDocument, raw: RawEntries, issues: IssueList): void {
  const pageId = doc.page.id;
  const notes = [...raw.components, ...raw.incidents, ...raw.maintenances];
  for (const { path, value } of notes) {
    if (value.page_id !== undefined && value.page_id !== pageId) {
      issues.add(`${path}.page_id`, `belongs to page "${value.page_id}", not to this document's page "${pageId}"`);
    }
  }
  checkComponents(raw.components, issues);
  checkEvents(raw, issues);
  for (const m of doc.maintenances) {
    const problem = windowProblem(m.scheduled_for, m.scheduled_until);
    if (problem) issues.add(`${m.path}.scheduled_until`, problem);
  }
  for (const u of [...doc.incidents.flatMap((e) => e.updates), ...doc.maintenances.flatMap((e) => e.updates)]) {
    const seen = new Map<string, number>();
    u.changes.forEach((c, i) => {
      const first = seen.get(c.component_id);
      if (first !== undefined) issues.add(`${u.path}.affected_components[${i}].code`, `"${c.component_id}" is already listed at affected_components[${first}]`);
      else seen.set(c.component_id, i);
    });
  }
}

function checkComponents(entries: Entry<ComponentInput>[], issues: IssueList): void {
  const byId = new Map<string, Entry<ComponentInput>>();
  for (const entry of entries) {
    const first = byId.get(entry.value.id);
    if (first) issues.add(`${entry.path}.id`, `duplicate id "${entry.value.id}" (also ${first.path})`);
    else byId.set(entry.value.id, entry);
  }
  for (const { path, value: c } of entries) {
    if (c.group && c.group_id !== null) issues.add(`${path}.group_id`, 'a group cannot belong to another group (groups are one level deep)');
    if (!c.group && (c.components?.length ?? 0) > 0) issues.add(`${path}.components`, 'only a group (group: true) lists components');
    if (!c.group && c.group_id !== null) {
      const parent = byId.get(c.group_id);
      if (parent && !parent.value.group) issues.add(`${path}.group_id`, `"${c.group_id}" is ${parent.path}, which is not a group`);
      else if (parent?.value.components && !parent.value.components.includes(c.id)) {
        issues.add(`${path}.group_id`, `the group "${c.group_id}" (${parent.path}) does not list this component in its components`);
      }
    }
    if (c.group) {
      c.components?.forEach((childId, i) => {
        const child = byId.get(childId);
        if (!child) issues.add(`${path}.components[${i}]`, `no component "${childId}" in this file`);
        else if (child.value.group_id !== c.id) issues.add(`${path}.components[${i}]`, `"${childId}" (${child.path}) has group_id ${JSON.stringify(child.value.group_id)}, not this group`);
      });
    }
  }
}

function checkEvents(raw: RawEntries, issues: IssueList): void {
  const events = [...raw.incidents, ...raw.maintenances];
  const byId = new Map<string, Entry<IncidentInput | MaintenanceInput>>();
  for (const entry of events) {
    const first = byId.get(entry.value.id);
    if (first) issues.add(`${entry.path}.id`, `duplicate id "${entry.value.id}" (also ${first.path})`);
    else byId.set(entry.value.id, entry);
  }
  // Incident updates and maintenance updates live in different tables, so each set must be unique on its own.
  const seen = { incident: new Map<string, string>(), maintenance: new Map<string, string>() };
  for (const { path, value: event } of events) {
    const kind = 'scheduled_for' in event ? 'maintenance' : 'incident';
    event.incident_updates.forEach((u, i) => {
      const at = `${path}.incident_updates[${i}]`;
      const first = seen[kind].get(u.id);
      if (first) issues.add(`${at}.id`, `duplicate id "${u.id}" (also ${first})`);
      else seen[kind].set(u.id, at);
      if (u.incident_id === undefined || u.incident_id === event.id) return;
      const owner = byId.get(u.incident_id);
      issues.add(
        `${at}.incident_id`,
        owner
          ? `points at ${owner.path} ("${u.incident_id}"), not at the ${kind} that lists it ("${event.id}")`
          : `points at "${u.incident_id}", which is not in this file; an update must belong to the ${kind} that lists it ("${event.id}")`,
      );
    });
  }
}
