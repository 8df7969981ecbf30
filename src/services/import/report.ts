// What an import did, as data and as the lines `vigil import statuspage`
// prints: one per entity that changed, one per kind of field the file holds
// that Vigil does not keep (or serves otherwise), then one summary line.
import type { ImportPlan, Op } from './plan.js';
import type { IgnoredField, Section, StatuspageDocument } from './types.js';

export interface ImportReport {
  source: string;
  sections: Section[];
  /** What the file holds. */
  found: { components: number; groups: number; incidents: number; incidentUpdates: number; maintenances: number; maintenanceUpdates: number };
  /** Groups, components, incidents and maintenances (the page is reported on its own line). */
  counts: { created: number; updated: number; unchanged: number };
  /** One line per updated entity and for the page when it changed, e.g. `~ incident abc (API outage): status, resolved_at`. */
  changes: string[];
  /** Fields of the file Vigil does not keep (not written), e.g. `incidents[*].postmortem_body` 3 times. */
  ignored: IgnoredField[];
  /** Embedded component descriptions that differ from the component's own: served as the component's. */
  outdated: IgnoredField[];
}

export function buildReport(source: string, doc: StatuspageDocument, plan: ImportPlan): ImportReport {
  const entities: { op: Op; label: string; changed: string[] }[] = [
    ...plan.groups.map((g) => ({ op: g.op, label: `group ${g.id} (${g.values.name})`, changed: g.changed })),
    ...plan.components.map((c) => ({ op: c.op, label: `component ${c.id} (${c.values.name})`, changed: c.changed })),
    ...plan.incidents.map((i) => ({ op: i.op, label: `incident ${i.id} (${i.event.name})`, changed: i.changed })),
    ...plan.maintenances.map((m) => ({ op: m.op, label: `maintenance ${m.id} (${m.event.name})`, changed: m.changed })),
  ];
  const count = (op: Op) => entities.filter((e) => e.op === op).length;
  const pageLine = plan.page.op === 'unchanged' ? [] : [`~ page (${plan.page.values.name}): ${plan.page.op === 'create' ? 'created' : plan.page.changed.join(', ')}`];
  return {
    source,
    sections: doc.sections,
    found: {
      components: doc.groups.length + doc.components.length,
      groups: doc.groups.length,
      incidents: doc.incidents.length,
      incidentUpdates: doc.incidents.reduce((n, i) => n + i.updates.length, 0),
      maintenances: doc.maintenances.length,
      maintenanceUpdates: doc.maintenances.reduce((n, m) => n + m.updates.length, 0),
    },
    counts: { created: count('create'), updated: count('update'), unchanged: count('unchanged') },
    changes: [...pageLine, ...entities.filter((e) => e.op === 'update').map((e) => `~ ${e.label}: ${e.changed.join(', ')}`)],
    ignored: doc.ignored,
    outdated: plan.outdated,
  };
}

/** `imported summary.json: 12 components (3 groups), 1 incident (14 updates), 2 maintenances — 15 created, 0 updated, 0 unchanged`. */
export function formatReport(report: ImportReport): string[] {
  const { found, counts } = report;
  const parts: string[] = [];
  if (report.sections.includes('components')) parts.push(`${plural(found.components, 'component')} (${plural(found.groups, 'group')})`);
  if (report.sections.includes('incidents') || found.incidents > 0) parts.push(`${plural(found.incidents, 'incident')} (${plural(found.incidentUpdates, 'update')})`);
  if (report.sections.includes('scheduled_maintenances') || found.maintenances > 0) parts.push(plural(found.maintenances, 'maintenance'));
  const totals = `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`;
  const ignored = report.ignored.map((f) => `ignored: ${f.path} (${f.count}×)`);
  const outdated = report.outdated.map((f) => `served as the component is now: ${f.path} (${f.count}×)`);
  return [...report.changes, ...ignored, ...outdated, `imported ${report.source}: ${parts.join(', ')} — ${totals}`];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
