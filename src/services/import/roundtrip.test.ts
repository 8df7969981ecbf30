// The round trip: a Statuspage page imported into Vigil and served back by
// Vigil's own /api/v2 documents gives the same JSON — same keys in the same
// order, same values. KNOWN lists the fields Vigil cannot give back (none
// now); the test fails if any other field differs, and also if one of those
// starts to match (then the list must shrink).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import type { ServiceContext } from '../context.js';
import { fixture, type FixtureName } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';
import { differences, served, type Difference } from './roundtrip.test-support.js';

/** Nothing differs any more: every field of every document comes back as imported. */
const KNOWN: Record<FixtureName, Difference[]> = { summary: [], components: [], incidents: [], 'scheduled-maintenances': [] };

/** Component-change lists are shown by their names, so the known differences stay readable. */
function summarise(d: Difference): Difference {
  const names = (v: unknown) => (Array.isArray(v) && d.path.endsWith('affected_components') ? v.map((a: { name: string }) => a.name) : v);
  return { ...d, imported: names(d.imported), served: names(d.served) };
}

for (const dialect of DIALECTS) {
  describe(`Statuspage → Vigil → Statuspage round trip on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    const clock = new ManualClock('2026-03-02T10:00:00.000Z');

    const compare = async (name: FixtureName) => {
      const found = differences(fixture(name), await served(ctx, name)).map(summarise);
      assert.deepEqual(found, KNOWN[name], `${name}.json: what differs after the round trip`);
    };

    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'tester' } };
    });
    after(() => close());

    test('summary.json comes back the same, key order included', async () => {
      await importStatuspage(ctx, { source: 'summary.json', text: JSON.stringify(fixture('summary')) });
      await compare('summary');
      await compare('components');
    });

    test('incidents.json and scheduled-maintenances.json too, once imported', async () => {
      await importStatuspage(ctx, { source: 'incidents.json', text: JSON.stringify(fixture('incidents')) });
      await importStatuspage(ctx, { source: 'scheduled-maintenances.json', text: JSON.stringify(fixture('scheduled-maintenances')) });
      await compare('incidents');
      await compare('scheduled-maintenances');
      // Importing the history did not disturb the summary.
      await compare('summary');
    });
  });
}

// Real pages' documents: real-pages.test.ts, over every capture in fixtures/real/.
