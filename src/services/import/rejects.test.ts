// Bad or partial documents: each is refused with the problem and where it is
// in the file, and NOTHING is written — every table is compared before/after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import type { ServiceContext } from '../context.js';
import { dumpAll, fixture, fixtureText } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';

type Case = [name: string, document: () => unknown, firstIssue: { path: string; message: string }];

const API = 'ap1x7k2m9q4w';

const summary = (edit: (doc: any) => void) => () => {
  const doc = fixture('summary');
  edit(doc);
  return doc;
};

const CASES: Case[] = [
  ['invalid JSON', () => '{"page": {"id": "zq8w2k4v7n1m",\n  "name": "Acme Cloud",,\n}', { path: '', message: 'not valid JSON at line 2, column 24: Expected double-quoted property name' }],
  ['a partial (truncated) download', () => fixtureText('summary').slice(0, 5000), { path: '', message: 'not valid JSON at line 171, column 27: Unterminated string' }],
  ['an empty file', () => '', { path: '', message: 'not valid JSON at line 1, column 1: the file is empty' }],
  ['not a Statuspage document', () => ({ data: [] }), {
    path: '',
    message:
      'the file has the key "data"; expected a Statuspage v2 document: summary.json (page, status, components, incidents, scheduled_maintenances), ' +
      'components.json (page, components), incidents.json (page, incidents) or scheduled-maintenances.json (page, scheduled_maintenances)',
  }],
  ['the wrong shape for a list', summary((d) => (d.components = { API: 'up' })), { path: 'components', message: 'must be a list, got object' }],
  ['a missing field', summary((d) => delete d.components[3].status), { path: 'components[3].status', message: 'is required' }],
  ['an unknown component status', summary((d) => (d.components[1].status = 'degraded')), {
    path: 'components[1].status',
    message: 'Invalid option: expected one of "operational"|"under_maintenance"|"degraded_performance"|"partial_outage"|"major_outage"',
  }],
  ['an unknown update status', summary((d) => (d.incidents[0].incident_updates[3].status = 'fixing')), {
    path: 'incidents[0].incident_updates[3].status',
    message: 'Invalid option: expected one of "investigating"|"identified"|"monitoring"|"resolved"|"postmortem"',
  }],
  ['an unknown old_status in a component change', summary((d) => (d.incidents[0].incident_updates[0].affected_components[1].old_status = 'down')), {
    path: 'incidents[0].incident_updates[0].affected_components[1].old_status',
    message: 'Invalid option: expected one of "operational"|"under_maintenance"|"degraded_performance"|"partial_outage"|"major_outage"',
  }],
  ['a timestamp without a zone', summary((d) => (d.scheduled_maintenances[1].scheduled_for = '2026-03-02 09:00')), {
    path: 'scheduled_maintenances[1].scheduled_for',
    message: 'must be an ISO-8601 timestamp with a zone, e.g. 2024-09-16T21:31:02.719Z',
  }],
  ['an update pointing at an incident missing from the file', summary((d) => (d.incidents[0].incident_updates[0].incident_id = 'x0ljvc9m1wxj')), {
    path: 'incidents[0].incident_updates[0].incident_id',
    message: 'points at "x0ljvc9m1wxj", which is not in this file; an update must belong to the incident that lists it ("k9v3t7x1q5mz")',
  }],
  ['a child whose group is unknown', summary((d) => d.components.push({ ...d.components[1], id: 'nw7c0mp0n3nt', group_id: 'n0gr0upxxxxx' })), {
    path: 'components[12].group_id',
    message: 'no group "n0gr0upxxxxx" in this file or the database',
  }],
  ['a duplicate component id', summary((d) => d.components.push({ ...d.components[0] })), {
    path: 'components[12].id',
    message: 'duplicate id "w3b5x1t9ffdk" (also components[0])',
  }],
  ['a duplicate update id', summary((d) => (d.incidents[0].incident_updates[1].id = d.incidents[0].incident_updates[0].id)), {
    path: 'incidents[0].incident_updates[1].id',
    message: 'duplicate id "t7g2k9q4w1xm" (also incidents[0].incident_updates[0])',
  }],
  ['a component listed twice in one update', summary((d) => d.incidents[0].incident_updates[2].affected_components.push(d.incidents[0].incident_updates[2].affected_components[0])), {
    path: 'incidents[0].incident_updates[2].affected_components[2].code',
    message: `"${API}" is already listed at affected_components[0]`,
  }],
  ['a group and its child disagreeing', summary((d) => (d.components[4].components = ['ap1x7k2m9q4w', 'db9k3w7x2m5q'])), {
    path: 'components[8].group_id',
    message: 'the group "gk3x9wq2m7hd" (components[4]) does not list this component in its components',
  }],
  ['a maintenance ending before it starts', summary((d) => (d.scheduled_maintenances[0].scheduled_until = '2026-03-10T01:00:00.000Z')), {
    path: 'scheduled_maintenances[0].scheduled_until',
    message: 'scheduled_until must be after scheduled_for',
  }],
  ['a component from another page', summary((d) => (d.components[2].page_id = 'kctbh9vrtdwd')), {
    path: 'components[2].page_id',
    message: 'belongs to page "kctbh9vrtdwd", not to this document\'s page "zq8w2k4v7n1m"',
  }],
];

for (const dialect of DIALECTS) {
  describe(`rejected imports on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    const clock = new ManualClock('2026-03-02T10:00:00.000Z');
    const run = (doc: unknown) => importStatuspage(ctx, { source: 'summary.json', text: typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2) });

    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'tester' } };
    });
    after(() => close());

    test('every bad or partial document is refused, naming what is wrong and where, and nothing is written', async () => {
      for (const [name, document, firstIssue] of CASES) {
        const before = await dumpAll(database.db);
        await assert.rejects(run(document()), (err: any) => {
          assert.equal(err.code, 'VALIDATION', name);
          assert.deepEqual(err.details.issues[0], firstIssue, name);
          assert.ok(err.message.startsWith(firstIssue.path ? `${firstIssue.path}: ${firstIssue.message}` : firstIssue.message), name);
          return true;
        });
        assert.deepEqual(await dumpAll(database.db), before, `${name}: nothing written`);
      }
    });

    test('a document that is fine except for one reference writes none of its good parts', async () => {
      const doc = fixture('summary');
      doc.incidents[0].components.push({ ...doc.components[0], id: 'g0n3c0mp0nnt' });
      const before = await dumpAll(database.db);
      await assert.rejects(run(doc), /incidents\[0\]\.components\[2\]\.id: no component "g0n3c0mp0nnt" in this file or the database/);
      assert.deepEqual(await dumpAll(database.db), before);
    });

    test('problems only the database reveals are refused too, after a good import', async () => {
      await run(fixture('summary'));
      const before = await dumpAll(database.db);

      const groupAsComponent = fixture('components');
      groupAsComponent.components.push({ ...groupAsComponent.components[0], id: 'gk3x9wq2m7hd', position: 9 });
      groupAsComponent.components[4].id = 'nwgr0up0000x';
      for (const c of groupAsComponent.components) if (c.group_id === 'gk3x9wq2m7hd') c.group_id = 'nwgr0up0000x';
      await assert.rejects(run(groupAsComponent), (err: any) => {
        assert.deepEqual(err.details.issues, [
          { path: 'components[12].id', message: '"gk3x9wq2m7hd" is a component group in the database; a group and a component cannot share an id' },
        ]);
        return true;
      });

      const stolenUpdate = fixture('incidents');
      stolenUpdate.incidents.shift(); // the incident that owns the update in the database
      stolenUpdate.incidents[0].incident_updates[0].id = 'b6q2x8w4k1mj';
      await assert.rejects(run(stolenUpdate), (err: any) => {
        assert.deepEqual(err.details.issues, [{ path: 'incidents[0].incident_updates[0].id', message: '"b6q2x8w4k1mj" already belongs to incident "k9v3t7x1q5mz" in the database' }]);
        return true;
      });
      assert.deepEqual(await dumpAll(database.db), before);
    });

    test('at most 50 problems are listed, with the count of the rest', async () => {
      const doc = fixture('summary');
      for (const c of doc.components) c.status = 'unknown';
      for (let i = 0; i < 60; i++) doc.components.push({ ...doc.components[0], id: `extra${String(i).padStart(7, '0')}` });
      await assert.rejects(run(doc), (err: any) => {
        assert.equal(err.details.issues.length, 50);
        assert.equal(err.details.more, 22);
        assert.match(err.message, /^components\[0\]\.status: Invalid option: .* \(and 71 more\)$/);
        return true;
      });
    });
  });
}
