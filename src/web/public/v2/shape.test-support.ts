// Test support: checks a rendered v2 document against the reference fixture
// (fixtures/statuspage-summary.json) object kind by object kind — exact keys
// in exact order, and each value of the type Statuspage gives it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const reference = JSON.parse(readFileSync(new URL('./fixtures/statuspage-summary.json', import.meta.url), 'utf8'));

export const KEYS = {
  summary: Object.keys(reference),
  page: Object.keys(reference.page),
  status: Object.keys(reference.status),
  group: Object.keys(reference.components[0]),
  component: Object.keys(reference.components[1]),
  incident: Object.keys(reference.incidents[0]),
  update: Object.keys(reference.incidents[0].incident_updates[0]),
  affected: Object.keys(reference.incidents[0].incident_updates[1].affected_components[0]),
  maintenance: Object.keys(reference.scheduled_maintenances[0]),
} as const;

/** Keys whose value may be null, with the type they have otherwise (null: always null in Statuspage's documents for us). */
const NULLABLE: Record<string, string | null> = {
  description: 'string',
  start_date: 'string',
  group_id: 'string',
  monitoring_at: 'string',
  resolved_at: 'string',
  affected_components: 'array',
  custom_tweet: 'string',
  tweet_id: 'string',
  reminder_intervals: null,
};

export const ENUMS = {
  componentStatus: ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'],
  indicator: ['none', 'minor', 'major', 'critical', 'maintenance'],
  incidentStatus: ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'],
  incidentImpact: ['none', 'minor', 'major', 'critical'],
  maintenanceStatus: ['scheduled', 'in_progress', 'verifying', 'completed'],
};

/** ISO-8601 with milliseconds and an offset (Z or ±hh:mm), as Statuspage writes them. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const TIME_KEYS = new Set(['created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'started_at', 'display_at', 'scheduled_for', 'scheduled_until']);

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function checkObject(kind: keyof typeof KEYS, obj: any, where: string): void {
  assert.deepEqual(Object.keys(obj), KEYS[kind], `${where}: keys of a ${kind}`);
  const ref =
    kind === 'group' ? reference.components[0]
    : kind === 'component' ? reference.components[1]
    : kind === 'incident' ? reference.incidents[0]
    : kind === 'update' ? reference.incidents[0].incident_updates[1]
    : kind === 'affected' ? reference.incidents[0].incident_updates[1].affected_components[0]
    : kind === 'maintenance' ? reference.scheduled_maintenances[0]
    : reference[kind];
  for (const key of KEYS[kind]) {
    const actual = typeOf(obj[key]);
    const nullable = Object.hasOwn(NULLABLE, key);
    const expected = nullable ? (NULLABLE[key] ?? 'null') : typeOf(ref[key]);
    assert.ok(actual === expected || (nullable && actual === 'null'), `${where}.${key}: ${actual}, want ${expected}${nullable ? ' or null' : ''}`);
    if (TIME_KEYS.has(key) && obj[key] !== null) assert.match(obj[key], TIMESTAMP, `${where}.${key}`);
  }
}

export function checkComponent(c: any, where: string): void {
  checkObject(c.group ? 'group' : 'component', c, where);
  assert.ok(ENUMS.componentStatus.includes(c.status), `${where}.status ${c.status}`);
}

function checkUpdate(u: any, where: string, statuses: string[]): void {
  checkObject('update', u, where);
  assert.ok(statuses.includes(u.status), `${where}.status ${u.status}`);
  (u.affected_components ?? []).forEach((a: any, k: number) => {
    checkObject('affected', a, `${where}.affected_components[${k}]`);
    assert.ok(ENUMS.componentStatus.includes(a.old_status) && ENUMS.componentStatus.includes(a.new_status), `${where}.affected_components[${k}]`);
  });
}

export function checkIncident(i: any, where: string): void {
  checkObject('incident', i, where);
  assert.ok(ENUMS.incidentStatus.includes(i.status), `${where}.status ${i.status}`);
  assert.ok(ENUMS.incidentImpact.includes(i.impact), `${where}.impact ${i.impact}`);
  i.incident_updates.forEach((u: any, k: number) => checkUpdate(u, `${where}.incident_updates[${k}]`, ENUMS.incidentStatus));
  i.components.forEach((c: any, k: number) => checkObject('component', c, `${where}.components[${k}]`));
}

export function checkMaintenance(m: any, where: string): void {
  checkObject('maintenance', m, where);
  assert.ok(ENUMS.maintenanceStatus.includes(m.status), `${where}.status ${m.status}`);
  assert.equal(m.impact, 'maintenance', `${where}.impact`);
  m.incident_updates.forEach((u: any, k: number) => checkUpdate(u, `${where}.incident_updates[${k}]`, ENUMS.maintenanceStatus));
  m.components.forEach((c: any, k: number) => checkObject('component', c, `${where}.components[${k}]`));
}

/** Checks any of the eight documents: its top-level keys for `path`, then every object in it. */
export function checkDocument(path: string, doc: any): void {
  const top: Record<string, string[]> = {
    '/api/v2/summary.json': KEYS.summary as unknown as string[],
    '/api/v2/status.json': ['page', 'status'],
    '/api/v2/components.json': ['page', 'components'],
    '/api/v2/incidents.json': ['page', 'incidents'],
    '/api/v2/incidents/unresolved.json': ['page', 'incidents'],
    '/api/v2/scheduled-maintenances.json': ['page', 'scheduled_maintenances'],
    '/api/v2/scheduled-maintenances/upcoming.json': ['page', 'scheduled_maintenances'],
    '/api/v2/scheduled-maintenances/active.json': ['page', 'scheduled_maintenances'],
  };
  assert.deepEqual(Object.keys(doc), top[path], `${path}: top-level keys`);
  checkObject('page', doc.page, `${path} page`);
  if (doc.status) {
    checkObject('status', doc.status, `${path} status`);
    assert.ok(ENUMS.indicator.includes(doc.status.indicator));
  }
  doc.components?.forEach((c: any, k: number) => checkComponent(c, `${path} components[${k}]`));
  doc.incidents?.forEach((i: any, k: number) => checkIncident(i, `${path} incidents[${k}]`));
  doc.scheduled_maintenances?.forEach((m: any, k: number) => checkMaintenance(m, `${path} scheduled_maintenances[${k}]`));
}
