// Every real Statuspage capture in fixtures/real/ (SOURCES.md says where each
// comes from) goes through `vigil import statuspage` and comes back from
// Vigil's /api/v2 documents as it was: the same keys, key order and values.
// Allowed, and nothing else: keys only newer Statuspage versions emit
// (NEWER_KEYS), served as null where an older document lacks them; the
// exceptions below, each with its reason.
//
// Files are named <page>-<document>[-<capture>].json. The documents of one
// capture of one page (same page, same moment) are imported together into a
// fresh database, components first, then the history; captures taken at other
// times are other states of the page and get their own database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import { DIALECTS, openTestDatabase } from '../../test/databases.test-support.js';
import type { ServiceContext } from '../context.js';
import { realFixtureNames, realFixtureText, type RealFixtureName } from './fixtures.test-support.js';
import { importStatuspage } from './importStatuspage.js';
import type { IgnoredField } from './types.js';
import { differences, isObject, served } from './roundtrip.test-support.js';

/** Documents in import order: what the others refer to comes first. */
const DOCUMENTS = ['components', 'summary', 'incidents', 'scheduled-maintenances'] as const;
type DocumentKind = (typeof DOCUMENTS)[number];

/**
 * Keys Statuspage added over the years (README, "Statuspage compatibility"):
 * Vigil always writes them, null when the imported document had none.
 * Per key, how to recognise the objects that carry it.
 */
const NEWER_KEYS: Record<string, (o: Record<string, unknown>) => boolean> = {
  reminder_intervals: (o) => 'incident_updates' in o && !('scheduled_for' in o),
  start_date: (o) => 'only_show_if_degraded' in o,
};

/**
 * Captures that cannot round-trip as found, and why. The test checks that each
 * reason still holds, so an entry that is no longer needed fails.
 */
const KNOWN: Record<RealFixtureName, { reason: string; sortedKeys: true }> = {
  'claude-summary-2026-sorted-keys': {
    reason: 'the archive re-serialized the document with its keys sorted (values untouched): compared with the served keys sorted the same way',
    sortedKeys: true,
  },
};

/** Fields of the captures Vigil does not keep, which the import reports as ignored: none so far. */
const IGNORED: Record<RealFixtureName, IgnoredField[]> = {};

interface Capture {
  label: string;
  documents: { name: RealFixtureName; kind: DocumentKind }[];
}

function captures(): Capture[] {
  const byCapture = new Map<string, Capture>();
  for (const name of realFixtureNames()) {
    const m = /^(.+?)-(summary|components|incidents|scheduled-maintenances)(?:-(.+))?$/.exec(name);
    if (!m) throw new Error(`fixtures/real/${name}.json: expected <page>-<summary|components|incidents|scheduled-maintenances>[-<capture>].json`);
    const label = m[3] ? `${m[1]} (${m[3]})` : m[1]!;
    const capture = byCapture.get(label) ?? { label, documents: [] };
    capture.documents.push({ name, kind: m[2] as DocumentKind });
    byCapture.set(label, capture);
  }
  for (const c of byCapture.values()) c.documents.sort((a, b) => DOCUMENTS.indexOf(a.kind) - DOCUMENTS.indexOf(b.kind));
  return [...byCapture.values()];
}

/** `served` without the newer keys the original lacks (only where Vigil writes them as null). */
function withoutNewerKeys(original: unknown, served: unknown): unknown {
  if (Array.isArray(original) && Array.isArray(served)) return served.map((s, i) => withoutNewerKeys(original[i], s));
  if (!isObject(original) || !isObject(served)) return served;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(served)) {
    const newer = NEWER_KEYS[key];
    if (newer && !(key in original) && value === null && newer(served)) continue;
    out[key] = withoutNewerKeys(original[key], value);
  }
  return out;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys(value[k])]));
}

/** What Vigil serves for `kind`, next to what the capture holds, both ready to compare. */
async function pair(ctx: ServiceContext, name: RealFixtureName, kind: DocumentKind, path: string, pick: (doc: any) => any) {
  let original = pick(JSON.parse(realFixtureText(name)));
  let answer = withoutNewerKeys(original, await served(ctx, path)) as Record<string, unknown>;
  const known = KNOWN[name];
  if (known?.sortedKeys) {
    const file = JSON.parse(realFixtureText(name));
    assert.equal(JSON.stringify(file), JSON.stringify(sortedKeys(file)), `${name}: KNOWN says its keys are sorted, and they are not (${known.reason})`);
    original = sortedKeys(original);
    answer = sortedKeys(answer) as Record<string, unknown>;
  }
  return { original, answer };
}

/** The documents a capture's file is compared with: its own, and for summary.json the ones it contains. */
function comparisons(kind: DocumentKind): { path: string; pick: (doc: any) => any }[] {
  if (kind !== 'summary') return [{ path: kind, pick: (d) => d }];
  return [
    { path: 'summary', pick: (d) => d },
    { path: 'components', pick: (d) => ({ page: d.page, components: d.components }) },
    { path: 'incidents/unresolved', pick: (d) => ({ page: d.page, incidents: d.incidents }) },
  ];
}

const all = captures();

for (const dialect of DIALECTS) {
  describe(`real Statuspage pages round-trip through vigil import statuspage on ${dialect}`, () => {
    test(`there are real captures of at least 10 pages (${new Set(all.map((c) => c.label.split(' ')[0])).size})`, () => {
      assert.ok(new Set(all.map((c) => c.label.split(' ')[0])).size >= 10);
    });

    for (const capture of all) {
      test(`${capture.label}: ${capture.documents.map((d) => `${d.name}.json`).join(', ')}`, async () => {
        const { database, close } = await openTestDatabase(dialect);
        try {
          const ctx: ServiceContext = { db: database.db, clock: new ManualClock('2026-12-01T00:00:00.000Z'), actor: { type: 'cli', id: null, name: 'tester' } };
          for (const { name } of capture.documents) {
            const report = await importStatuspage(ctx, { source: `${name}.json`, text: realFixtureText(name) });
            assert.deepEqual(report.ignored, IGNORED[name] ?? [], `${name}.json: the fields reported as ignored`);
            assert.deepEqual(report.outdated, [], `${name}.json: its embedded components are the page's`);
          }
          for (const { name, kind } of capture.documents) {
            for (const { path, pick } of comparisons(kind)) {
              const { original, answer } = await pair(ctx, name, kind, path, pick);
              assert.deepEqual(differences(original, answer), [], `${name}.json → /api/v2/${path}.json: what differs after the round trip`);
            }
          }
          // And importing the same documents again changes nothing.
          for (const { name } of capture.documents) {
            const again = await importStatuspage(ctx, { source: `${name}.json`, text: realFixtureText(name) });
            assert.deepEqual([again.counts.created, again.counts.updated, again.changes], [0, 0, []], `${name}.json imported a second time`);
          }
        } finally {
          await close();
        }
      });
    }
  });
}
