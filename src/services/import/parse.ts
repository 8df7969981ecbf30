// Reads a Statuspage v2 document: JSON, then which document it is (by its
// top-level keys), then every entry against the format, then what the file
// says about itself (duplicate ids, groups and their children, updates and
// their incident). Problems are collected and thrown together; fields outside
// the format are listed as ignored (unknownFields.ts).
import type { z } from 'zod';
import { isIncidentOpen, MAINTENANCE_STATUSES } from '../../domain/statuses.js';
import { IssueList, joinPath } from './issues.js';
import { lineColumn, syntaxErrorOffset } from './jsonLocation.js';
import {
  componentSchema,
  incidentSchema,
  isLegacyPlaceholder,
  maintenanceSchema,
  pageSchema,
  statusSchema,
  type ComponentInput,
  type IncidentInput,
  type MaintenanceInput,
} from './format.js';
import type { EmbeddedDescription, Entry, ImportedComponent, ImportedGroup, ImportedIncident, ImportedMaintenance, ImportedUpdate, Section, StatuspageDocument } from './types.js';
import { checkReferences } from './references.js';
import { unknownFields } from './unknownFields.js';
import { findUnsafeText } from '../validation.js';

const SECTIONS: Section[] = ['components', 'incidents', 'scheduled_maintenances'];

const EXPECTED =
  'expected a Statuspage v2 document: summary.json (page, status, components, incidents, scheduled_maintenances), ' +
  'components.json (page, components), incidents.json (page, incidents) or scheduled-maintenances.json (page, scheduled_maintenances)';

export function parseStatuspageDocument(text: string): StatuspageDocument {
  const issues = new IssueList();
  const root = parseJson(text, issues);
  issues.throwIfAny();
  // NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL): each is named where it is in the file.
  for (const u of findUnsafeText(root)) issues.add(joinPath('', u.path), u.message);
  issues.throwIfAny();
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    issues.add('', `the file holds ${Array.isArray(root) ? 'an array' : typeof root === 'object' ? 'null' : `a ${typeof root}`}; ${EXPECTED}`);
    issues.throwIfAny();
  }
  const doc = root as Record<string, unknown>;
  const sections = SECTIONS.filter((s) => Object.hasOwn(doc, s));
  if (sections.length === 0) {
    const keys = Object.keys(doc);
    const has = keys.length === 0 ? 'no keys' : `the key${keys.length === 1 ? '' : 's'} ${keys.slice(0, 6).map((k) => JSON.stringify(k)).join(', ')}`;
    issues.add('', `the file has ${has}; ${EXPECTED}${keys.includes('status') ? ' (status.json has nothing to import)' : ''}`);
    issues.throwIfAny();
  }

  const page = check(pageSchema, doc.page, 'page', issues);
  if (doc.status !== undefined) check(statusSchema, doc.status, 'status', issues);
  const components = sections.includes('components') ? list(doc.components, 'components', issues, () => componentSchema) : [];
  // incidents.json may list maintenances as well; an entry with a window and a maintenance status is one.
  const incidentEntries = sections.includes('incidents')
    ? list<IncidentInput | MaintenanceInput>(doc.incidents, 'incidents', issues, (raw) => (looksLikeMaintenance(raw) ? maintenanceSchema : incidentSchema))
    : [];
  const maintenanceEntries = sections.includes('scheduled_maintenances')
    ? list(doc.scheduled_maintenances, 'scheduled_maintenances', issues, () => maintenanceSchema)
    : [];
  issues.throwIfAny();

  const split = splitComponents(components);
  const incidents = incidentEntries.filter((e): e is Entry<IncidentInput> => !isMaintenance(e.value)).map(toIncident);
  const maintenances = [...incidentEntries.filter((e): e is Entry<MaintenanceInput> => isMaintenance(e.value)), ...maintenanceEntries].map(toMaintenance);
  const ignored = unknownFields(doc, sections, looksLikeMaintenance);
  const result: StatuspageDocument = { sections, page: page!, groups: split.groups, components: split.components, incidents, maintenances, ignored };
  checkReferences(result, { components, incidents: incidentEntries, maintenances: maintenanceEntries }, issues);
  issues.throwIfAny();
  return result;
}

function parseJson(text: string, issues: IssueList): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    // Tweet ids exceed 2^53: read as numbers they would lose their last digits. A numeric one
    // is read as its digits, marked so it is served as a number again (format.ts).
    return JSON.parse(body.replace(/"tweet_id"(\s*):(\s*)(\d+)(?=\s*[,}])/g, '"tweet_id"$1:$2{"$$digits":"$3"}'));
  } catch (err) {
    const offset = syntaxErrorOffset(body);
    const message = (err as Error).message;
    const token = /^Unexpected token '(.+?)'/.exec(message);
    const reason = token ? `unexpected ${JSON.stringify(token[1])}` : message.split(/ in JSON at position|\n/)[0]!;
    issues.add('', `not valid JSON${offset === null ? '' : ` at ${lineColumn(body, offset)}`}: ${body.trim() === '' ? 'the file is empty' : reason}`);
    return undefined;
  }
}

function check<S extends z.ZodType>(schema: S, value: unknown, path: string, issues: IssueList): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (value === undefined) issues.add(path, 'is required');
  else issues.addZod(result.error, path, value);
  return undefined;
}

function list<T>(value: unknown, path: string, issues: IssueList, schemaFor: (raw: unknown) => z.ZodType<T, any>): Entry<T>[] {
  if (!Array.isArray(value)) {
    // The v2 API answers null for an empty list on some pages.
    if (value !== null) issues.add(path, `must be a list, got ${typeof value}`);
    return [];
  }
  const entries: Entry<T>[] = [];
  value.forEach((raw, i) => {
    const at = joinPath(path, [i]);
    const parsed = check(schemaFor(raw), raw, at, issues);
    if (parsed !== undefined) entries.push({ path: at, value: parsed, raw });
  });
  return entries;
}

function looksLikeMaintenance(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return typeof r.scheduled_for === 'string' && (MAINTENANCE_STATUSES as readonly unknown[]).includes(r.status);
}

function isMaintenance(value: IncidentInput | MaintenanceInput): value is MaintenanceInput {
  return 'scheduled_for' in value;
}

function splitComponents(entries: Entry<ComponentInput>[]): { groups: ImportedGroup[]; components: ImportedComponent[] } {
  const groups: ImportedGroup[] = [];
  const components: ImportedComponent[] = [];
  for (const [sequence, { path, value: c }] of entries.entries()) {
    const common = { path, id: c.id, name: c.name, description: c.description, position: c.position, sequence, created_at: c.created_at, updated_at: c.updated_at };
    if (c.group) {
      groups.push(common);
      continue;
    }
    components.push({
      ...common,
      group_id: c.group_id,
      status: c.status,
      showcase: c.showcase ? 1 : 0,
      only_show_if_degraded: c.only_show_if_degraded ? 1 : 0,
      start_date: c.start_date,
    });
  }
  return { groups, components };
}

function toUpdates<S extends string>(path: string, updates: IncidentInput['incident_updates'] | MaintenanceInput['incident_updates'], raw: unknown): ImportedUpdate<S>[] {
  const rawUpdates = (raw as { incident_updates: unknown[] }).incident_updates;
  return updates.map((u, i) => ({
    path: joinPath(path, ['incident_updates', i]),
    id: u.id,
    status: u.status as S,
    body: u.body,
    display_at: u.display_at,
    created_at: u.created_at,
    updated_at: u.updated_at,
    deliver_notifications: u.deliver_notifications ? 1 : 0,
    custom_tweet: u.custom_tweet,
    tweet_id: u.tweet_id?.text ?? null,
    tweet_id_is_number: u.tweet_id?.number ? 1 : 0,
    no_components_note: legacyNote(rawUpdates[i]),
    changes: u.affected_components.map((a) => ({ component_id: a.code, component_name: a.name, old_status: a.old_status, new_status: a.new_status })),
  }));
}

/** The name of the legacy "No components were affected" entry, when it is the update's only one. */
function legacyNote(rawUpdate: unknown): string | null {
  const listed = (rawUpdate as { affected_components?: unknown }).affected_components;
  if (!Array.isArray(listed) || listed.length !== 1 || !isLegacyPlaceholder(listed[0])) return null;
  return listed[0].name;
}

/** Oldest first by display time; the file lists newest first, but not every exporter does. */
function chronological<S extends string>(updates: ImportedUpdate<S>[]): ImportedUpdate<S>[] {
  return [...updates].sort((a, b) => a.display_at.localeCompare(b.display_at) || a.created_at.localeCompare(b.created_at));
}

function toIncident({ path, value: i, raw }: Entry<IncidentInput>): ImportedIncident {
  const updates = toUpdates<IncidentInput['status']>(path, i.incident_updates, raw);
  const oldest = chronological(updates);
  // Vigil's rule: a closed incident has a resolution time and an open one has none.
  const closedBy = [...oldest].reverse().find((u) => !isIncidentOpen(u.status));
  const resolvedAt = isIncidentOpen(i.status) ? null : (i.resolved_at ?? closedBy?.display_at ?? i.updated_at);
  return {
    path,
    id: i.id,
    name: i.name,
    status: i.status,
    impact: i.impact,
    shortlink: i.shortlink,
    // Exports before 2020 have no started_at: impact began with the first post.
    started_at: i.started_at ?? oldest[0]?.display_at ?? i.created_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    monitoring_at: i.monitoring_at,
    resolved_at: resolvedAt,
    reminder_intervals: i.reminder_intervals,
    component_ids: unique(i.components.map((c) => c.id)),
    embedded_descriptions: embeddedDescriptions(raw),
    updates,
  };
}

function toMaintenance({ path, value: m, raw }: Entry<MaintenanceInput>): ImportedMaintenance {
  const updates = toUpdates<MaintenanceInput['status']>(path, m.incident_updates, raw);
  const oldest = chronological(updates);
  // Statuspage's own started_at is when the notice was posted; Vigil's is when the work began.
  const begun = oldest.find((u) => u.status === 'in_progress') ?? oldest.find((u) => u.status === 'verifying' || u.status === 'completed');
  const started = m.status === 'scheduled' ? null : (begun?.display_at ?? m.scheduled_for);
  const completedBy = [...oldest].reverse().find((u) => u.status === 'completed');
  return {
    path,
    id: m.id,
    name: m.name,
    status: m.status,
    impact: m.impact,
    shortlink: m.shortlink,
    scheduled_for: m.scheduled_for,
    scheduled_until: m.scheduled_until,
    // Exports without one: the notice began with its first post.
    announced_at: m.started_at ?? oldest[0]?.display_at ?? m.created_at,
    started_at: started,
    completed_at: m.status === 'completed' ? (m.resolved_at ?? completedBy?.display_at ?? m.updated_at) : null,
    created_at: m.created_at,
    updated_at: m.updated_at,
    component_ids: unique(m.components.map((c) => c.id)),
    embedded_descriptions: embeddedDescriptions(raw),
    updates,
  };
}

/**
 * Statuspage embeds each component as it is when the document is served (the
 * page's own object in every real capture); the description is kept here only
 * to report a document whose embedded objects disagree with the page's.
 */
function embeddedDescriptions(raw: unknown): EmbeddedDescription[] {
  const listed = (raw as { components?: unknown }).components;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((c: { id: string; description?: unknown }) =>
    typeof c.description === 'string' || c.description === null ? [{ component_id: c.id, description: c.description }] : [],
  );
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
