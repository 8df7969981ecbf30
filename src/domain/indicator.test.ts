import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATOR_DESCRIPTIONS, pageIndicator, type IndicatorInput } from './indicator.js';
import type { ComponentStatus } from './statuses.js';

function ind(partial: Partial<IndicatorInput>) {
  return pageIndicator({ openIncidentImpacts: [], componentStatuses: [], ...partial });
}

const ops = 'operational' as const;
const many = (n: number, status: ComponentStatus) => Array.from({ length: n }, () => status);

test('all operational', () => {
  assert.deepEqual(ind({}), { indicator: 'none', description: 'All Systems Operational' });
  assert.deepEqual(ind({ componentStatuses: [ops, ops] }), { indicator: 'none', description: 'All Systems Operational' });
});

test('on a page with components, incidents do not move the indicator: the components do', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['major'], componentStatuses: [...many(10, ops), 'partial_outage'] }), { indicator: 'minor', description: 'Minor Service Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['major'], componentStatuses: [...many(5, ops), 'degraded_performance'] }), { indicator: 'minor', description: 'Partially Degraded Service' });
  assert.deepEqual(ind({ openIncidentImpacts: ['minor'], componentStatuses: [...many(8, ops), 'under_maintenance'] }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
  assert.deepEqual(ind({ openIncidentImpacts: ['critical'], componentStatuses: [ops, ops] }), { indicator: 'none', description: 'All Systems Operational' });
});

test('on a page without components, the worst unresolved incident decides', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['none'] }), { indicator: 'none', description: 'All Systems Operational' });
  assert.deepEqual(ind({ openIncidentImpacts: ['minor'] }), { indicator: 'minor', description: 'Minor Service Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['minor', 'critical', 'major'] }), { indicator: 'critical', description: 'Major System Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['major', 'none'] }), { indicator: 'major', description: 'Partial System Outage' });
});

test('the worst component status wins: major, partial, degraded, maintenance', () => {
  assert.deepEqual(ind({ componentStatuses: [ops, 'major_outage', 'partial_outage'] }), { indicator: 'major', description: 'Partial System Outage' });
  assert.deepEqual(ind({ componentStatuses: [ops, 'degraded_performance', 'partial_outage'] }), { indicator: 'minor', description: 'Minor Service Outage' });
  assert.deepEqual(ind({ componentStatuses: [ops, 'under_maintenance', 'degraded_performance', ...many(4, 'under_maintenance')] }), { indicator: 'minor', description: 'Partially Degraded Service' });
  assert.deepEqual(ind({ componentStatuses: [ops, 'under_maintenance'] }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
});

test('every component in major outage is critical; one short of it is major', () => {
  assert.deepEqual(ind({ componentStatuses: many(3, 'major_outage') }), { indicator: 'critical', description: 'Major System Outage' });
  assert.deepEqual(ind({ componentStatuses: [...many(2, 'major_outage'), 'under_maintenance'] }), { indicator: 'major', description: 'Partial System Outage' });
});

test('a one-component page reads its component directly', () => {
  assert.deepEqual(ind({ componentStatuses: ['operational'] }), { indicator: 'none', description: 'All Systems Operational' });
  assert.deepEqual(ind({ componentStatuses: ['under_maintenance'] }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
  assert.deepEqual(ind({ componentStatuses: ['degraded_performance'] }), { indicator: 'minor', description: 'Partially Degraded Service' });
  assert.deepEqual(ind({ componentStatuses: ['partial_outage'] }), { indicator: 'major', description: 'Partial System Outage' });
  assert.deepEqual(ind({ componentStatuses: ['major_outage'] }), { indicator: 'critical', description: 'Major System Outage' });
});

test('INDICATOR_DESCRIPTIONS covers every indicator', () => {
  for (const k of ['none', 'minor', 'major', 'critical', 'maintenance'] as const) assert.equal(typeof INDICATOR_DESCRIPTIONS[k], 'string');
  assert.equal(INDICATOR_DESCRIPTIONS.degraded, 'Partially Degraded Service');
});
