// Vigil's feeds against real Statuspage feeds (fixtures/real/, sources in its
// README): the same elements in the same order, the same attributes, id and
// link schemes, entry dates chosen by the same rule, and the same content
// grammar — checked with one set of functions run on both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { zonedTime } from '../../../domain/zoned-time.js';
import type { PublicModel } from '../../../services/public/model.js';
import { fxIncident, fxMaintenance, fxModel, fxUpdate } from '../pages/fixtures.test-support.js';
import { pageRoutes } from '../pages/index.js';
import { feedRoutes } from './index.js';
import { MONTHS } from '../pages/format.js';
import { child, childNames, parseXml, type XmlElement } from './xml-tree.test-support.js';

const real = (file: string) => readFileSync(new URL(`./fixtures/real/${file}`, import.meta.url), 'utf8');

function render(model: PublicModel, path: '/history.atom' | '/history.rss'): string {
  const url = new URL(path, 'http://status.test');
  const route = feedRoutes.find((r) => r.match(url) !== null)!;
  return route.render(model, url).body;
}

// A page like www.githubstatus.com (Etc/UTC), served by Vigil, with every kind of entry.
const H = (day: number, hhmm: string) => `2024-06-${String(day).padStart(2, '0')}T${hhmm}:00.000Z`;
function githubLike(timeZone = 'Etc/UTC'): PublicModel {
  const open = fxIncident({
    name: 'Disruption with some GitHub services',
    updates: [fxUpdate('identified', 'We found the cause.', H(20, '10:30')), fxUpdate('investigating', 'We are investigating.', H(20, '10:00'))],
  });
  const withPostmortem = fxIncident({
    name: 'Incident with Actions',
    status: 'postmortem',
    resolved_at: H(18, '18:09'),
    updated_at: H(19, '09:00'),
    postmortem: { published_at: H(19, '09:00'), sections: [{ key: 'summary', title: 'Summary', body: 'What happened.' }] },
    updates: [
      fxUpdate('postmortem', 'What happened.', H(19, '09:00')),
      fxUpdate('resolved', 'This incident has been resolved.', H(18, '18:09')),
      fxUpdate('investigating', 'Looking into it.<br />More soon.', H(18, '16:59')),
    ],
  });
  const backfilled = fxIncident({
    name: 'Incident on 2024-06-10',
    status: 'resolved',
    resolved_at: H(10, '14:30'),
    updated_at: H(11, '09:12'),
    updates: [fxUpdate('resolved', 'Backfilled.', H(10, '14:30'))],
  });
  const upcoming = fxMaintenance({
    name: 'Database upgrade',
    status: 'scheduled',
    scheduled_for: H(25, '14:00'),
    scheduled_until: H(25, '18:00'),
    updated_at: H(17, '09:26'),
    updates: [fxUpdate('scheduled', 'Moved by an hour.', H(17, '09:25')), fxUpdate('scheduled', 'We will upgrade.', H(12, '21:28'))],
  });
  const overnight = fxMaintenance({
    name: 'Network work',
    status: 'scheduled',
    scheduled_for: H(24, '21:00'),
    scheduled_until: H(25, '01:00'),
    updated_at: H(12, '22:36'),
    updates: [fxUpdate('scheduled', 'Planned.', H(12, '22:36'))],
  });
  const inProgress = fxMaintenance({
    name: 'Block Storage Maintenance',
    status: 'in_progress',
    scheduled_for: H(20, '00:00'),
    scheduled_until: H(27, '00:00'),
    started_at: H(20, '00:00'),
    updated_at: H(20, '00:00'),
    updates: [fxUpdate('in_progress', 'In progress.', H(20, '00:00')), fxUpdate('scheduled', 'Planned.', H(19, '23:59'))],
  });
  const completed = fxMaintenance({
    name: 'Network Maintenance',
    status: 'completed',
    scheduled_for: H(5, '16:00'),
    scheduled_until: H(5, '18:00'),
    started_at: H(5, '16:00'),
    completed_at: H(5, '18:00'),
    updated_at: H(5, '18:00'),
    updates: [
      fxUpdate('completed', 'Done.', H(5, '18:00')),
      fxUpdate('in_progress', 'In progress.', H(5, '16:00')),
      fxUpdate('scheduled', 'Planned.', H(1, '21:35')),
    ],
  });
  const base = fxModel({ name: 'GitHub', url: 'https://githubstatus.statuspage.io', incidents: [open, withPostmortem, backfilled], maintenances: [upcoming, overnight, inProgress, completed] });
  return { ...base, publicUrl: 'https://www.githubstatus.com', page: { ...base.page, time_zone: timeZone, updated_at: H(20, '10:30') } };
}

// ---- What both feeds are read with ---------------------------------------------------------------

interface Entry {
  id: string;
  link: string;
  published: string;
  updated?: string;
  html: string;
}

const atomEntries = (feed: XmlElement): Entry[] =>
  feed.children
    .filter((c) => c.name === 'entry')
    .map((e) => ({ id: child(e, 'id').text, link: child(e, 'link').attrs.href!, published: child(e, 'published').text, updated: child(e, 'updated').text, html: child(e, 'content').text }));

const rssItems = (rss: XmlElement): Entry[] =>
  child(rss, 'channel')
    .children.filter((c) => c.name === 'item')
    .map((i) => ({ id: child(i, 'guid').text, link: child(i, 'link').text, published: child(i, 'pubDate').text, html: child(i, 'description').text }));

const stripTags = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

interface Content {
  notice: string | null;
  updates: { stamp: string; label: string }[];
}

/** The content grammar Statuspage writes: an optional scheduled-event notice, then one paragraph per update. */
function readContent(html: string): Content {
  const grammar = /^\s*(<p><strong>THIS IS A SCHEDULED EVENT (.*?)<\/strong><\/p>)?((?:\s*<p>\s*<small>.*?<\/small><br>\s*<strong>[^<]+<\/strong> - [\s\S]*?<\/p>)+)\s*$/;
  const m = grammar.exec(html);
  assert.ok(m, `content follows the grammar: ${html.slice(0, 300)}`);
  const updates = [...m[3]!.matchAll(/<p>\s*<small>(.*?)<\/small><br>\s*<strong>([^<]+)<\/strong> - /g)].map((p) => ({ stamp: stripTags(p[1]!), label: p[2]! }));
  return { notice: m[2] ? stripTags(m[2]) : null, updates };
}

/** "Jun 18, 18:09" of a feed date: its own clock digits (Statuspage writes the page's offset), or read in `timeZone`. */
function localMinute(date: string, timeZone?: string): string {
  const ms = Date.parse(date);
  assert.ok(!Number.isNaN(ms), date);
  if (timeZone) {
    const t = zonedTime(ms, timeZone);
    return `${MONTHS[t.month - 1]} ${t.day}, ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  }
  const rfc3339 = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(date);
  if (rfc3339) return `${MONTHS[Number(rfc3339[1]) - 1]} ${Number(rfc3339[2])}, ${rfc3339[3]}:${rfc3339[4]}`;
  const rfc822 = /^\w{3}, (\d\d) (\w{3}) \d{4} (\d\d):(\d\d)/.exec(date)!;
  return `${rfc822[2]} ${Number(rfc822[1])}, ${rfc822[3]}:${rfc822[4]}`;
}
const minuteOf = (stamp: string) => stamp.replace(/ [A-Z][A-Za-z0-9+:-]*$/, '');

/**
 * Statuspage's entry date: the newest "Resolved"/"Completed" update once there is one (a later
 * postmortem does not move it); a maintenance not started yet, the start of its window; else
 * the latest update.
 */
function expectedPublished(c: Content): string {
  const done = c.updates.find((u) => u.label === 'Resolved' || u.label === 'Completed');
  if (done) return minuteOf(done.stamp);
  if (c.notice) return /^\w{3} \d{1,2}, \d\d:\d\d/.exec(c.notice)![0];
  return minuteOf(c.updates[0]!.stamp);
}

/** A maintenance under way: it sorts by the start of its window, which its content no longer shows. */
const underWay = (c: Content) => !c.notice && /^(In progress|Verifying)$/.test(c.updates[0]!.label);

function checkDates(entries: Entry[], timeZone?: string) {
  assert.ok(entries.length > 0);
  for (const e of entries) assert.equal(localMinute(e.published, timeZone), expectedPublished(readContent(e.html)), `${e.link}: entry date`);
  const order = entries.filter((e) => !underWay(readContent(e.html))).map((e) => Date.parse(e.published));
  assert.deepEqual(order, [...order].sort((a, b) => b - a), 'newest entry date first');
}

const ATOM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$/;
const RSS_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/;

/** The Atom document's shape, with the host and page address as placeholders. */
function atomShape(xml: string) {
  const feed = parseXml(xml);
  const base = child(feed, 'link').attrs.href!;
  const host = new URL(base).host;
  const generic = (s: string) => s.split(base).join('<base>').split(host).join('<host>');
  const entries = feed.children.filter((c) => c.name === 'entry');
  return {
    root: { name: feed.name, attrs: feed.attrs },
    head: childNames(feed).filter((n) => n !== 'entry'),
    entriesLast: childNames(feed).indexOf('entry') === feed.children.length - entries.length,
    id: generic(child(feed, 'id').text),
    links: feed.children.filter((c) => c.name === 'link').map((l) => ({ ...l.attrs, href: generic(l.attrs.href!) })),
    author: childNames(child(feed, 'author')),
    updated: ATOM_DATE.test(child(feed, 'updated').text),
    entry: [...new Set(entries.map((e) => childNames(e).join(' ')))],
    entryIds: [...new Set(entries.map((e) => generic(child(e, 'id').text).replace(/Incident\/[\w-]+$/, 'Incident/<id>')))],
    entryLinks: [
      ...new Set(
        entries.map((e) => {
          const href = generic(child(e, 'link').attrs.href!).replace(/\/[\w-]+$/, '/<id>');
          return JSON.stringify({ ...child(e, 'link').attrs, href });
        }),
      ),
    ],
    contentAttrs: [...new Set(entries.map((e) => JSON.stringify(child(e, 'content').attrs)))],
    dates: entries.every((e) => ATOM_DATE.test(child(e, 'published').text) && ATOM_DATE.test(child(e, 'updated').text)),
  };
}

function rssShape(xml: string) {
  const rss = parseXml(xml);
  const channel = child(rss, 'channel');
  const items = channel.children.filter((c) => c.name === 'item');
  return {
    root: { name: rss.name, attrs: rss.attrs },
    channel: childNames(channel).filter((n) => n !== 'item'),
    pubDate: RSS_DATE.test(child(channel, 'pubDate').text),
    item: [...new Set(items.map((i) => childNames(i).filter((n) => n !== 'maintenanceEndDate').join(' ')))],
    guidIsLink: items.every((i) => child(i, 'guid').text === child(i, 'link').text),
    dates: items.every((i) => RSS_DATE.test(child(i, 'pubDate').text)),
  };
}

// ---- The comparisons ----------------------------------------------------------------------------

describe('Atom: the shape of real Statuspage feeds', () => {
  const ours = render(githubLike(), '/history.atom');

  for (const file of ['github-history.atom', 'symantec-wss-history-2020-01.atom', 'digitalocean-history-2020-01-13.atom', 'metastatuspage-history.atom', 'streamyard-history.atom']) {
    test(`same elements, order, attributes, ids and links as ${file}`, () => {
      const theirs = atomShape(real(file));
      const mine = atomShape(ours);
      assert.deepEqual(mine, theirs);
    });
  }

  test("links and the feed's own address are Vigil's public URL, not the imported page's", () => {
    const feed = parseXml(ours);
    assert.equal(child(feed, 'id').text, 'tag:www.githubstatus.com,2005:/history');
    assert.deepEqual(feed.children.filter((c) => c.name === 'link').map((l) => l.attrs.href), ['https://www.githubstatus.com', 'https://www.githubstatus.com/history.atom']);
    assert.ok(!ours.includes('statuspage.io'));
  });

  test('entries link as Statuspage links them, /incidents/<id> for maintenances too, and Vigil serves each link', () => {
    const model = githubLike();
    const links = atomEntries(parseXml(render(model, '/history.atom'))).map((e) => e.link);
    assert.equal(links.length, model.incidents.length + model.maintenances.length);
    for (const link of links) {
      const url = new URL(link);
      assert.match(url.pathname, /^\/incidents\/[\w-]+$/);
      const route = pageRoutes.find((r) => r.match(url) !== null)!;
      assert.equal(route.render(model, url).status, 200, link);
    }
    for (const m of model.maintenances) assert.ok(links.includes(`https://www.githubstatus.com/incidents/${m.id}`));
    for (const i of model.incidents) assert.ok(links.includes(`https://www.githubstatus.com/incidents/${i.id}`));
  });
});

describe('entry dates follow Statuspage', () => {
  for (const file of ['github-history.atom', 'digitalocean-history.atom', 'digitalocean-history-2020-01-13.atom', 'symantec-wss-history.atom', 'symantec-wss-history-2020-01.atom', 'streamyard-history.atom', 'metastatuspage-history.atom']) {
    test(`the rule holds on the real ${file}`, () => checkDates(atomEntries(parseXml(real(file)))));
  }
  for (const file of ['digitalocean-history.rss', 'digitalocean-history-2020-01-11.rss', 'streamyard-history.rss', 'parse-history-2014.rss']) {
    test(`the rule holds on the real ${file}`, () => checkDates(rssItems(parseXml(real(file)))));
  }

  test('the same maintenance, a week apart in real feeds: dated by its latest update while in progress, by its completion after', () => {
    const find = (entries: Entry[]) => entries.find((e) => e.link.endsWith('/incidents/qz40dp1qcs1d'))!;
    const during = find(rssItems(parseXml(real('digitalocean-history-2020-01-11.rss'))));
    const after = find(rssItems(parseXml(real('digitalocean-history.rss'))));
    assert.equal(readContent(during.html).updates[0]!.label, 'In progress');
    assert.equal(during.published, 'Wed, 08 Jan 2020 00:00:49 +0000');
    assert.equal(readContent(after.html).updates[0]!.label, 'Completed');
    assert.equal(after.published, 'Tue, 14 Jan 2020 22:20:16 +0000');
  });

  test("Vigil's Atom and RSS follow the same rule, in UTC and in another zone", () => {
    checkDates(atomEntries(parseXml(render(githubLike(), '/history.atom'))));
    checkDates(rssItems(parseXml(render(githubLike(), '/history.rss'))));
    const la = githubLike('America/Los_Angeles');
    checkDates(atomEntries(parseXml(render(la, '/history.atom'))), 'America/Los_Angeles');
    checkDates(rssItems(parseXml(render(la, '/history.rss'))), 'America/Los_Angeles');
  });

  test('a postmortem moves updated, not published (as streamyard-history.atom shows)', () => {
    const theirs = atomEntries(parseXml(real('streamyard-history.atom'))).find((e) => e.link.endsWith('/l4222m9bmd6k'))!;
    assert.ok(Date.parse(theirs.updated!) > Date.parse(theirs.published));
    const ours = atomEntries(parseXml(render(githubLike(), '/history.atom'))).find((e) => e.html.includes('What happened.'))!;
    assert.equal(ours.published, '2024-06-18T18:09:00Z');
    assert.equal(ours.updated, '2024-06-19T09:00:00Z');
  });
});

describe('content: the same grammar, stamps and notices', () => {
  /** The notice with digits and zones made generic, to compare its punctuation and markup. */
  const noticeShape = (html: string) =>
    /THIS IS A SCHEDULED EVENT (.*?)<\/strong>/.exec(html)![1]!.replace(/\d+/g, '9').replace(/\b[A-Z]{3}\b(?= |$)/g, 'ZZZ').replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g, 'Mon');

  test('scheduled-event notices within a day and across days read as in symantec-wss-history-2020-01.atom', () => {
    const theirs = atomEntries(parseXml(real('symantec-wss-history-2020-01.atom'))).filter((e) => e.html.includes('SCHEDULED EVENT')).map((e) => noticeShape(e.html));
    const ours = atomEntries(parseXml(render(githubLike(), '/history.atom'))).filter((e) => e.html.includes('SCHEDULED EVENT')).map((e) => noticeShape(e.html));
    assert.deepEqual([...new Set(ours)].sort(), [...new Set(theirs)].sort());
    assert.equal(ours.length, 2, 'only the maintenances not started yet carry the notice');
  });

  test('update stamps have the same markup as the real ones', () => {
    const stampShape = (html: string) => [...html.matchAll(/<small>(.*?)<\/small>/g)].map((m) => m[1]!.replace(/>[ \d]\d</g, '>D<').replace(/\d\d:\d\d/g, 'T').replace(/^\w{3}/, 'Mon'));
    const theirs = new Set(atomEntries(parseXml(real('github-history.atom'))).flatMap((e) => stampShape(e.html)));
    const ours = new Set(atomEntries(parseXml(render(githubLike(), '/history.atom'))).flatMap((e) => stampShape(e.html)));
    assert.deepEqual([...ours], [...theirs]);
  });

  test('times in a zone carry its abbreviation, chosen per instant as metastatuspage.com shows (PST and PDT)', () => {
    // On the real feed, every resolved entry's stamp names the zone our rule gives for its published instant.
    let checked = 0;
    for (const e of atomEntries(parseXml(real('metastatuspage-history.atom')))) {
      const resolved = readContent(e.html).updates.find((u) => u.label === 'Resolved' || u.label === 'Completed');
      if (!resolved) continue;
      assert.equal(resolved.stamp.split(' ').at(-1), zonedTime(Date.parse(e.published), 'America/Los_Angeles').zone, e.link);
      checked++;
    }
    assert.ok(checked > 20);
    const ours = atomEntries(parseXml(render(githubLike('America/Los_Angeles'), '/history.atom')));
    const stamps = ours.flatMap((e) => readContent(e.html).updates.map((u) => u.stamp));
    assert.ok(stamps.length >= ours.length && ours.length > 0, `${stamps.length} stamps in ${ours.length} entries`);
    assert.ok(stamps.every((s) => s.endsWith(' PDT')), stamps.join(', '));
  });
});

describe('RSS: the shape of real Statuspage feeds', () => {
  const ours = render(githubLike(), '/history.rss');

  for (const file of ['streamyard-history.rss', 'digitalocean-history.rss', 'digitalocean-history-2020-01-11.rss']) {
    test(`same channel and item elements, in order, as ${file}`, () => {
      assert.deepEqual(rssShape(ours), rssShape(real(file)));
    });
  }

  test("the channel description is the software's name, as Statuspage's is \"Statuspage\"", () => {
    assert.equal(child(child(parseXml(real('streamyard-history.rss')), 'channel'), 'description').text, 'Statuspage');
    assert.equal(child(child(parseXml(ours), 'channel'), 'description').text, 'Vigil');
  });

  test('maintenances add maintenanceEndDate after pubDate; the link is Vigil\'s', () => {
    const channel = child(parseXml(ours), 'channel');
    const items = channel.children.filter((c) => c.name === 'item');
    const maintenance = items.find((i) => i.children.some((c) => c.name === 'maintenanceEndDate'))!;
    assert.deepEqual(childNames(maintenance), ['title', 'description', 'pubDate', 'maintenanceEndDate', 'link', 'guid']);
    assert.equal(child(channel, 'link').text, 'https://www.githubstatus.com');
    assert.ok(items.every((i) => child(i, 'link').text.startsWith('https://www.githubstatus.com/')));
  });
});
