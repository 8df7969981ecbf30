import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyIncidentStatus, impactFromComponentStatuses, isReopen, type IncidentLifecycle } from './incident.js';
import { INCIDENT_STATUSES } from './statuses.js';

const T1 = '2021-03-30T07:38:00.000Z';
const T2 = '2021-03-30T09:48:00.000Z';
const T3 = '2021-03-30T09:54:00.000Z';
const T4 = '2021-03-31T23:52:00.000Z';

const fresh: IncidentLifecycle = { status: 'investigating', monitoring_at: null, resolved_at: null };

test('seed 000 timeline: backwards move, monitoring, resolved, postmortem', () => {
  let s = fresh;
  s = applyIncidentStatus(s, 'identified', '2021-03-30T07:47:00.000Z');
  assert.deepEqual(s, { status: 'identified', monitoring_at: null, resolved_at: null });
  s = applyIncidentStatus(s, 'investigating', '2021-03-30T09:20:00.000Z');
  assert.deepEqual(s, { status: 'investigating', monitoring_at: null, resolved_at: null });
  s = applyIncidentStatus(s, 'identified', '2021-03-30T09:20:00.000Z');
  s = applyIncidentStatus(s, 'monitoring', T2);
  assert.deepEqual(s, { status: 'monitoring', monitoring_at: T2, resolved_at: null });
  s = applyIncidentStatus(s, 'resolved', T3);
  assert.deepEqual(s, { status: 'resolved', monitoring_at: T2, resolved_at: T3 });
  s = applyIncidentStatus(s, 'postmortem', T4);
  assert.deepEqual(s, { status: 'postmortem', monitoring_at: T2, resolved_at: T3 });
});

test('same status is unchanged', () => {
  for (const status of INCIDENT_STATUSES) {
    const cur: IncidentLifecycle = { status, monitoring_at: T1, resolved_at: status === 'resolved' || status === 'postmortem' ? T2 : null };
    assert.equal(applyIncidentStatus(cur, status, T3), cur);
  }
});

test('does not mutate the input', () => {
  const cur: IncidentLifecycle = { status: 'monitoring', monitoring_at: T1, resolved_at: null };
  applyIncidentStatus(cur, 'resolved', T2);
  assert.deepEqual(cur, { status: 'monitoring', monitoring_at: T1, resolved_at: null });
});

test('entering monitoring again overwrites monitoring_at', () => {
  let s: IncidentLifecycle = { status: 'monitoring', monitoring_at: T1, resolved_at: null };
  s = applyIncidentStatus(s, 'identified', T2);
  assert.equal(s.monitoring_at, T1);
  s = applyIncidentStatus(s, 'monitoring', T3);
  assert.equal(s.monitoring_at, T3);
});

test('resolving from any open status sets resolved_at', () => {
  for (const from of ['investigating', 'identified', 'monitoring'] as const) {
    const s = applyIncidentStatus({ status: from, monitoring_at: null, resolved_at: null }, 'resolved', T3);
    assert.deepEqual(s, { status: 'resolved', monitoring_at: null, resolved_at: T3 });
  }
});

test('postmortem straight from an open status sets resolved_at', () => {
  assert.deepEqual(applyIncidentStatus(fresh, 'postmortem', T4), { status: 'postmortem', monitoring_at: null, resolved_at: T4 });
});

test('postmortem keeps resolved_at; a resolved incident with no resolved_at (imported) gets one', () => {
  const resolved: IncidentLifecycle = { status: 'resolved', monitoring_at: null, resolved_at: T3 };
  assert.equal(applyIncidentStatus(resolved, 'postmortem', T4).resolved_at, T3);
  const legacy: IncidentLifecycle = { status: 'resolved', monitoring_at: null, resolved_at: null };
  assert.equal(applyIncidentStatus(legacy, 'postmortem', T4).resolved_at, T4);
});

test('postmortem → resolved keeps the original resolved_at', () => {
  const pm: IncidentLifecycle = { status: 'postmortem', monitoring_at: null, resolved_at: T3 };
  assert.deepEqual(applyIncidentStatus(pm, 'resolved', T4), { status: 'resolved', monitoring_at: null, resolved_at: T3 });
});

test('reopening clears resolved_at and keeps monitoring_at', () => {
  for (const from of ['resolved', 'postmortem'] as const) {
    for (const to of ['investigating', 'identified'] as const) {
      const s = applyIncidentStatus({ status: from, monitoring_at: T2, resolved_at: T3 }, to, T4);
      assert.deepEqual(s, { status: to, monitoring_at: T2, resolved_at: null });
    }
  }
});

test('reopening into monitoring clears resolved_at and sets monitoring_at', () => {
  const s = applyIncidentStatus({ status: 'resolved', monitoring_at: T1, resolved_at: T3 }, 'monitoring', T4);
  assert.deepEqual(s, { status: 'monitoring', monitoring_at: T4, resolved_at: null });
});

test('reopen then resolve again records the new resolution time', () => {
  let s: IncidentLifecycle = { status: 'resolved', monitoring_at: null, resolved_at: T2 };
  s = applyIncidentStatus(s, 'investigating', T3);
  s = applyIncidentStatus(s, 'resolved', T4);
  assert.equal(s.resolved_at, T4);
});

test('isReopen is true only for closed → open', () => {
  assert.equal(isReopen('resolved', 'investigating'), true);
  assert.equal(isReopen('resolved', 'identified'), true);
  assert.equal(isReopen('postmortem', 'monitoring'), true);
  assert.equal(isReopen('resolved', 'postmortem'), false);
  assert.equal(isReopen('postmortem', 'resolved'), false);
  assert.equal(isReopen('identified', 'investigating'), false);
  assert.equal(isReopen('monitoring', 'resolved'), false);
  assert.equal(isReopen('resolved', 'resolved'), false);
});

test('impact from component statuses: worst wins', () => {
  assert.equal(impactFromComponentStatuses([]), 'none');
  assert.equal(impactFromComponentStatuses(['operational', 'under_maintenance']), 'none');
  assert.equal(impactFromComponentStatuses(['degraded_performance']), 'minor');
  assert.equal(impactFromComponentStatuses(['partial_outage', 'degraded_performance']), 'major');
  assert.equal(impactFromComponentStatuses(['degraded_performance', 'major_outage', 'partial_outage']), 'critical');
  assert.equal(impactFromComponentStatuses(['under_maintenance', 'partial_outage', 'operational']), 'major');
});
