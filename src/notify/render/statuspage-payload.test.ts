// The webhook body against the shape Statuspage sends: the field names of its
// documented example and of payloads it really delivered (incident created,
// incident resolved, component status changed), with their JSON types.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { everyEvent, incidentEvent, page } from '../channels/sample-events.test-support.js';
import { statuspageBody, statuspageMeta } from './statuspage-payload.js';

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'string|null' | 'array|null';

/** Field → JSON type, as in Statuspage's delivered incident payloads. */
const INCIDENT: Record<string, Kind> = {
  name: 'string',
  status: 'string',
  created_at: 'string',
  updated_at: 'string',
  monitoring_at: 'string|null',
  resolved_at: 'string|null',
  impact: 'string',
  shortlink: 'string',
  postmortem_ignored: 'boolean',
  postmortem_body: 'string|null',
  postmortem_body_last_updated_at: 'string|null',
  postmortem_published_at: 'string|null',
  postmortem_notified_subscribers: 'boolean',
  postmortem_notified_twitter: 'boolean',
  backfilled: 'boolean',
  scheduled_for: 'string|null',
  scheduled_until: 'string|null',
  scheduled_remind_prior: 'boolean',
  scheduled_reminded_at: 'string|null',
  impact_override: 'string|null',
  scheduled_auto_in_progress: 'boolean',
  scheduled_auto_completed: 'boolean',
  id: 'string',
  page_id: 'string',
  incident_updates: 'array',
  components: 'array',
};
const UPDATE: Record<string, Kind> = {
  status: 'string',
  body: 'string',
  created_at: 'string',
  wants_twitter_update: 'boolean',
  twitter_updated_at: 'string|null',
  updated_at: 'string',
  display_at: 'string',
  affected_components: 'array|null',
  custom_tweet: 'string|null',
  deliver_notifications: 'boolean',
  id: 'string',
  incident_id: 'string',
};
const AFFECTED: Record<string, Kind> = { code: 'string', name: 'string', old_status: 'string', new_status: 'string' };
const COMPONENT: Record<string, Kind> = {
  status: 'string',
  name: 'string',
  created_at: 'string',
  updated_at: 'string',
  position: 'number',
  description: 'string|null',
  showcase: 'boolean',
  id: 'string',
  page_id: 'string',
  group_id: 'string|null',
};
const COMPONENT_UPDATE: Record<string, Kind> = { old_status: 'string', new_status: 'string', created_at: 'string', component_type: 'string', id: 'string', component_id: 'string' };
const PAGE: Record<string, Kind> = { id: 'string', status_indicator: 'string', status_description: 'string' };
const META: Record<string, Kind> = { unsubscribe: 'string', documentation: 'string' };

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function assertShape(value: unknown, shape: Record<string, Kind>, where: string): void {
  assert.equal(typeOf(value), 'object', where);
  const obj = value as Record<string, unknown>;
  for (const [field, kind] of Object.entries(shape)) {
    assert.ok(field in obj, `${where}.${field} is missing`);
    assert.ok(kind.split('|').includes(typeOf(obj[field])), `${where}.${field}: ${typeOf(obj[field])}, expected ${kind}`);
  }
}

const withMeta = (ev: ReturnType<typeof incidentEvent>) => ({ meta: statuspageMeta(ev, page, 'https://status.acme.test/u', null), ...statuspageBody(ev, page) });

describe('Statuspage webhook payloads', () => {
  test('incident events: meta, page and the incident with its updates and components', () => {
    const body = withMeta(incidentEvent('incident.updated')) as Record<string, any>;
    assert.deepEqual(Object.keys(body), ['meta', 'page', 'incident']);
    assertShape(body.meta, META, 'meta');
    assertShape(body.page, PAGE, 'page');
    assertShape(body.incident, INCIDENT, 'incident');
    assert.equal(body.incident.incident_updates.length, 2);
    for (const u of body.incident.incident_updates) assertShape(u, UPDATE, 'incident_update');
    assertShape(body.incident.incident_updates[0].affected_components[0], AFFECTED, 'affected_component');
    for (const c of body.incident.components) assertShape(c, COMPONENT, 'component');
    assert.equal(body.incident.shortlink, 'https://status.acme.test/incidents/inc000000001');
    assert.equal(body.incident.incident_updates[0].incident_id, 'inc000000001');
    assert.equal(body.meta.unsubscribe, 'https://status.acme.test/u');
  });

  test('maintenances use the incident shape with the window set', () => {
    const ev = everyEvent().find((e) => e.kind === 'maintenance.scheduled')!;
    const body = statuspageBody(ev, page) as Record<string, any>;
    assertShape(body.incident, INCIDENT, 'incident');
    assert.equal(body.incident.scheduled_for, '2026-07-02T22:00:00.000Z');
    assert.equal(body.incident.scheduled_until, '2026-07-02T23:00:00.000Z');
    assert.equal(body.incident.impact, 'maintenance');
    assert.equal(body.incident.shortlink, 'https://status.acme.test/maintenances/mnt000000001');
  });

  test('component events: component_update and component', () => {
    const ev = everyEvent().find((e) => e.kind === 'component.status_changed')!;
    const body = statuspageBody(ev, page) as Record<string, any>;
    assert.deepEqual(Object.keys(body), ['page', 'component_update', 'component']);
    assertShape(body.component_update, COMPONENT_UPDATE, 'component_update');
    assertShape(body.component, COMPONENT, 'component');
    assert.equal(body.component_update.component_type, 'Component');
    assert.equal(body.component.status, 'major_outage');
  });

  test('the page indicator comes from the event when it carries one, else from its components', () => {
    const carried = incidentEvent('incident.updated');
    if (carried.payload.type === 'incident') carried.payload.page_status = { indicator: 'minor', description: 'Minor Service Outage' };
    assert.deepEqual((statuspageBody(carried, page) as any).page, { id: page.id, status_indicator: 'minor', status_description: 'Minor Service Outage' });
    const computed = statuspageBody(incidentEvent('incident.updated'), page) as any;
    assert.equal(computed.page.status_indicator, 'critical');
  });

  test('events Statuspage has no shape for return null', () => {
    for (const ev of everyEvent().filter((e) => e.audience !== 'public')) {
      if (ev.payload.type !== 'incident') assert.equal(statuspageBody(ev, page), null, ev.kind);
    }
  });
});
