// What an import keeps beyond the fields Vigil models, and what it names
// instead of dropping it: fields outside the format are reported (grouped by
// path, with counts), Statuspage's own extras come back as they were
// (reminder intervals, the legacy "no components" entry, numeric tweet ids),
// and the order of components — the flat list's and an incident's — is the
// file's, with what Vigil creates afterwards going after it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import type { Database } from '../../store/database.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import { createComponent } from '../components/createComponent.js';
import type { ServiceContext } from '../context.js';
import { createIncident } from '../incidents/createIncident.js';
import { loadPublicModel } from '../public/loadPublicModel.js';
import { v2Routes } from '../../web/public/v2/index.js';
import { fixture } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';
import { parseStatuspageDocument } from './parse.js';
import { formatReport } from './report.js';
import { served } from './roundtrip.test-support.js';

const API = 'ap1x7k2m9q4w';
const EU_WEST = 'ew1q4m8z2k7c';
const OPEN_INCIDENT = 'k9v3t7x1q5mz';
const PLACEHOLDER = 'No components were affected by this update.';

/** summary.json with a field Vigil does not keep in every kind of object, some several times. */
function withExtras() {
  const doc = fixture('summary');
  doc.generated_by = 'exporter 2.1';
  doc.page.branding = 'basic';
  doc.components[0].icon = 'globe';
  doc.components[4].icon = 'stack';
  const incident = doc.incidents[0];
  incident.postmortem_body = null;
  incident.reminder_intervals = [15, 30];
  incident.incident_updates[0].twitter_updated_at = null;
  incident.incident_updates[1].twitter_updated_at = null;
  incident.incident_updates[1].affected_components[0].group_name = 'Core Platform';
  incident.components[0].automation_email = 'x@example.com';
  doc.scheduled_maintenances[0].reminder_intervals = null;
  return doc;
}

describe('fields Vigil does not keep', () => {
  test('are listed by where they are, lists as [*], with how often, in the order first met', () => {
    assert.deepEqual(parseStatuspageDocument(JSON.stringify(withExtras())).ignored, [
      { path: 'generated_by', count: 1 },
      { path: 'page.branding', count: 1 },
      { path: 'components[*].icon', count: 2 },
      { path: 'incidents[*].postmortem_body', count: 1 },
      { path: 'incidents[*].components[*].automation_email', count: 1 },
      { path: 'incidents[*].incident_updates[*].twitter_updated_at', count: 2 },
      { path: 'incidents[*].incident_updates[*].affected_components[*].group_name', count: 1 },
      // A maintenance has no reminders on Statuspage: not kept there.
      { path: 'scheduled_maintenances[*].reminder_intervals', count: 1 },
    ]);
  });

  test('an incidents.json entry that is a maintenance is checked as one; the fixtures and the legacy placeholder have none', () => {
    for (const name of ['summary', 'components', 'incidents', 'scheduled-maintenances'] as const) {
      assert.deepEqual(parseStatuspageDocument(JSON.stringify(fixture(name))).ignored, [], name);
    }
    const doc = fixture('incidents');
    doc.incidents.push({ ...fixture('scheduled-maintenances').scheduled_maintenances[2], reminder_intervals: null });
    doc.incidents[0].incident_updates[0].affected_components = [{ name: PLACEHOLDER }];
    assert.deepEqual(parseStatuspageDocument(JSON.stringify(doc)).ignored, [{ path: 'incidents[*].reminder_intervals', count: 1 }]);
  });
});

for (const dialect of DIALECTS) {
  describe(`what an import keeps, on ${dialect}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    let ctx: ServiceContext;
    const run = (source: string, doc: unknown) => importStatuspage(ctx, { source, text: typeof doc === 'string' ? doc : JSON.stringify(doc) });
    const body = async (name: string) => {
      const url = new URL(`http://vigil.invalid/api/v2/${name}.json`);
      return v2Routes.find((r) => r.match(url) !== null)!.render(await loadPublicModel(ctx, { publicUrl: 'http://vigil.invalid' }), url).body;
    };

    before(async () => {
      ({ database, close } = await openTestDatabase(dialect));
      ctx = { db: database.db, clock: new ManualClock('2026-03-02T10:00:00.000Z'), actor: { type: 'cli', id: null, name: 'tester' } };
    });
    after(() => close());

    test('the report names every ignored field; vigil import prints one line per path', async () => {
      const report = await run('summary.json', withExtras());
      assert.equal(report.ignored.length, 8);
      const lines = formatReport(report);
      assert.deepEqual(lines.filter((l) => l.startsWith('ignored: ')), [
        'ignored: generated_by (1×)',
        'ignored: page.branding (1×)',
        'ignored: components[*].icon (2×)',
        'ignored: incidents[*].postmortem_body (1×)',
        'ignored: incidents[*].components[*].automation_email (1×)',
        'ignored: incidents[*].incident_updates[*].twitter_updated_at (2×)',
        'ignored: incidents[*].incident_updates[*].affected_components[*].group_name (1×)',
        'ignored: scheduled_maintenances[*].reminder_intervals (1×)',
      ]);
      assert.match(lines.at(-1)!, /^imported summary\.json: /, 'the summary line stays last');
      // The extras were not written: the incident comes back without them, its reminder intervals with it.
      const incident = (await served(ctx, 'incidents/unresolved')).incidents[0];
      assert.equal('postmortem_body' in incident, false);
      assert.deepEqual(incident.reminder_intervals, [15, 30]);
    });

    test('reminder_intervals come back as given (a list, or the string form), null when absent', async () => {
      const doc = fixture('incidents');
      doc.incidents[0].reminder_intervals = '[]';
      delete doc.incidents[1].reminder_intervals;
      doc.incidents[2].reminder_intervals = [60];
      await run('incidents.json', doc);
      const byId = new Map((await served(ctx, 'incidents')).incidents.map((i: any) => [i.id, i.reminder_intervals]));
      assert.deepEqual([doc.incidents[0].id, doc.incidents[1].id, doc.incidents[2].id].map((id) => byId.get(id)), ['[]', null, [60]]);
      const again = await run('incidents.json', doc);
      assert.deepEqual([again.counts.updated, again.changes], [0, []], 'importing again changes nothing');
      doc.incidents[2].reminder_intervals = [60, 120];
      assert.deepEqual((await run('incidents.json', doc)).changes, [`~ incident ${doc.incidents[2].id} (${doc.incidents[2].name}): reminder_intervals`]);
    });

    test('the legacy "No components were affected" entry comes back as it was; an empty list is still null', async () => {
      const doc = fixture('incidents');
      const updates = doc.incidents[3].incident_updates;
      updates[0].affected_components = [{ name: PLACEHOLDER }];
      await run('incidents.json', doc);
      const incident = (await served(ctx, 'incidents')).incidents.find((i: any) => i.id === doc.incidents[3].id);
      assert.deepEqual(incident.incident_updates.map((u: any) => u.affected_components), updates.map((u: any) => u.affected_components));
      assert.deepEqual(incident.incident_updates[0].affected_components, [{ name: PLACEHOLDER }]);
      assert.deepEqual((await run('incidents.json', doc)).changes, [], 'importing again changes nothing');
    });

    test('a tweet id the page wrote as a number is served as that number, digit for digit; a string stays a string', async () => {
      const doc = fixture('incidents');
      const [numeric, text] = doc.incidents[1].incident_updates;
      numeric.tweet_id = 'NUMERIC';
      text.tweet_id = '1658004437967982592';
      await run('incidents.json', JSON.stringify(doc).replace('"NUMERIC"', '1658004437967982593'));
      const served = await body('incidents');
      assert.ok(served.includes(`"id":"${numeric.id}",`) && served.includes('"tweet_id":1658004437967982593'), 'the number, unrounded');
      assert.ok(served.includes('"tweet_id":"1658004437967982592"'));
    });

    test("an incident's components keep the file's order, and a new order is a change", async () => {
      const doc = fixture('summary');
      const incident = doc.incidents[0];
      assert.deepEqual(incident.components.map((c: any) => c.id), [API, EU_WEST], 'page order in the fixture');
      incident.components.reverse();
      assert.deepEqual((await run('summary.json', doc)).changes, [`~ incident ${OPEN_INCIDENT} (${incident.name}): components`]);
      const order = async () => (await served(ctx, 'summary')).incidents[0].components.map((c: any) => c.id);
      assert.deepEqual(await order(), [EU_WEST, API]);
      incident.components.reverse();
      await run('summary.json', doc);
      assert.deepEqual(await order(), [API, EU_WEST]);
    });

    test("an embedded component's description is the component's; a document that disagrees is reported", async () => {
      const doc = fixture('incidents');
      const embedded = doc.incidents[1].components.find((c: any) => c.id === API) ?? doc.incidents[0].components[0];
      const own = embedded.description;
      embedded.description = 'What the API was called in 2019';
      const report = await run('incidents.json', doc);
      assert.deepEqual(report.outdated, [{ path: 'incidents[*].components[*].description', count: 1 }]);
      assert.ok(formatReport(report).includes('served as the component is now: incidents[*].components[*].description (1×)'));
      const descriptions = (await served(ctx, 'incidents')).incidents.flatMap((i: any) => i.components.filter((c: any) => c.id === embedded.id).map((c: any) => c.description));
      assert.deepEqual([...new Set(descriptions)], [own], 'every incident embeds the component as it is');
      embedded.description = own;
      assert.deepEqual((await run('incidents.json', doc)).outdated, []);
    });

    test('what Vigil creates after an import goes after the imported entries on position ties, incidents keep the order given', async () => {
      const website = fixture('summary').components[0];
      const made = await createComponent(ctx, { name: 'Made in Vigil', position: website.position });
      const flat = (await served(ctx, 'components')).components.map((c: any) => c.id);
      const samePosition = flat.filter((id: string) => id === made.id || (fixture('summary').components.find((c: any) => c.id === id)?.position === website.position));
      assert.equal(samePosition.at(-1), made.id, 'last among the entries at its position');
      const created = await createIncident(ctx, { name: 'Two things', component_ids: [made.id, API] });
      const listed = (await served(ctx, 'incidents/unresolved')).incidents.find((i: any) => i.id === created.id);
      assert.deepEqual(listed.components.map((c: any) => c.id), [made.id, API]);
    });
  });
}
