import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fxComponent, fxIncident, fxModel, fxUpdate } from './fixtures.test-support.js';
import { formatDate, formatDateTime, formatMonth, joinNames, timeTag } from './format.js';
import { seedIncidentModel } from './seed-incident.test-support.js';
import { affectedNames, incidentSummary } from './summary.js';

describe('public page formats', () => {
  test('a UTC page: dates Statuspage style, with a machine-readable <time>', () => {
    assert.equal(formatDate('2021-03-30T23:59:00-05:00', 'UTC'), 'Mar 31, 2021');
    assert.equal(formatDate('2021-02-01T19:37:00Z', 'UTC'), 'Feb 01, 2021');
    assert.equal(formatDateTime('2021-02-01T19:37:59.999Z', 'UTC'), 'Feb 01, 2021 - 19:37 UTC');
    assert.equal(formatDateTime('2021-03-30T09:05:00+02:00', 'UTC'), 'Mar 30, 2021 - 07:05 UTC');
    assert.equal(formatMonth('2021-12-31T23:00:00-02:00', 'UTC'), 'January 2022');
    assert.equal(timeTag('2021-03-30T09:05:00+02:00', 'UTC').value, '<time datetime="2021-03-30T07:05:00.000Z">Mar 30, 2021 - 07:05 UTC</time>');
  });

  test("another zone: the page's local time and abbreviation, the datetime still UTC", () => {
    assert.equal(formatDateTime('2024-01-16T12:00:00Z', 'Europe/London'), 'Jan 16, 2024 - 12:00 GMT');
    assert.equal(formatDateTime('2024-06-18T18:09:00Z', 'Europe/London'), 'Jun 18, 2024 - 19:09 BST');
    assert.equal(formatDateTime('2019-11-21T02:35:28Z', 'America/Los_Angeles'), 'Nov 20, 2019 - 18:35 PST');
    assert.equal(formatDate('2021-03-31T23:30:00Z', 'Europe/Berlin'), 'Apr 01, 2021');
    assert.equal(formatMonth('2021-03-31T23:30:00Z', 'Europe/Berlin'), 'April 2021');
    assert.equal(
      timeTag('2024-06-18T18:09:00Z', 'Europe/London').value,
      '<time datetime="2024-06-18T18:09:00.000Z">Jun 18, 2024 - 19:09 BST</time>',
    );
  });

  test('names join as "A", "A and B", "A, B and C"', () => {
    assert.equal(joinNames([]), '');
    assert.equal(joinNames(['A']), 'A');
    assert.equal(joinNames(['A', 'B']), 'A and B');
    assert.equal(joinNames(['A', 'B', 'C']), 'A, B and C');
  });
});

describe('incident summary sentence', () => {
  test('seed 000: resolved, two components, duration from when impact began', () => {
    const { model, incident } = seedIncidentModel();
    assert.equal(
      incidentSummary(model, incident),
      'BlueFox Host experienced a critical incident on Mar 30, 2021 affecting Pterodactyl API and Billing API, lasting 2h 49m.',
    );
  });

  test('unresolved: "is experiencing …, ongoing for" measured to the model\'s generated_at', () => {
    const a = fxComponent({ name: 'API' });
    const b = fxComponent({ name: 'Dashboard' });
    const c = fxComponent({ name: 'Webhooks' });
    const incident = fxIncident({
      impact: 'major',
      status: 'identified',
      started_at: '2021-04-01T10:13:00.000Z',
      component_ids: [a.id, b.id, c.id],
      updates: [fxUpdate('identified', 'Found it', '2021-04-01T10:30:00.000Z')],
    });
    const model = fxModel({ name: 'Acme', components: [a, b, c], incidents: [incident], generated_at: '2021-04-01T12:00:30.000Z' });
    assert.equal(incidentSummary(model, incident), 'Acme is experiencing a major incident affecting API, Dashboard and Webhooks, ongoing for 1h 47m.');
  });

  test('no components → no "affecting" part; impact none → "an incident"; days and minutes', () => {
    const resolved = fxIncident({
      impact: 'none',
      status: 'resolved',
      started_at: '2021-03-01T00:00:00.000Z',
      resolved_at: '2021-03-03T05:00:00.000Z',
    });
    const model = fxModel({ name: 'Acme', incidents: [resolved] });
    assert.equal(incidentSummary(model, resolved), 'Acme experienced an incident on Mar 01, 2021, lasting 2d 5h.');

    const open = fxIncident({ impact: 'minor', status: 'monitoring', started_at: '2021-04-01T11:59:40.000Z' });
    assert.equal(incidentSummary(fxModel({ name: 'Acme', incidents: [open] }), open), 'Acme is experiencing a minor incident, ongoing for under 1m.');
  });

  test('a postmortem counts as resolved; deleted components are left out of the names', () => {
    const kept = fxComponent({ name: 'Kept' });
    const incident = fxIncident({
      impact: 'minor',
      status: 'postmortem',
      started_at: '2021-03-30T16:09:00.000Z',
      resolved_at: '2021-03-30T16:56:00.000Z',
      component_ids: ['gone', kept.id],
    });
    const model = fxModel({ name: 'Pinpoint', components: [kept], incidents: [incident] });
    assert.deepEqual(affectedNames(model, incident.component_ids), ['Kept']);
    assert.equal(incidentSummary(model, incident), 'Pinpoint experienced a minor incident on Mar 30, 2021 affecting Kept, lasting 47m.');
  });
});
