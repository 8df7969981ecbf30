import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATOR_DESCRIPTIONS, pageIndicator, type IndicatorInput } from './indicator.js';

function ind(partial: Partial<IndicatorInput>) {
  return pageIndicator({ openIncidentImpacts: [], componentStatuses: [], maintenanceInProgress: false, ...partial });
}

test('all operational', () => {
  assert.deepEqual(ind({}), { indicator: 'none', description: 'All Systems Operational' });
  assert.deepEqual(ind({ componentStatuses: ['operational', 'operational'] }), { indicator: 'none', description: 'All Systems Operational' });
});

test('open incidents map impact to indicator with Statuspage wording', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['minor'] }), { indicator: 'minor', description: 'Minor Service Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['major'] }), { indicator: 'major', description: 'Partial System Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['critical'] }), { indicator: 'critical', description: 'Major Service Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['minor', 'critical', 'major'] }), { indicator: 'critical', description: 'Major Service Outage' });
});

test('an impact-none incident alone changes nothing', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['none'], componentStatuses: ['operational'] }), { indicator: 'none', description: 'All Systems Operational' });
});

test('component statuses', () => {
  const ops = 'operational' as const;
  assert.deepEqual(ind({ componentStatuses: [ops, 'degraded_performance'] }), { indicator: 'minor', description: 'Partially Degraded Service' });
  assert.deepEqual(ind({ componentStatuses: [ops, 'partial_outage'] }), { indicator: 'minor', description: 'Minor Service Outage' });
  assert.deepEqual(ind({ componentStatuses: [ops, 'major_outage'] }), { indicator: 'major', description: 'Partial System Outage' });
});

test('partial outage outranks degraded within the minor level', () => {
  assert.deepEqual(ind({ componentStatuses: ['degraded_performance', 'partial_outage'] }), { indicator: 'minor', description: 'Minor Service Outage' });
});

test('every counted component in major outage is critical; maintenance ones are not counted', () => {
  assert.deepEqual(ind({ componentStatuses: ['major_outage'] }), { indicator: 'critical', description: 'Major Service Outage' });
  assert.deepEqual(ind({ componentStatuses: ['major_outage', 'major_outage', 'under_maintenance'] }), { indicator: 'critical', description: 'Major Service Outage' });
  assert.deepEqual(ind({ componentStatuses: ['major_outage', 'partial_outage'] }), { indicator: 'major', description: 'Partial System Outage' });
  assert.deepEqual(ind({ componentStatuses: ['under_maintenance'] }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
});

test('worst of incidents and components wins', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['minor'], componentStatuses: ['operational', 'major_outage'] }), { indicator: 'major', description: 'Partial System Outage' });
  assert.deepEqual(ind({ openIncidentImpacts: ['critical'], componentStatuses: ['degraded_performance'] }), { indicator: 'critical', description: 'Major Service Outage' });
});

test('on a tie the incident description is preferred', () => {
  assert.deepEqual(ind({ openIncidentImpacts: ['minor'], componentStatuses: ['degraded_performance'] }), { indicator: 'minor', description: 'Minor Service Outage' });
});

test('maintenance shows only when nothing is wrong', () => {
  assert.deepEqual(ind({ maintenanceInProgress: true }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
  assert.deepEqual(ind({ componentStatuses: ['operational', 'under_maintenance'] }), { indicator: 'maintenance', description: 'Service Under Maintenance' });
  assert.deepEqual(ind({ maintenanceInProgress: true, componentStatuses: ['under_maintenance', 'degraded_performance'] }), { indicator: 'minor', description: 'Partially Degraded Service' });
  assert.deepEqual(ind({ maintenanceInProgress: true, openIncidentImpacts: ['major'] }), { indicator: 'major', description: 'Partial System Outage' });
});

test('INDICATOR_DESCRIPTIONS covers every indicator', () => {
  for (const k of ['none', 'minor', 'major', 'critical', 'maintenance'] as const) assert.equal(typeof INDICATOR_DESCRIPTIONS[k], 'string');
  assert.equal(INDICATOR_DESCRIPTIONS.degraded, 'Partially Degraded Service');
});
