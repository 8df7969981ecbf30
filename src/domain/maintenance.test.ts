import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMaintenanceActive, maintenanceStatusAt, windowProblem, type MaintenanceWindow } from './maintenance.js';
import { MAINTENANCE_STATUSES, type MaintenanceStatus } from './statuses.js';

// Seed 004: planned maintenance at 11:00pm UTC on Sunday 7th February.
const FOR = '2021-02-07T23:00:00.000Z';
const UNTIL = '2021-02-08T01:00:00.000Z';
const BEFORE = '2021-02-07T22:59:59.999Z';
const DURING = '2021-02-08T00:00:00.000Z';
const AFTER = '2021-02-08T03:00:00.000Z';

function win(status: MaintenanceStatus, auto_transition = true): MaintenanceWindow {
  return { status, scheduled_for: FOR, scheduled_until: UNTIL, auto_transition };
}

test('scheduled waits until scheduled_for, then is in progress', () => {
  assert.equal(maintenanceStatusAt(win('scheduled'), BEFORE), 'scheduled');
  assert.equal(maintenanceStatusAt(win('scheduled'), FOR), 'in_progress');
  assert.equal(maintenanceStatusAt(win('scheduled'), DURING), 'in_progress');
});

test('in progress and verifying complete at scheduled_until', () => {
  assert.equal(maintenanceStatusAt(win('in_progress'), DURING), 'in_progress');
  assert.equal(maintenanceStatusAt(win('verifying'), DURING), 'verifying');
  assert.equal(maintenanceStatusAt(win('in_progress'), UNTIL), 'completed');
  assert.equal(maintenanceStatusAt(win('verifying'), AFTER), 'completed');
});

test('a scheduled window that has fully passed goes straight to completed', () => {
  assert.equal(maintenanceStatusAt(win('scheduled'), UNTIL), 'completed');
  assert.equal(maintenanceStatusAt(win('scheduled'), AFTER), 'completed');
});

test('an operator starting early is respected', () => {
  assert.equal(maintenanceStatusAt(win('in_progress'), BEFORE), 'in_progress');
  assert.equal(maintenanceStatusAt(win('verifying'), BEFORE), 'verifying');
});

test('completed stays completed', () => {
  for (const now of [BEFORE, DURING, AFTER]) assert.equal(maintenanceStatusAt(win('completed'), now), 'completed');
});

test('without auto_transition the status is unchanged', () => {
  for (const status of MAINTENANCE_STATUSES) {
    for (const now of [BEFORE, DURING, AFTER]) assert.equal(maintenanceStatusAt(win(status, false), now), status);
  }
});

test('compares instants, not strings', () => {
  const m: MaintenanceWindow = { status: 'scheduled', scheduled_for: '2021-02-08T00:00:00+01:00', scheduled_until: UNTIL, auto_transition: true };
  assert.equal(maintenanceStatusAt(m, '2021-02-07T23:00:00.000Z'), 'in_progress');
});

test('isMaintenanceActive', () => {
  assert.equal(isMaintenanceActive('scheduled'), false);
  assert.equal(isMaintenanceActive('in_progress'), true);
  assert.equal(isMaintenanceActive('verifying'), true);
  assert.equal(isMaintenanceActive('completed'), false);
});

test('windowProblem', () => {
  assert.equal(windowProblem(FOR, UNTIL), null);
  assert.equal(windowProblem(FOR, FOR), 'scheduled_until must be after scheduled_for');
  assert.equal(windowProblem(UNTIL, FOR), 'scheduled_until must be after scheduled_for');
  assert.equal(windowProblem('soon', UNTIL), 'scheduled_for must be an ISO-8601 timestamp');
  assert.equal(windowProblem(FOR, ''), 'scheduled_until must be an ISO-8601 timestamp');
});
