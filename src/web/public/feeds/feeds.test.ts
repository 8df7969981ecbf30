import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Parser from 'rss-parser';
import { fxIncident, fxMaintenance, fxModel, fxUpdate } from '../pages/fixtures.test-support.js';
import { executableMarkup, visibleText } from '../pages/html-text.test-support.js';
import { seedIncidentModel } from '../pages/seed-incident.test-support.js';
import type { PublicModel } from '../../../services/public/model.js';
import { feedRoutes } from './index.js';
import { FEED_LIMIT } from './entries.js';

type Extra = { id?: string; maintenanceEndDate?: string; description?: string };
const parser = new Parser<Record<string, unknown>, Extra>({ customFields: { item: ['maintenanceEndDate', 'description', 'id'] } });

function render(model: PublicModel, path: '/history.atom' | '/history.rss') {
  const url = new URL(path, 'http://status.test');
  const route = feedRoutes.find((r) => r.match(url) !== null);
  assert.ok(route, path);
  return { key: route.match(url), cors: route.cors, ...route.render(model, url) };
}

// Seed 000 (with a postmortem and a status that goes back), plus a maintenance and 30 older incidents.
const seed = seedIncidentModel();
const maintenance = fxMaintenance({
  name: 'Database upgrade',
  status: 'scheduled',
  created_at: '2021-03-31T10:00:00.000Z',
  updated_at: '2021-03-31T10:00:00.000Z',
  scheduled_for: '2021-04-03T22:00:00.000Z',
  scheduled_until: '2021-04-04T02:00:00.000Z',
  updates: [fxUpdate('scheduled', 'We will upgrade the primary database.\n\nExpect brief read-only periods.', '2021-03-31T10:00:00.000Z')],
});
const older = Array.from({ length: 30 }, (_, i) => {
  const at = new Date(Date.parse('2021-03-01T06:00:00Z') - i * 86_400_000).toISOString();
  return fxIncident({ name: `Older #${i}`, status: 'resolved', created_at: at, updated_at: at, updates: [fxUpdate('resolved', 'Fixed.', at)] });
});
// page.url is what an import leaves (the old Statuspage address); the feeds use Vigil's own.
const model: PublicModel = {
  ...seed.model,
  publicUrl: 'https://status.bluefox.test/',
  page: { ...seed.model.page, name: 'BlueFox Host', url: 'https://bluefox.statuspage.io' },
  incidents: [...seed.model.incidents, ...older],
  maintenances: [maintenance],
};

const SEED_CONTENT =
  "<p><small>Mar <var data-var='date'>31</var>, <var data-var='time'>23:52</var> UTC</small><br><strong>Postmortem</strong> - <strong>Leadup</strong><br /><br />An engineer made a typo while modifying a cronjob.<br /><br /><strong>Fault</strong><br /><br />Teleport was not functioning on bh008.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>09:54</var> UTC</small><br><strong>Resolved</strong> - This incident has been resolved.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>09:48</var> UTC</small><br><strong>Monitoring</strong> - A fix has been implemented and we are monitoring the results.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>09:21</var> UTC</small><br><strong>Identified</strong> - We have identified the cause of the issue</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>09:20</var> UTC</small><br><strong>Investigating</strong> - We have misidentified the cause of this issue and are investigating.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>09:01</var> UTC</small><br><strong>Update</strong> - We are still waiting for the provider to contact us.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>07:47</var> UTC</small><br><strong>Identified</strong> - This appears to be related to the data center the service is in.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>07:40</var> UTC</small><br><strong>Update</strong> - An outage on bh008 has caused the downtime we are experiencing, we are working on discovering the root cause.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>07:39</var> UTC</small><br><strong>Update</strong> - We are continuing to investigate this issue.</p>" +
  "<p><small>Mar <var data-var='date'>30</var>, <var data-var='time'>07:38</var> UTC</small><br><strong>Investigating</strong> - We are currently investigating this issue.</p>";

const MAINTENANCE_CONTENT =
  "<p><strong>THIS IS A SCHEDULED EVENT Apr <var data-var='date'>3</var>, <var data-var='time'>22:00</var> UTC &nbsp;-&nbsp; Apr <var data-var='date'>4</var>, <var data-var='time'>02:00</var> UTC</strong></p>" +
  "<p><small>Mar <var data-var='date'>31</var>, <var data-var='time'>10:00</var> UTC</small><br><strong>Scheduled</strong> - We will upgrade the primary database.<br /><br />Expect brief read-only periods.</p>";

describe('Atom feed /history.atom', () => {
  const res = render(model, '/history.atom');

  test('is served as Atom, open to other origins', () => {
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'application/atom+xml; charset=utf-8');
    assert.equal(res.key, '/history.atom');
    assert.equal(res.cors, true);
  });

  test('a real feed parser reads it: Statuspage\'s titles, ids, links and order', async () => {
    const feed = await parser.parseString(res.body);
    assert.equal(feed.title, 'BlueFox Host Status - Incident History');
    assert.equal(feed.link, 'https://status.bluefox.test');
    assert.equal(feed.items.length, FEED_LIMIT);
    const [first, second, third] = feed.items;
    assert.equal(first!.title, 'Database upgrade', 'newest entry date first: the maintenance, dated by its window (Apr 3)');
    assert.equal(first!.id, `tag:status.bluefox.test,2005:Incident/${maintenance.id}`, 'Statuspage ids maintenances as incidents');
    assert.equal(first!.link, `https://status.bluefox.test/incidents/${maintenance.id}`, "linked as Statuspage links it: its maintenances are incidents");
    assert.equal(first!.content, MAINTENANCE_CONTENT);
    assert.equal(second!.title, 'Pterodactyl API and Billing API outage');
    assert.equal(second!.id, `tag:status.bluefox.test,2005:Incident/${seed.incident.id}`);
    assert.equal(second!.link, `https://status.bluefox.test/incidents/${seed.incident.id}`);
    assert.equal(second!.content, SEED_CONTENT);
    assert.equal(third!.title, 'Older #0');
    assert.equal(feed.items.at(-1)!.title, 'Older #22', 'cut at the limit');
  });

  test('entry and feed dates are RFC 3339 to the second; the feed date is the newest change', () => {
    assert.match(res.body, /<published>2021-03-30T09:54:00Z<\/published>\n {4}<updated>2021-03-31T23:52:00Z<\/updated>/, 'resolved at 09:54; the postmortem moved only updated');
    assert.match(res.body, /<published>2021-04-03T22:00:00Z<\/published>\n {4}<updated>2021-03-31T10:00:00Z<\/updated>/, 'a maintenance to come: its window start');
    assert.match(res.body, /^ {2}<updated>2021-03-31T23:52:00Z<\/updated>$/m, 'the seed incident changed last');
    assert.match(res.body, /<feed xml:lang="en-US" xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.match(res.body, /<id>tag:status.bluefox.test,2005:\/history<\/id>/);
    assert.match(res.body, /<link rel="self" type="application\/atom\+xml" href="https:\/\/status.bluefox.test\/history.atom"\/>/);
    assert.ok(!res.body.includes('statuspage.io'), "the imported page's old address appears nowhere");
  });

  test('the bytes depend on the data, not on when the snapshot was rebuilt', () => {
    assert.equal(render({ ...model, generated_at: '2030-01-01T00:00:00.000Z' }, '/history.atom').body, res.body);
  });
});

describe('RSS feed /history.rss', () => {
  const res = render(model, '/history.rss');

  test('a real feed parser reads it, with Statuspage\'s maintenanceEndDate', async () => {
    assert.equal(res.contentType, 'application/rss+xml; charset=utf-8');
    assert.equal(res.cors, true);
    const feed = await parser.parseString(res.body);
    assert.equal(feed.title, 'BlueFox Host Status - Incident History');
    assert.equal(feed.link, 'https://status.bluefox.test');
    assert.equal(feed.items.length, FEED_LIMIT);
    const [first, second] = feed.items;
    assert.equal(first!.title, 'Database upgrade');
    assert.equal(first!.pubDate, 'Sat, 03 Apr 2021 22:00:00 +0000', 'a maintenance to come is dated by its window, as on Statuspage');
    assert.equal(first!.maintenanceEndDate, 'Sun, 04 Apr 2021 02:00:00 +0000');
    assert.equal(first!.description, MAINTENANCE_CONTENT);
    assert.equal(first!.guid, `https://status.bluefox.test/incidents/${maintenance.id}`);
    assert.equal(second!.title, 'Pterodactyl API and Billing API outage');
    assert.equal(second!.pubDate, 'Tue, 30 Mar 2021 09:54:00 +0000', 'an incident is dated by its resolution');
    assert.equal(second!.maintenanceEndDate, undefined);
    assert.equal(second!.description, SEED_CONTENT);
    assert.equal(second!.link, `https://status.bluefox.test/incidents/${seed.incident.id}`);
    assert.match(res.body, /<rss version="2.0" xmlns:dc="http:\/\/purl.org\/dc\/elements\/1.1\/">/);
    assert.equal(feed.description, 'Vigil', 'the software, as Statuspage\'s says "Statuspage"');
    assert.ok(!res.body.includes('statuspage.io'));
    assert.match(res.body, /<pubDate>Wed, 31 Mar 2021 23:52:00 \+0000<\/pubDate>\n {4}<item>/, 'channel date = newest change');
  });
});

describe('feeds with hostile or unusual data', () => {
  const evil = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) & "quotes" \u0001';
  const incident = fxIncident({
    name: `Outage ${evil}`,
    updates: [fxUpdate('investigating', `Body ${evil}\n* first\n* second`, '2021-04-01T10:00:00Z')],
  });
  const hostile = fxModel({ name: `Acme Status ${evil}`.replace(/ Status.*/, ' Status'), url: '', incidents: [incident] });

  for (const path of ['/history.atom', '/history.rss'] as const) {
    test(`${path}: still well-formed; the HTML content carries no executable markup`, async () => {
      const feed = await parser.parseString(render(hostile, path).body);
      assert.equal(feed.title, 'Acme Status - Incident History', 'a page already named "… Status" is not doubled');
      assert.equal(feed.link, 'http://localhost', 'no public URL configured: still absolute');
      const item = feed.items[0]!;
      assert.equal(item.title, 'Outage <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) & "quotes" ', 'the title is plain text');
      const html = (path === '/history.atom' ? item.content : item.description)!;
      assert.deepEqual(executableMarkup(html), []);
      assert.match(html, /Body &lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=alert\(1\)&gt; <a rel="nofollow noopener noreferrer">x<\/a> &amp; "quotes"/);
      assert.match(html, /<br \/>• first<br \/>• second<\/p>$/);
    });
  }

  test('an empty page still has valid feeds', async () => {
    for (const path of ['/history.atom', '/history.rss'] as const) {
      const feed = await parser.parseString(render(fxModel(), path).body);
      assert.equal(feed.items.length, 0, path);
      assert.equal(feed.title, 'BlueFox Host Status - Incident History');
    }
  });
});

describe('update bodies with HTML, as Statuspage bodies carry it', () => {
  const body = 'Hello,<br /><br />We plan <strong>maintenance</strong>. See <a href="https://acme.test/plan" onclick="x()">the plan</a>.<br /><script>alert(1)</script>';
  const page: PublicModel = fxModel({ incidents: [fxIncident({ updates: [fxUpdate('investigating', body, '2021-04-01T10:00:00Z')] })] });

  for (const path of ['/history.atom', '/history.rss'] as const) {
    test(`${path}: rendered once (readers see the break, not "<br />"), through the allowlist`, async () => {
      const res = render(page, path);
      assert.ok(res.body.includes('&lt;br /&gt;') && !res.body.includes('&amp;lt;br'), 'escaped once for XML, not twice');
      const item = (await parser.parseString(res.body)).items[0]!;
      const html = (path === '/history.atom' ? item.content : item.description)!;
      assert.ok(
        html.endsWith(
          '- Hello,<br /><br />We plan <strong>maintenance</strong>. See <a href="https://acme.test/plan" rel="nofollow noopener noreferrer">the plan</a>.<br />&lt;script&gt;alert(1)&lt;/script&gt;</p>',
        ),
        html,
      );
      assert.deepEqual(executableMarkup(html), []);
      const text = visibleText(html);
      assert.ok(!text.includes('<br') && !text.includes('<strong>'), text);
      assert.ok(text.includes('We plan maintenance. See the plan. <script>alert(1)</script>'), text);
    });
  }
});

describe("times in the page's time zone", () => {
  const incident = fxIncident({
    name: 'Publishing delays',
    status: 'resolved',
    resolved_at: '2024-06-18T18:09:00.000Z',
    updates: [fxUpdate('resolved', 'Fixed.', '2024-06-18T18:09:00.000Z'), fxUpdate('investigating', 'Looking.', '2024-01-16T12:00:00.000Z')],
  });
  const upcoming = fxMaintenance({
    status: 'scheduled',
    created_at: '2024-01-08T16:20:00.000Z',
    updated_at: '2024-01-08T16:20:00.000Z',
    scheduled_for: '2024-01-16T12:00:00.000Z',
    scheduled_until: '2024-01-16T16:00:00.000Z',
    updates: [fxUpdate('scheduled', 'Planned.', '2024-01-08T16:20:00.000Z')],
  });
  const base = fxModel({ name: 'GOV.UK', incidents: [incident], maintenances: [upcoming] });
  const london: PublicModel = { ...base, page: { ...base.page, time_zone: 'Europe/London' } };

  test('Europe/London: GMT in winter, BST in summer, in the content; the dates stay UTC', async () => {
    const res = render(london, '/history.atom');
    const feed = await parser.parseString(res.body);
    const byTitle = new Map(feed.items.map((i) => [i.title, i.content!]));
    assert.equal(
      byTitle.get('Publishing delays'),
      "<p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>19:09</var> BST</small><br><strong>Resolved</strong> - Fixed.</p>" +
        "<p><small>Jan <var data-var='date'>16</var>, <var data-var='time'>12:00</var> GMT</small><br><strong>Investigating</strong> - Looking.</p>",
    );
    assert.equal(
      byTitle.get('Database upgrade'),
      "<p><strong>THIS IS A SCHEDULED EVENT Jan <var data-var='date'>16</var>, <var data-var='time'>12:00</var> - <var data-var='time'>16:00</var> GMT</strong></p>" +
        "<p><small>Jan <var data-var='date'> 8</var>, <var data-var='time'>16:20</var> GMT</small><br><strong>Scheduled</strong> - Planned.</p>",
    );
    assert.match(res.body, /<published>2024-06-18T18:09:00Z<\/published>/);
    assert.ok(!/UTC/.test(feed.items.map((i) => i.content).join('')));
    const rss = render(london, '/history.rss').body;
    assert.match(rss, /<pubDate>Tue, 18 Jun 2024 18:09:00 \+0000<\/pubDate>/);
    assert.match(rss, /<maintenanceEndDate>Tue, 16 Jan 2024 16:00:00 \+0000<\/maintenanceEndDate>/);
  });

  test('a window across the clock change names both zones', async () => {
    const m = fxMaintenance({ scheduled_for: '2024-10-27T00:30:00.000Z', scheduled_until: '2024-10-27T02:30:00.000Z', updates: [fxUpdate('scheduled', 'x', '2024-10-01T09:00:00.000Z')] });
    const feed = await parser.parseString(render({ ...london, incidents: [], maintenances: [m] }, '/history.atom').body);
    assert.match(feed.items[0]!.content!, /THIS IS A SCHEDULED EVENT Oct <var data-var='date'>27<\/var>, <var data-var='time'>01:30<\/var> BST - <var data-var='time'>02:30<\/var> GMT<\/strong>/);
  });
});

describe('entry dates and order, as Statuspage dates them', () => {
  const open = fxIncident({
    name: 'Open',
    created_at: '2021-04-01T08:00:00.000Z',
    updates: [fxUpdate('identified', 'Found it.', '2021-04-01T09:30:00.000Z'), fxUpdate('investigating', 'Looking.', '2021-04-01T08:00:00.000Z')],
  });
  const resolvedLater = fxIncident({
    name: 'Resolved after the maintenance started',
    status: 'resolved',
    resolved_at: '2021-04-01T00:00:25.000Z',
    updates: [fxUpdate('resolved', 'Done.', '2021-04-01T00:00:25.000Z'), fxUpdate('investigating', 'Looking.', '2021-03-31T20:00:00.000Z')],
  });
  const underWay = fxMaintenance({
    name: 'Under way',
    status: 'in_progress',
    scheduled_for: '2021-04-01T00:00:00.000Z',
    scheduled_until: '2021-04-02T00:00:00.000Z',
    started_at: '2021-04-01T00:00:49.000Z',
    updated_at: '2021-04-01T00:00:49.000Z',
    updates: [fxUpdate('in_progress', 'Started.', '2021-04-01T00:00:49.000Z'), fxUpdate('scheduled', 'Planned.', '2021-03-31T23:59:00.000Z')],
  });
  const completed = fxMaintenance({
    name: 'Completed',
    status: 'completed',
    scheduled_for: '2021-03-20T16:00:00.000Z',
    scheduled_until: '2021-03-20T18:00:00.000Z',
    completed_at: '2021-03-20T18:00:39.000Z',
    updated_at: '2021-03-20T18:00:39.000Z',
    updates: [fxUpdate('completed', 'Done.', '2021-03-20T18:00:00.000Z'), fxUpdate('scheduled', 'Planned.', '2021-03-15T10:00:00.000Z')],
  });
  const page = fxModel({ incidents: [resolvedLater, open], maintenances: [completed, underWay] });

  test('open: its latest update; resolved or completed: when; a maintenance under way sorts by its window start', async () => {
    const feed = parseAtom(render(page, '/history.atom').body);
    assert.deepEqual(feed, [
      ['Open', '2021-04-01T09:30:00Z'],
      ['Resolved after the maintenance started', '2021-04-01T00:00:25Z'],
      ['Under way', '2021-04-01T00:00:49Z'],
      ['Completed', '2021-03-20T18:00:39Z'],
    ]);
    const under = (await parser.parseString(render(page, '/history.rss').body)).items.find((i) => i.title === 'Under way')!;
    assert.equal(under.pubDate, 'Thu, 01 Apr 2021 00:00:49 +0000');
    assert.ok(!under.description!.includes('SCHEDULED EVENT'), 'the notice goes once the maintenance starts');
  });
});

/** [title, published] of each Atom entry, in order. */
function parseAtom(xml: string): [string, string][] {
  return [...xml.matchAll(/<entry>[\s\S]*?<published>(.*?)<\/published>[\s\S]*?<title>(.*?)<\/title>[\s\S]*?<\/entry>/g)].map((m) => [m[2]!, m[1]!]);
}
