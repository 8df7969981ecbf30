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
import { v2Routes } from '../../web/public/v2/index.js';
import type { ServiceContext } from '../context.js';
import { loadPublicModel } from '../public/loadPublicModel.js';
import { fixture, realFixtureText, type FixtureName, type RealFixtureName } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';

interface Difference {
  path: string;
  imported: unknown;
  served: unknown;
}

/** Every place where `b` differs from `a`: values, and for objects the keys and their order. */
function differences(a: unknown, b: unknown, path = ''): Difference[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) return [{ path: `${path} (keys)`, imported: keys, served: Object.keys(b) }];
    // A list of component changes is compared whole: its order is part of what is compared.
    return keys.flatMap((k) => (k === 'affected_components' ? whole : differences)(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, imported: a, served: b }];
}

function whole(a: unknown, b: unknown, path: string): Difference[] {
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, imported: a, served: b }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Nothing differs any more: every field of every document comes back as imported. */
const KNOWN: Record<FixtureName, Difference[]> = { summary: [], components: [], incidents: [], 'scheduled-maintenances': [] };

/** Component-change lists are shown by their names, so the known differences stay readable. */
function summarise(d: Difference): Difference {
  const names = (v: unknown) => (Array.isArray(v) && d.path.endsWith('affected_components') ? v.map((a: { name: string }) => a.name) : v);
  return { ...d, imported: names(d.imported), served: names(d.served) };
}

/** What Vigil serves at /api/v2/<name>.json, from the database as it is now. */
async function served(ctx: ServiceContext, name: string): Promise<any> {
  const model = await loadPublicModel(ctx, { publicUrl: 'http://vigil.invalid' });
  const url = new URL(`http://vigil.invalid/api/v2/${name}.json`);
  const route = v2Routes.find((r) => r.match(url) !== null)!;
  return JSON.parse(route.render(model, url).body);
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

/** Imports real documents into a fresh database, in order, and hands over a context on it. */
async function withRealPage(dialect: (typeof DIALECTS)[number], names: RealFixtureName[], work: (ctx: ServiceContext) => Promise<void>): Promise<void> {
  const { database, close } = await openTestDatabase(dialect);
  try {
    const ctx: ServiceContext = { db: database.db, clock: new ManualClock('2026-03-02T10:00:00.000Z'), actor: { type: 'cli', id: null, name: 'tester' } };
    for (const name of names) await importStatuspage(ctx, { source: `${name}.json`, text: realFixtureText(name) });
    await work(ctx);
  } finally {
    await close();
  }
}

const real = (name: RealFixtureName) => JSON.parse(realFixtureText(name));

for (const dialect of DIALECTS) {
  describe(`real Statuspage documents round-trip on ${dialect}`, () => {
    test('discordstatus.com (America/Tijuana, -08:00 and -07:00 offsets): components.json and incidents.json come back byte for byte', async () => {
      await withRealPage(dialect, ['discord-components', 'discord-incidents', 'discord-scheduled-maintenances'], async (ctx) => {
        assert.equal(JSON.stringify(await served(ctx, 'components')), JSON.stringify(real('discord-components')));
        // Captured in 2022, before Statuspage added `reminder_intervals` (null on every incident since, as githubstatus.com 2024 shows).
        const incidents = await served(ctx, 'incidents');
        assert.equal(incidents.incidents[0].reminder_intervals, null);
        delete incidents.incidents[0].reminder_intervals;
        assert.equal(JSON.stringify(incidents), JSON.stringify(real('discord-incidents')));
        // The 2015 maintenance: its impact edited to "major", started_at when the notice began, monitoring_at from its verifying update.
        assert.deepEqual(differences(real('discord-scheduled-maintenances'), await served(ctx, 'scheduled-maintenances')), []);
      });
    });

    test('githubstatus.com incidents.json: the same, affected_components in the file\'s order (Pages before Actions)', async () => {
      await withRealPage(dialect, ['github-components', 'github-incidents'], async (ctx) => {
        const incidents = await served(ctx, 'incidents');
        assert.deepEqual(differences(real('github-incidents'), incidents), []);
        assert.deepEqual(incidents.incidents[0].incident_updates[0].affected_components.map((a: { name: string }) => a.name), ['Pages', 'Actions']);
      });
    });
  });
}
