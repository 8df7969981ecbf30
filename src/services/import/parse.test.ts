// Reading Statuspage documents of every era, without a database.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDocument } from '../../web/public/v2/shape.test-support.js';
import { fixture, realFixtureText } from './fixtures.test-support.js';
import { syntaxErrorOffset } from './jsonLocation.js';
import { parseStatuspageDocument } from './parse.js';
import { documentUrl } from './source.js';

const page = { id: 'srhpyqt94yxb', name: 'Discord', url: 'https://discordstatus.com', time_zone: 'America/Tijuana', updated_at: '2022-02-15T13:37:37.407-08:00' };

/** A numeric tweet id too large for a JS number, as some exports carry it. */
const stringifyWithTweetId = (doc: unknown) => JSON.stringify(doc).replace('"TWEET"', '737661019846868992');

describe('reading Statuspage v2 documents', () => {
  test('the fixtures have exactly the keys, order and types of documents Statuspage serves', () => {
    checkDocument('/api/v2/summary.json', fixture('summary'));
    checkDocument('/api/v2/components.json', fixture('components'));
    checkDocument('/api/v2/incidents.json', fixture('incidents'));
    checkDocument('/api/v2/scheduled-maintenances.json', fixture('scheduled-maintenances'));
  });

  test('the document is recognised by its top-level keys', () => {
    assert.deepEqual(parseStatuspageDocument(JSON.stringify(fixture('summary'))).sections, ['components', 'incidents', 'scheduled_maintenances']);
    assert.deepEqual(parseStatuspageDocument(JSON.stringify(fixture('components'))).sections, ['components']);
    assert.deepEqual(parseStatuspageDocument(realFixtureText('github-incidents')).sections, ['incidents']);
    assert.deepEqual(parseStatuspageDocument(JSON.stringify(fixture('scheduled-maintenances'))).sections, ['scheduled_maintenances']);
    assert.throws(() => parseStatuspageDocument(JSON.stringify({ page, status: { indicator: 'none', description: 'All Systems Operational' } })), /\(status\.json has nothing to import\)$/);
  });

  test('timestamps in the page\'s zone become UTC; groups are split from components', () => {
    const doc = parseStatuspageDocument(realFixtureText('discord-components'));
    assert.deepEqual(doc.page, { id: 'srhpyqt94yxb', name: 'Discord', url: 'https://discordstatus.com', time_zone: 'America/Tijuana', updated_at: '2022-02-15T21:37:37.407Z' });
    assert.deepEqual(doc.components[0]!.created_at, '2015-07-31T01:55:43.739Z');
    const summary = parseStatuspageDocument(JSON.stringify(fixture('summary')));
    assert.deepEqual(summary.groups.map((g) => g.name), ['Core Platform', 'Regions', 'Integrations']);
    assert.equal(summary.components.length, 9);
  });

  test('older exports: no started_at, twitter flags, postmortem fields, the "No components were affected" placeholder, numeric tweet ids', () => {
    // Shapes from 2016–2019 exports (a Datadog webhook fixture, an Emma status.js capture).
    const doc = parseStatuspageDocument(
      stringifyWithTweetId({
        page,
        incidents: [
          {
            name: 'Delayed builds',
            status: 'resolved',
            created_at: '2016-05-31T10:41:12.000-04:00',
            updated_at: '2016-05-31T11:30:00.000-04:00',
            monitoring_at: null,
            resolved_at: null,
            impact: 'minor',
            shortlink: 'http://stspg.io/2D56',
            postmortem_ignored: false,
            postmortem_body: null,
            backfilled: false,
            scheduled_for: null,
            id: 'fq032cl5k8c7',
            page_id: 'srhpyqt94yxb',
            incident_updates: [
              {
                status: 'resolved',
                body: 'Builds are flowing again.',
                created_at: '2016-05-31T11:29:59.000-04:00',
                wants_twitter_update: true,
                twitter_updated_at: '2016-05-31T15:30:01.000Z',
                updated_at: '2016-05-31T11:30:00.000-04:00',
                display_at: '2016-05-31T11:29:59.000-04:00',
                affected_components: null,
                tweet_id: 'TWEET',
                id: 'a0yqqp5sr1zr',
                incident_id: 'fq032cl5k8c7',
              },
              {
                status: 'investigating',
                body: 'Some builds are stuck.',
                created_at: '2016-05-31T10:55:37.173-04:00',
                updated_at: '2016-05-31T10:55:37.173-04:00',
                display_at: '2016-05-31T10:41:00.000-04:00',
                affected_components: [{ name: 'No components were affected by this update.' }],
                id: '0yqqp5sr1zr6',
                incident_id: 'fq032cl5k8c7',
              },
            ],
          },
        ],
      }),
    );
    const [incident] = doc.incidents;
    assert.equal(incident!.started_at, '2016-05-31T14:41:00.000Z', 'impact began with the first (back-dated) post');
    assert.equal(incident!.resolved_at, '2016-05-31T15:29:59.000Z', 'a resolved incident has a resolution time');
    assert.equal(incident!.shortlink, 'http://stspg.io/2D56');
    assert.deepEqual(incident!.component_ids, []);
    assert.deepEqual(
      incident!.updates.map((u) => [u.id, u.changes, u.deliver_notifications, u.custom_tweet, u.tweet_id]),
      [
        ['a0yqqp5sr1zr', [], 1, null, '737661019846868992'],
        ['0yqqp5sr1zr6', [], 1, null, null],
      ],
    );
  });

  test('an incidents.json entry with a maintenance window and status is a maintenance', () => {
    const m = fixture('scheduled-maintenances').scheduled_maintenances[2];
    const doc = parseStatuspageDocument(JSON.stringify({ page: fixture('incidents').page, incidents: [...fixture('incidents').incidents, m] }));
    assert.deepEqual([doc.incidents.length, doc.maintenances.map((x) => x.path)], [4, ['incidents[4]']]);
  });

  test('lists may be null (some pages answer so when empty)', () => {
    const doc = parseStatuspageDocument(JSON.stringify({ page: fixture('summary').page, components: null, incidents: null, scheduled_maintenances: [], status: fixture('summary').status }));
    assert.deepEqual([doc.components, doc.incidents, doc.maintenances], [[], [], []]);
  });

  test('a page address means its summary.json; document URLs are kept', () => {
    assert.equal(documentUrl('https://status.example.com').toString(), 'https://status.example.com/api/v2/summary.json');
    assert.equal(documentUrl('https://status.example.com/').toString(), 'https://status.example.com/api/v2/summary.json');
    assert.equal(documentUrl('https://status.example.com/api/v2/').toString(), 'https://status.example.com/api/v2/summary.json');
    assert.equal(documentUrl('https://status.example.com/api/v2/incidents.json').toString(), 'https://status.example.com/api/v2/incidents.json');
  });

  test('the JSON scanner finds where a broken document goes wrong', () => {
    for (const valid of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) assert.equal(syntaxErrorOffset(valid), null, valid);
    assert.equal(syntaxErrorOffset('{"a": 1,}'), 8);
    assert.equal(syntaxErrorOffset('{"a": tru}'), 6);
    assert.equal(syntaxErrorOffset('{"a": "b'), 8);
    assert.equal(syntaxErrorOffset('[1 2]'), 3);
    assert.equal(syntaxErrorOffset('{} x'), 3);
    assert.equal(syntaxErrorOffset('{"a": 01}'), 7);
  });
});
