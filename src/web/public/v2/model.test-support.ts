// Test support (not part of the build's surface). A small public model built by hand for the renderer tests: a group with two
// members, two ungrouped components, incidents in every state and maintenances
// in every state. Tests change what they need on the returned object.
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicModel, PublicUpdate } from '../../../services/public/model.js';

const T = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString();

export function component(id: string, fields: Partial<PublicComponent> = {}): PublicComponent {
  return {
    id,
    name: id.toUpperCase(),
    description: null,
    status: 'operational',
    group_id: null,
    position: 0,
    showcase: false,
    only_show_if_degraded: false,
    start_date: null,
    created_at: T(0),
    updated_at: T(1),
    ...fields,
  };
}

export function update<S extends string>(id: string, status: S, minute: number, fields: Partial<PublicUpdate<S>> = {}): PublicUpdate<S> {
  return {
    id,
    status,
    body: `${status} at ${minute}`,
    display_at: T(minute),
    created_at: T(minute),
    updated_at: T(minute),
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
    affected_components: [],
    ...fields,
  };
}

export function incident(id: string, status: PublicIncident['status'], minute: number, fields: Partial<PublicIncident> = {}): PublicIncident {
  return {
    id,
    name: `Incident ${id}`,
    status,
    impact: 'minor',
    shortlink: null,
    started_at: T(minute),
    created_at: T(minute),
    updated_at: T(minute + 1),
    monitoring_at: null,
    resolved_at: status === 'resolved' || status === 'postmortem' ? T(minute + 1) : null,
    component_ids: [],
    updates: [update(`${id}-u1`, status, minute)],
    postmortem: null,
    ...fields,
  };
}

export function maintenance(id: string, status: PublicMaintenance['status'], minute: number, fields: Partial<PublicMaintenance> = {}): PublicMaintenance {
  return {
    id,
    name: `Maintenance ${id}`,
    status,
    shortlink: null,
    scheduled_for: T(minute),
    scheduled_until: T(minute + 30),
    started_at: status === 'scheduled' ? null : T(minute),
    completed_at: status === 'completed' ? T(minute + 30) : null,
    created_at: T(0),
    updated_at: T(1),
    component_ids: [],
    updates: [update(`${id}-u1`, status, minute)],
    ...fields,
  };
}

/**
 * Display order: group g (position 0) with a (0) and b (1); c (ungrouped, 1);
 * d (ungrouped, 2); made in the order g, a, b, c, d (sequence). Incidents
 * newest first; maintenances newest window first.
 */
export function testModel(): PublicModel {
  const a = component('a', { group_id: 'g', position: 0, sequence: 2, status: 'partial_outage', description: 'Alpha', showcase: true, start_date: '2026-01-15' });
  const b = component('b', { group_id: 'g', position: 1, sequence: 3, status: 'degraded_performance' });
  const c = component('c', { position: 1, sequence: 4 });
  const d = component('d', { position: 2, sequence: 5, only_show_if_degraded: true });
  return {
    generated_at: T(59),
    page: { id: 'page00000001', name: 'Acme', url: 'https://status.acme.test/', time_zone: 'UTC', updated_at: T(50), logo_url: null, accent_color: null },
    status: { indicator: 'minor', description: 'Minor Service Outage' },
    groups: [{ id: 'g', name: 'Platform', description: 'Core services', position: 0, sequence: 1, component_ids: ['a', 'b'], created_at: T(0), updated_at: T(2) }],
    components: [a, b, c, d],
    incidents: [
      incident('i3', 'identified', 40, {
        impact: 'major',
        component_ids: ['a', 'c'],
        updates: [
          update('i3-u2', 'identified', 45),
          update('i3-u1', 'investigating', 40, {
            affected_components: [{ code: 'a', name: 'A', old_status: 'operational', new_status: 'partial_outage' }],
          }),
        ],
      }),
      incident('i2', 'resolved', 30, { shortlink: 'https://stspg.io/abc' }),
      incident('i1', 'postmortem', 20),
    ],
    maintenances: [
      maintenance('m4', 'scheduled', 55, { component_ids: ['d', 'a'] }),
      maintenance('m3', 'verifying', 35),
      maintenance('m2', 'in_progress', 25),
      maintenance('m1', 'completed', 5),
    ],
    uptime: {},
  };
}
