import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fxComponent, fxGroup, fxIncident, fxMaintenance, fxModel, fxUpdate, fxUptime } from './fixtures.test-support.js';
import { NO_DATA_DAY, PLAIN_DAY } from './uptime.js';
import { startTags, visibleText } from './html-text.test-support.js';
import { pageRoutes } from './index.js';
import { seedIncidentModel } from './seed-incident.test-support.js';
import type { PublicModel } from '../../../services/public/model.js';

function get(model: PublicModel, path: string) {
  const url = new URL(path, 'http://status.test');
  const route = pageRoutes.find((r) => r.match(url) !== null);
  assert.ok(route, `a page route answers ${path}`);
  return { key: route.match(url), ...route.render(model, url) };
}

/** Index of each needle in the text, asserting they appear in this order. */
function assertInOrder(text: string, needles: string[]) {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    assert.ok(at >= 0, `"${needle}" after position ${from} in: ${text.slice(from, from + 400)}`);
    from = at + needle.length;
  }
}

describe('status page /', () => {
  const api = fxComponent({ name: 'API', description: 'Public REST API' });
  const web = fxComponent({ name: 'Website', status: 'degraded_performance' });
  const hiddenWhenFine = fxComponent({ name: 'Legacy FTP', only_show_if_degraded: true });
  const noBar = fxComponent({ name: 'Docs', showcase: false });
  const db = fxComponent({ name: 'Database', status: 'major_outage' });
  const queue = fxComponent({ name: 'Queue' });
  const cdn = fxComponent({ name: 'CDN' });
  const storage = fxGroup({ name: 'Storage', component_ids: [db.id, queue.id] });
  const edge = fxGroup({ name: 'Edge', component_ids: [cdn.id] });
  for (const c of [db, queue]) c.group_id = storage.id;
  cdn.group_id = edge.id;
  const outageDay = fxUptime([
    { status: 'operational', at: '2020-01-01T00:00:00Z' },
    { status: 'major_outage', at: '2021-03-30T10:00:00Z' },
    { status: 'operational', at: '2021-03-30T10:07:00Z' },
    { status: 'partial_outage', at: '2021-03-30T11:00:00Z' },
    { status: 'operational', at: '2021-03-30T12:10:00Z' },
  ]);
  const active = fxIncident({
    name: 'Database unreachable',
    impact: 'critical',
    component_ids: [db.id],
    updates: [
      fxUpdate('identified', 'A failed **switch** is the cause.', '2021-04-01T11:00:00Z'),
      fxUpdate('investigating', 'OLDER UPDATE TEXT', '2021-04-01T10:00:00Z'),
    ],
  });
  const resolved = Array.from({ length: 7 }, (_, i) =>
    fxIncident({
      name: `Past incident ${i + 1}`,
      status: 'resolved',
      created_at: `2021-03-${String(20 - i).padStart(2, '0')}T10:00:00.000Z`,
      started_at: `2021-03-${String(20 - i).padStart(2, '0')}T10:00:00.000Z`,
      resolved_at: `2021-03-${String(20 - i).padStart(2, '0')}T10:45:00.000Z`,
    }),
  );
  const later = fxMaintenance({ name: 'Later maintenance', scheduled_for: '2021-04-10T22:00:00Z', scheduled_until: '2021-04-10T23:00:00Z' });
  const sooner = fxMaintenance({ name: 'Sooner maintenance', scheduled_for: '2021-04-02T22:00:00Z', scheduled_until: '2021-04-02T23:00:00Z' });
  const running = fxMaintenance({ name: 'Running maintenance', status: 'in_progress', component_ids: [queue.id], updates: [fxUpdate('in_progress', 'Work has begun.', '2021-04-01T09:00:00Z')] });
  const done = fxMaintenance({ name: 'Finished maintenance', status: 'completed' });
  const model = fxModel({
    name: 'Acme',
    accent_color: '#0b5fff',
    logo_url: 'https://cdn.acme.test/logo.svg',
    indicator: { indicator: 'critical', description: 'Major System Outage' },
    components: [api, web, hiddenWhenFine, noBar, db, queue, cdn],
    groups: [storage, edge],
    incidents: [active, ...resolved],
    maintenances: [later, running, sooner, done],
    uptime: { [api.id]: outageDay },
  });
  const page = get(model, '/');
  const text = visibleText(page.body);

  test('answers 200 HTML under the key "/"', () => {
    assert.equal(page.status, 200);
    assert.equal(page.contentType, 'text/html; charset=utf-8');
    assert.equal(page.key, '/');
    assert.equal(get(model, '/?utm_source=x').key, '/', 'query strings do not make new cache entries');
  });

  test('shows the banner, then active incidents, maintenance, components and recent incidents, in that order', () => {
    assert.match(page.body, /<p class="banner ind-critical">Major System Outage<\/p>/);
    assertInOrder(text, ['Major System Outage', 'Active incidents', 'Database unreachable', 'Scheduled maintenance', 'Components', 'Recent incidents']);
  });

  test('an active incident shows its latest update only, with the Posted time', () => {
    assertInOrder(text, ['Database unreachable', 'Critical impact', 'Identified', 'A failed switch is the cause.', 'Posted Apr 01, 2021 - 11:00 UTC', 'Affecting Database']);
    assert.ok(!text.includes('OLDER UPDATE TEXT'));
    assert.match(page.body, /<strong>switch<\/strong>/, 'Markdown is rendered');
    assert.match(page.body, new RegExp(`<a href="/incidents/${active.id}">Database unreachable</a>`));
  });

  test('maintenance: in progress first, then scheduled soonest first; completed ones are not shown', () => {
    assertInOrder(text, ['Running maintenance', 'In progress', 'Work has begun.', 'Affects Queue', 'Sooner maintenance', 'Later maintenance']);
    assert.ok(!text.includes('Finished maintenance'));
    assert.match(page.body, /Scheduled for <time datetime="2021-04-02T22:00:00.000Z">Apr 02, 2021 - 22:00 UTC<\/time> to <time datetime="2021-04-02T23:00:00.000Z">/);
  });

  test('components: ungrouped first, then groups as <details>, open only when something is wrong', () => {
    assertInOrder(text, ['Components', 'API', 'Operational', 'Public REST API', 'Website', 'Degraded performance', 'Docs', 'Storage', 'Major outage', 'Database', 'Queue', 'Edge', 'CDN']);
    assert.ok(!text.includes('Legacy FTP'), 'only_show_if_degraded hides an operational component');
    assert.match(page.body, /<details class="group" open>\s*<summary><span class="name">Storage<\/span> <span class="status st-major_outage">Major outage<\/span><\/summary>/);
    assert.match(page.body, /<details class="group">\s*<summary><span class="name">Edge<\/span>/);
  });

  test('each showcased component has one focusable, labelled uptime bar of 90 day cells', () => {
    const bars = page.body.match(/<div class="bar" tabindex="0" role="img" aria-label="[^"]*">/g) ?? [];
    assert.equal(bars.length, 5, 'every shown component except the one with showcase off');
    assert.ok(!/aria-label="Daily uptime of Docs/.test(page.body));
    assert.equal(startTags(page.body).filter((t) => /tabindex="0"/.test(t)).length, 5, 'one tab stop per bar, not per day');
    const apiBar = /<div class="bar" tabindex="0" role="img" aria-label="Daily uptime of API, last 90 days[^"]*">(.*?)<\/div>/.exec(page.body)!;
    // The accessible name tells the whole period: its figure, every day with an outage, and that the others had none.
    assert.equal(
      apiBar[0].match(/aria-label="([^"]*)"/)![1],
      'Daily uptime of API, last 90 days: 99.98% uptime. Mar 30, 2021: 98.06% uptime, 7m major outage, 1h 10m partial outage. No outage on the other days.',
    );
    const cells = startTags(apiBar[1]!);
    assert.equal(cells.length, 90);
    assert.equal(cells.filter((c) => c === '<i>').length, 89, 'a plain day is a bare cell: its date and figures come from the stylesheet');
    assert.ok(
      cells.includes('<i class="u-major" data-t="Mar 30, 2021: 98.06% uptime, 7m major outage, 1h 10m partial outage">'),
      'the outage day carries its colour, percentage and outage minutes',
    );
    assert.match(text, /99\.98% uptime/, 'the 90-day figure: 7 + 0.3 × 70 minutes down');
  });

  test('the stylesheet dates each position of the bars, so a hovered cell shows its day', () => {
    const css = /<style>(.*?)<\/style>/s.exec(page.body)![1]!;
    assert.match(css, /\.bar>:nth-child\(1\)\{--d:"Jan 02, 2021"\}/);
    assert.match(css, /\.bar>:nth-child\(90\)\{--d:"Apr 01, 2021"\}/, 'the last cell is today');
    assert.ok(css.includes(`content:var(--d) ": ${PLAIN_DAY}"`) && css.includes(`content:var(--d) ": ${NO_DATA_DAY}"`), 'the texts a bare cell shows');
    assert.ok(css.includes('.bar>i[data-t]:hover::after{content:attr(data-t)}'));
  });

  test('bar summaries: days without data, degraded days, and a bar that is not on the page calendar', () => {
    const young = fxComponent({ name: 'New' });
    const slow = fxComponent({ name: 'Slow' });
    const odd = fxComponent({ name: 'Odd' });
    const m = fxModel({
      components: [young, slow, odd],
      uptime: {
        [young.id]: fxUptime([{ status: 'operational', at: '2021-03-30T00:00:00Z' }]),
        [slow.id]: fxUptime([
          { status: 'operational', at: '2020-01-01T00:00:00Z' },
          { status: 'degraded_performance', at: '2021-03-31T10:00:00Z' },
          { status: 'operational', at: '2021-03-31T12:00:00Z' },
        ]),
        // Computed for another day: its cells cannot take their dates from the page's stylesheet.
        [odd.id]: fxUptime(undefined, '2021-03-01T12:00:00.000Z'),
      },
    });
    const body = get(m, '/').body;
    const label = (name: string) => new RegExp(`aria-label="(Daily uptime of ${name}[^"]*)"`).exec(body)![1];
    assert.equal(label('New'), 'Daily uptime of New, last 90 days: 100% uptime. No outage on any day. No data before Mar 30, 2021.');
    assert.equal(label('Slow'), 'Daily uptime of Slow, last 90 days: 100% uptime. Mar 31, 2021: 100% uptime, no outage, 2h degraded performance. No outage on the other days.');
    assert.match(body, /<i class="u-degraded" data-t="Mar 31, 2021: 100% uptime, no outage, 2h degraded performance"><\/i>/);
    assert.match(body, /<i class="u-none"><\/i>/);
    const oddCells = startTags(/aria-label="Daily uptime of Odd[^"]*">(.*?)<\/div>/.exec(body)![1]!);
    assert.equal(oddCells.length, 90);
    assert.equal(oddCells.at(-1), '<i data-t="Mar 01, 2021: 100% uptime, no outage">');
  });

  test('the last few resolved incidents link to their pages', () => {
    for (const i of resolved.slice(0, 5)) assert.match(page.body, new RegExp(`<a href="/incidents/${i.id}">${i.name}</a>`));
    assert.ok(!text.includes('Past incident 6'));
    assertInOrder(text, ['Past incident 1', 'Minor · Mar 20, 2021 · lasted 45m', 'Past incident 2']);
    assert.match(page.body, /<a href="\/history">View the full incident history<\/a>/);
  });

  test('landmarks, branding, last-updated line, feeds, and no script at all', () => {
    for (const re of [/<header class="site-header">/, /<main id="main"/, /<footer class="site-footer">/, /<nav class="site-nav" aria-label="Site">/, /<html lang="en">/]) {
      assert.match(page.body, re);
    }
    assert.match(page.body, /<a class="skip" href="#main">Skip to content<\/a>/);
    assert.match(page.body, /<img src="https:\/\/cdn\.acme\.test\/logo\.svg" alt="Acme" height="40">/);
    assert.match(page.body, /--link:#0b5fff;/, 'the accent colour passes contrast on white, so links use it');
    assert.match(page.body, /Last updated <time datetime="2021-04-01T12:00:00.000Z">Apr 01, 2021 - 12:00 UTC<\/time>/);
    assert.match(page.body, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/history.atom">/);
    assert.match(page.body, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    assert.match(page.body, /prefers-color-scheme:dark/);
    assert.ok(!/<script/i.test(page.body));
  });

  test('a quiet page: all operational, nothing active, no history yet', () => {
    const quiet = visibleText(get(fxModel({ components: [fxComponent({ name: 'API' })] }), '/').body);
    assertInOrder(quiet, ['All Systems Operational', 'Components', 'API', 'Operational', 'Recent incidents', 'No resolved incidents yet.']);
    assert.ok(!quiet.includes('Active incidents') && !quiet.includes('Scheduled maintenance'));
  });
});

describe('incident page /incidents/{id}', () => {
  const { model, incident } = seedIncidentModel();
  const page = get(model, `/incidents/${incident.id}`);
  const text = visibleText(page.body);

  test('title, impact, summary sentence and times', () => {
    assert.equal(page.status, 200);
    assert.equal(page.key, `/incidents/${incident.id}`);
    assert.match(page.body, /<h1>Pterodactyl API and Billing API outage<\/h1>/);
    assert.match(page.body, /<title>Pterodactyl API and Billing API outage · BlueFox Host<\/title>/);
    assertInOrder(text, [
      'Critical impact · Postmortem',
      'BlueFox Host experienced a critical incident on Mar 30, 2021 affecting Pterodactyl API and Billing API, lasting 2h 49m.',
      'Impact began Mar 30, 2021 - 07:05 UTC, resolved Mar 30, 2021 - 09:54 UTC',
    ]);
  });

  test('the published postmortem leads, with its non-empty sections, then every update newest first', () => {
    assertInOrder(text, [
      'Postmortem', 'Leadup', 'An engineer made a typo while modifying a cronjob.', 'Fault', 'Teleport was not functioning on bh008.',
      'Root causes', 'A bad cronjob was configured', 'Posted Mar 31, 2021 - 23:52 UTC',
      'Updates',
      'Resolved', 'This incident has been resolved.', 'Posted Mar 30, 2021 - 09:54 UTC',
      'Monitoring', 'Posted Mar 30, 2021 - 09:48 UTC',
      'Identified', 'We have identified the cause of the issue', 'Posted Mar 30, 2021 - 09:21 UTC',
      'Investigating', 'We have misidentified the cause', 'Posted Mar 30, 2021 - 09:20 UTC',
      'Identified', 'Posted Mar 30, 2021 - 09:01 UTC',
      'Investigating', 'We are currently investigating this issue.', 'Posted Mar 30, 2021 - 07:38 UTC',
      'This incident affected: Pterodactyl API, Billing API.',
    ]);
    assert.ok(!text.includes('Detection'), 'an empty section is left out');
    const h3 = [...page.body.matchAll(/<li class="update">\s*<h3>([^<]+)<\/h3>/g)].map((m) => m[1]);
    assert.deepEqual(h3, ['Resolved', 'Monitoring', 'Identified', 'Investigating', 'Identified', 'Identified', 'Investigating', 'Investigating', 'Investigating']);
    assert.equal((text.match(/An engineer made a typo/g) ?? []).length, 1, 'the postmortem update is not repeated');
    assert.match(page.body, /<time datetime="2021-03-30T07:38:00.000Z">Mar 30, 2021 - 07:38 UTC<\/time>/);
  });

  test('an open incident without a postmortem lists its postmortem-less updates and says "ongoing"', () => {
    const c = fxComponent({ name: 'API' });
    const open = fxIncident({ impact: 'major', status: 'investigating', started_at: '2021-04-01T11:00:00Z', component_ids: [c.id], updates: [fxUpdate('investigating', 'Looking.', '2021-04-01T11:05:00Z')] });
    const body = visibleText(get(fxModel({ name: 'Acme', components: [c], incidents: [open] }), `/incidents/${open.id}`).body);
    assertInOrder(body, ['Major impact · Investigating', 'Acme is experiencing a major incident affecting API, ongoing for 1h.', 'Investigating', 'Looking.', 'This incident affected: API.']);
    assert.ok(!body.includes('Postmortem'));
  });

  test('unknown, malformed and nested ids answer the 404 page with status 404', () => {
    for (const path of ['/incidents/nope', '/incidents/%3Cscript%3E', '/incidents/a/b', '/incidents/' + 'x'.repeat(65)]) {
      const res = get(model, path);
      assert.equal(res.status, 404, path);
      assert.match(res.body, /<h1>This incident does not exist<\/h1>/);
    }
    assert.equal(get(model, '/incidents/%3Cscript%3E').key, get(model, '/incidents/a/b').key, 'malformed ids share one cache key');
    assert.equal(pageRoutes.find((r) => r.match(new URL('http://x/incidents/')))?.match(new URL('http://x/incidents/')) ?? null, null);
  });
});

describe('maintenance page /maintenances/{id}', () => {
  test('window, status, updates newest first and affected components', () => {
    const c = fxComponent({ name: 'Database' });
    const m = fxMaintenance({
      status: 'completed',
      component_ids: [c.id],
      started_at: '2021-04-03T22:00:00Z',
      completed_at: '2021-04-04T01:30:00Z',
      updates: [
        fxUpdate('completed', 'All done.', '2021-04-04T01:30:00Z'),
        fxUpdate('in_progress', 'Started.', '2021-04-03T22:00:00Z'),
        fxUpdate('scheduled', 'We will upgrade the database.', '2021-03-25T10:00:00Z'),
      ],
    });
    const res = get(fxModel({ components: [c], maintenances: [m] }), `/maintenances/${m.id}`);
    assert.equal(res.status, 200);
    assertInOrder(visibleText(res.body), [
      'Database upgrade', 'Scheduled maintenance · Completed',
      'Scheduled for Apr 03, 2021 - 22:00 UTC to Apr 04, 2021 - 02:00 UTC.',
      'Started Apr 03, 2021 - 22:00 UTC, completed Apr 04, 2021 - 01:30 UTC',
      'Completed', 'All done.', 'In progress', 'Started.', 'Scheduled', 'We will upgrade the database.', 'Posted Mar 25, 2021 - 10:00 UTC',
      'This maintenance affected: Database.',
    ]);
    assert.equal(get(fxModel(), '/maintenances/unknown').status, 404);
  });

  test('is served at /incidents/{id} too, where Statuspage links a maintenance', () => {
    const m = fxMaintenance({ status: 'scheduled', updates: [fxUpdate('scheduled', 'We will upgrade the database.', '2021-03-25T10:00:00Z')] });
    const model = fxModel({ maintenances: [m] });
    const res = get(model, `/incidents/${m.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.body, get(model, `/maintenances/${m.id}`).body);
    assert.equal(get(model, '/incidents/unknown').status, 404);
  });
});

describe('history /history', () => {
  // 45 incidents, one every 2 days back from Mar 31, 2021: #45–#30 in March, #29–#16 in February, #15–#1 in January.
  const incidents = Array.from({ length: 45 }, (_, i) => {
    const at = new Date(Date.parse('2021-03-31T08:00:00Z') - i * 2 * 86_400_000).toISOString();
    return fxIncident({ name: `Incident #${45 - i}`, status: 'resolved', started_at: at, created_at: at, resolved_at: at });
  });
  // Shuffled: the page orders by when impact began, not by the model's order.
  const model = fxModel({ incidents: [...incidents].reverse() });

  test('page 1: newest 20, grouped by month, newest month first, with a link to older ones', () => {
    const res = get(model, '/history');
    assert.equal(res.status, 200);
    assert.equal(res.key, '/history');
    const text = visibleText(res.body);
    assertInOrder(text, ['Incident history', 'March 2021', 'Incident #45', 'Incident #44', 'Incident #30', 'February 2021', 'Incident #29', 'Incident #26', 'Page 1 of 3', 'Older incidents']);
    assert.ok(!text.includes('Incident #25'));
    assert.equal((res.body.match(/class="history-item"/g) ?? []).length, 20);
    assert.match(res.body, /<a href="\/history\?page=2" rel="next">Older incidents<\/a>/);
    assert.ok(!text.includes('Newer incidents'));
  });

  test('page 2 repeats a month heading that spans pages; page 3 holds the rest; page 4 is a 404', () => {
    const two = get(model, '/history?page=2');
    assert.equal(two.key, '/history?page=2');
    assertInOrder(visibleText(two.body), ['February 2021', 'Incident #25', 'Incident #16', 'January 2021', 'Incident #15', 'Incident #6', 'Newer incidents', 'Page 2 of 3', 'Older incidents']);
    assert.match(two.body, /<a href="\/history" rel="prev">Newer incidents<\/a>/);
    const three = get(model, '/history?page=3');
    assert.equal((three.body.match(/class="history-item"/g) ?? []).length, 5);
    assertInOrder(visibleText(three.body), ['January 2021', 'Incident #5', 'Incident #1', 'Page 3 of 3']);
    assert.equal(get(model, '/history?page=4').status, 404);
  });

  test('?page=1 is the same entry as /history; junk pages are 404 under one key', () => {
    assert.equal(get(model, '/history?page=1').key, '/history');
    for (const junk of ['0', '-1', 'abc', '1.5', '01', '9999999']) {
      const res = get(model, `/history?page=${junk}`);
      assert.equal(res.status, 404, junk);
      assert.equal(res.key, '/history?page=(invalid)', junk);
    }
  });

  test('no incidents: page 1 says so, page 2 does not exist; open incidents read "ongoing"', () => {
    const empty = fxModel();
    assert.match(visibleText(get(empty, '/history').body), /No incidents reported\./);
    assert.equal(get(empty, '/history?page=2').status, 404);
    const open = fxIncident({ name: 'Still going', started_at: '2021-04-01T10:00:00Z' });
    assert.match(visibleText(get(fxModel({ incidents: [open] }), '/history').body), /April 2021 Still going Minor · Apr 01, 2021 - 10:00 UTC · ongoing for 2h/);
  });
});

describe("the page's time zone and HTML in bodies", () => {
  const { model: seeded, incident } = seedIncidentModel();
  const inZone = (model: PublicModel, time_zone: string): PublicModel => ({ ...model, page: { ...model.page, time_zone } });

  test('times read in the page zone with its abbreviation; datetime attributes stay UTC', () => {
    const la = get(inZone(seeded, 'America/Los_Angeles'), `/incidents/${incident.id}`).body;
    const text = visibleText(la);
    assertInOrder(text, [
      'BlueFox Host experienced a critical incident on Mar 30, 2021',
      'Impact began Mar 30, 2021 - 00:05 PDT, resolved Mar 30, 2021 - 02:54 PDT',
      'Posted Mar 31, 2021 - 16:52 PDT',
      'Posted Mar 30, 2021 - 02:54 PDT',
      'Last updated Apr 01, 2021 - 05:00 PDT',
    ]);
    assert.match(la, /<time datetime="2021-03-30T07:38:00.000Z">Mar 30, 2021 - 00:38 PDT<\/time>/);
    assert.ok(!text.includes('UTC'), 'no time on the page says UTC');
    const london = visibleText(get(inZone(seeded, 'Europe/London'), `/incidents/${incident.id}`).body);
    assert.ok(london.includes('Impact began Mar 30, 2021 - 08:05 BST'), london);
  });

  test('history groups by the month the page zone says; home and maintenance pages use the zone too', () => {
    const late = fxIncident({ name: 'Late March', status: 'resolved', started_at: '2021-03-31T23:30:00Z', created_at: '2021-03-31T23:30:00Z', resolved_at: '2021-04-01T00:10:00Z' });
    const m = fxMaintenance({ scheduled_for: '2021-04-03T22:00:00Z', scheduled_until: '2021-04-04T02:00:00Z', updates: [fxUpdate('scheduled', 'Planned.', '2021-03-25T10:00:00Z')] });
    const berlin = inZone(fxModel({ incidents: [late], maintenances: [m] }), 'Europe/Berlin');
    assert.match(visibleText(get(berlin, '/history').body), /April 2021 Late March Minor · Apr 01, 2021 - 01:30 CEST · lasted 40m/);
    assert.match(visibleText(get(inZone(fxModel({ incidents: [late] }), 'UTC'), '/history').body), /March 2021 Late March/);
    assert.match(visibleText(get(berlin, '/').body), /Scheduled for Apr 04, 2021 - 00:00 CEST to Apr 04, 2021 - 04:00 CEST/);
    assert.match(visibleText(get(berlin, '/').body), /Late March Minor · Apr 01, 2021/);
    assert.match(visibleText(get(berlin, `/maintenances/${m.id}`).body), /Posted Mar 25, 2021 - 11:00 CET/);
  });

  test('HTML in an update body renders once, sanitized, on the incident and home pages', () => {
    const body = 'Hello,<br /><br />We plan <strong>maintenance</strong>. See <a href="https://acme.test/plan" onclick="x()">the plan</a>.<br /><script>alert(1)</script><img src=x onerror=alert(1)>';
    const open = fxIncident({ name: 'With HTML', updates: [fxUpdate('investigating', body, '2021-04-01T10:00:00Z')] });
    const model = fxModel({ incidents: [open] });
    for (const path of [`/incidents/${open.id}`, '/']) {
      const html = get(model, path).body;
      assert.ok(
        html.includes('<div class="body"><p>Hello,<br /><br />We plan <strong>maintenance</strong>. See <a href="https://acme.test/plan" rel="nofollow noopener noreferrer">the plan</a>.<br />&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p></div>'),
        path,
      );
      const text = visibleText(html);
      assert.ok(text.includes('We plan maintenance. See the plan. <script>alert(1)</script><img src=x onerror=alert(1)>'), text);
      assert.ok(!text.includes('<br'), path);
    }
  });
});
