// The fields of a document that Vigil does not keep: every key outside the
// v2 format (format.ts) at the top level, in the page, the components, the
// incidents and maintenances, their updates, their component changes and the
// component objects they embed. The import writes none of them and names each
// in its report, grouped by where it is (`incidents[*].postmortem_body (3×)`).
import { INCIDENT_STATUSES } from '../../domain/statuses.js';
import { componentSchema, incidentSchema, isLegacyPlaceholder, maintenanceSchema, pageSchema, statusSchema, updateSchema } from './format.js';
import type { IgnoredField, Section } from './types.js';

const keys = (schema: { shape: object }) => new Set(Object.keys(schema.shape));

const TOP = new Set(['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
const PAGE = keys(pageSchema);
const STATUS = keys(statusSchema);
const COMPONENT = keys(componentSchema);
const INCIDENT = keys(incidentSchema);
const MAINTENANCE = keys(maintenanceSchema);
const UPDATE = keys(updateSchema(INCIDENT_STATUSES));
const CHANGE = new Set(['code', 'name', 'old_status', 'new_status']);

/** `isMaintenance` tells an incidents.json entry that is a maintenance (parse.ts decides). */
export function unknownFields(doc: Record<string, unknown>, sections: Section[], isMaintenance: (raw: unknown) => boolean): IgnoredField[] {
  const found = new Map<string, number>();
  const note = (path: string) => found.set(path, (found.get(path) ?? 0) + 1);
  const extra = (value: unknown, known: Set<string>, at: string) => {
    if (!isObject(value)) return;
    for (const key of Object.keys(value)) if (!known.has(key)) note(at ? `${at}.${key}` : key);
  };

  extra(doc, TOP, '');
  extra(doc.page, PAGE, 'page');
  extra(doc.status, STATUS, 'status');
  if (sections.includes('components')) for (const c of list(doc.components)) extra(c, COMPONENT, 'components[*]');
  const events = (section: 'incidents' | 'scheduled_maintenances') => {
    if (!sections.includes(section)) return;
    for (const e of list(doc[section])) {
      const at = `${section}[*]`;
      extra(e, section === 'incidents' && !isMaintenance(e) ? INCIDENT : MAINTENANCE, at);
      if (!isObject(e)) continue;
      for (const c of list(e.components)) extra(c, COMPONENT, `${at}.components[*]`);
      for (const u of list(e.incident_updates)) {
        extra(u, UPDATE, `${at}.incident_updates[*]`);
        if (!isObject(u)) continue;
        for (const a of list(u.affected_components)) if (!isLegacyPlaceholder(a)) extra(a, CHANGE, `${at}.incident_updates[*].affected_components[*]`);
      }
    }
  };
  events('incidents');
  events('scheduled_maintenances');
  return [...found].map(([path, count]) => ({ path, count }));
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
