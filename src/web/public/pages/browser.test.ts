// The status page in headless Chromium against the real server: data made
// through the admin API, served from the snapshot, read with JavaScript off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import Parser from 'rss-parser';
import { ManualClock } from '../../../lib/clock.js';
import { useTestApi, type TestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { publicSiteOf } from '../serving/fastify.js';
import { artifactPath, INTERACTIVE, launchChromium, walkWithKeyboard } from './browser.test-support.js';

// The callbacks given to page.evaluate run in the browser; this Node project loads no DOM types, so name them here.
declare const document: any, window: any, getComputedStyle: any;
type HTMLDetailsElement = any;

/** A small, realistic page: two groups, an ungrouped component, a past outage with a postmortem, an active incident, a planned maintenance. */
async function arrange(api: TestApi, clock: ManualClock) {
  // Each write moves the clock a second on, unless the step set the time itself.
  const call = async (method: string, path: string, body?: unknown, options: { at?: string } = {}) => {
    if (options.at) clock.set(options.at);
    else clock.advance(1000);
    const expected = [200, 201];
    const res = await api.request(method, path, { body });
    assert.ok(expected.includes(res.status), `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await call('PATCH', '/api/v1/page', { name: 'Acme Cloud', accent_color: '#0b5fff', public_url: 'https://status.acme.test' });
  const website = await api.createComponent('Website', { description: 'www.acme.test and the docs' });
  const apiId = await api.createComponent('API');
  const db = await api.createComponent('Database');
  const cdn = await api.createComponent('CDN');
  await call('POST', '/api/v1/component-groups', { name: 'Core', components: [apiId, db] });
  await call('POST', '/api/v1/component-groups', { name: 'Edge', components: [cdn] });

  // Mar 25: impact from 07:05, first post 07:38, a step back to investigating, resolved 09:54.
  const incident = await call('POST', '/api/v1/incidents', {
    name: 'API and Database outage',
    impact: 'critical',
    started_at: '2026-03-25T07:05:00Z',
    body: 'We are currently investigating this issue.',
    components: { [apiId]: 'major_outage', [db]: 'partial_outage' },
  }, { at: '2026-03-25T07:38:00Z' });
  const post = (at: string, status: string, body: string) => call('POST', `/api/v1/incidents/${incident.id}/updates`, { status, body }, { at });
  await post('2026-03-25T07:47:00Z', 'identified', 'This appears to be related to the data center.');
  await post('2026-03-25T09:20:00Z', 'investigating', 'We have misidentified the cause of this issue and are investigating.');
  await post('2026-03-25T09:21:00Z', 'identified', 'We have identified the cause of the issue.');
  await post('2026-03-25T09:48:00Z', 'monitoring', 'A fix has been implemented and we are monitoring the results.');
  await post('2026-03-25T09:54:00Z', 'resolved', 'This incident has been resolved.');
  await call('PUT', `/api/v1/incidents/${incident.id}/postmortem`, {
    template: 'standard',
    sections: [
      { title: 'Leadup', body: 'An engineer made a typo while modifying a **cron job**.' },
      { title: 'Fault', body: 'Certificate rotation failed on bh008.' },
      { title: 'Detection', body: '' },
      { title: 'Root causes', body: '1. A bad cron job was configured\n2. The crontab was invalid' },
    ],
  }, { at: '2026-03-26T23:51:00Z' });
  await call('POST', `/api/v1/incidents/${incident.id}/postmortem/publish`, undefined, { at: '2026-03-26T23:52:00Z' });

  // Now (Mar 30, 12:00): the CDN is slow, and a maintenance is planned for Apr 2.
  const active = await call('POST', '/api/v1/incidents', {
    name: 'Elevated CDN latency',
    impact: 'minor',
    body: 'Some assets load slowly in Europe.',
    components: { [cdn]: 'degraded_performance' },
  }, { at: '2026-03-30T11:00:00Z' });
  await call('POST', '/api/v1/maintenances', {
    name: 'Database upgrade',
    body: 'We will upgrade the primary database.',
    scheduled_for: '2026-04-02T22:00:00Z',
    scheduled_until: '2026-04-03T00:00:00Z',
    component_ids: [db],
  });
  clock.set('2026-03-30T12:00:00Z');
  await publicSiteOf(api.app)!.refresh();
  return { website, apiId, db, cdn, incident, active };
}

for (const dialect of DIALECTS) {
  describe(`status page in Chromium on ${dialect}`, () => {
    // Components exist from Mar 1, so the bars show 29 days of data and "no data" before.
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const api = useTestApi(dialect, { clock });
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let data: Awaited<ReturnType<typeof arrange>>;
    const cspViolations: string[] = [];

    before(async () => {
      data = await arrange(api, clock);
      browser = await launchChromium();
      // JavaScript off: the page must not need it.
      context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
      page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      const res = await page.goto(api.baseUrl + '/');
      assert.equal(res?.status(), 200);
    });
    after(async () => {
      await browser?.close();
    });

    test('the banner states the overall status, styled (the CSP admits our stylesheet)', async () => {
      assert.equal(await page.title(), 'Acme Cloud Status');
      const banner = page.locator('p.banner');
      assert.equal(await banner.textContent(), 'Partially Degraded Service');
      assert.equal(await banner.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(154, 103, 0)');
      assert.equal(await page.locator('header a.brand').textContent(), 'Acme Cloud status, home');
      assert.equal(await page.locator('a[href="/history"]').first().evaluate((el) => getComputedStyle(el).color), 'rgb(11, 95, 255)', 'accent colour on links');
      assert.deepEqual(cspViolations, []);
      assert.match((await page.locator('footer').textContent())!, /Last updated Mar 30, 2026 - 12:00 UTC/);
    });

    test('active incident, maintenance and recent incidents', async () => {
      const activeCard = page.locator('article.card.impact-minor');
      assert.equal(await activeCard.locator('h3').textContent(), 'Elevated CDN latency');
      assert.match((await activeCard.textContent())!, /Investigating\s*Some assets load slowly in Europe\.\s*Posted Mar 30, 2026 - 11:00 UTC/);
      const maintenance = page.locator('article.card.maintenance');
      assert.match((await maintenance.textContent())!, /Database upgrade\s*Scheduled\s*Scheduled for Apr 02, 2026 - 22:00 UTC to Apr 03, 2026 - 00:00 UTC/);
      assert.equal(await page.locator('section[aria-labelledby="recent"] li a').first().textContent(), 'API and Database outage');
    });

    test('components by group: collapsible <details>, open where something is wrong', async () => {
      // A fresh load: the groups as served, whatever earlier tests clicked.
      await page.goto(api.baseUrl + '/');
      const groups = page.locator('details.group');
      assert.equal(await groups.count(), 2);
      assert.deepEqual(await groups.locator('summary .name').allTextContents(), ['Core', 'Edge']);
      assert.deepEqual(await groups.evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open)), [false, true]);
      assert.equal(await groups.nth(1).locator('summary .status').textContent(), 'Degraded performance');
      assert.equal(await page.locator('details.group').nth(0).locator('.component').first().isVisible(), false, 'a closed group hides its components');
      await groups.nth(0).locator('summary').click();
      assert.equal(await groups.nth(0).evaluate((d) => (d as HTMLDetailsElement).open), true, 'opens without JavaScript');
      assert.deepEqual(await page.locator('.component .name').allTextContents(), ['Website', 'API', 'Database', 'CDN']);
    });

    test('uptime bars: 90 coloured days each; hovering a day shows its figures, focusing the bar shows the summary', async () => {
      // API's bar is inside the Core group, which is served closed: this test opens it itself.
      await page.goto(api.baseUrl + '/');
      const core = page.locator('details.group', { has: page.locator('summary .name', { hasText: 'Core' }) });
      await core.locator('summary').click();
      assert.equal(await core.evaluate((d) => (d as HTMLDetailsElement).open), true);
      const bars = page.locator('.bar');
      assert.equal(await bars.count(), 4);
      for (let i = 0; i < 4; i++) assert.equal(await bars.nth(i).locator('i').count(), 90);
      const apiBar = page.locator('.bar[aria-label^="Daily uptime of API, last 90 days:"]');
      const tooltip = (cell: ReturnType<Page['locator']>) => cell.evaluate((el) => getComputedStyle(el, '::after').content);
      const background = (cell: ReturnType<Page['locator']>) => cell.evaluate((el) => getComputedStyle(el).backgroundColor);
      // Components exist from Mar 1: the bar opens with "no data" days, grey.
      const first = apiBar.locator('i').first();
      await first.hover();
      assert.equal(await tooltip(first), JSON.stringify('Dec 31, 2025: no data'));
      assert.equal(await background(first), 'rgb(140, 149, 159)');
      // The component was down from the back-dated start (07:05) to the resolution (09:54): 169 of 1440 minutes.
      const outage = apiBar.locator('i').nth(84);
      assert.equal(await tooltip(outage), 'none', 'no tooltip at rest');
      await outage.hover();
      assert.equal(await tooltip(outage), JSON.stringify('Mar 25, 2026: 88.26% uptime, 2h 49m major outage'), 'hover shows the figures');
      assert.equal(await background(outage), 'rgb(207, 34, 46)', 'an outage day is red');
      const box = await outage.evaluate((el) => {
        const after = getComputedStyle(el, '::after');
        return { position: after.position, visible: after.display !== 'none' };
      });
      assert.deepEqual(box, { position: 'absolute', visible: true });
      await page.screenshot({ path: artifactPath(`status-page-uptime-tooltip-${dialect}.png`) });
      const plain = apiBar.locator('i').nth(85);
      await plain.hover();
      assert.equal(await tooltip(plain), JSON.stringify('Mar 26, 2026: 100% uptime, no outage'));
      assert.equal(await background(plain), 'rgb(26, 127, 55)', 'a good day is green');
      assert.equal(await tooltip(outage), 'none', 'only the hovered day shows its tooltip');

      // Keyboard: the bar is one stop whose tooltip is the same summary screen readers hear.
      await page.mouse.move(0, 0);
      const summary = (await apiBar.getAttribute('aria-label'))!;
      assert.equal(
        summary,
        'Daily uptime of API, last 90 days: 99.6% uptime. Mar 25, 2026: 88.26% uptime, 2h 49m major outage. No outage on the other days. No data before Mar 01, 2026.',
      );
      const barTip = () => apiBar.evaluate((el) => getComputedStyle(el, '::after').content);
      assert.equal(await barTip(), 'none');
      await apiBar.focus();
      assert.equal(await barTip(), JSON.stringify(summary), 'keyboard focus shows the summary');
      await page.screenshot({ path: artifactPath(`status-page-uptime-focus-${dialect}.png`) });
      await apiBar.blur();
    });

    test('full-page screenshots: light, dark and narrow', async () => {
      await page.goto(api.baseUrl + '/');
      await page.screenshot({ path: artifactPath(`status-page-${dialect}.png`), fullPage: true });
      const dark = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark', viewport: { width: 1200, height: 900 } });
      const darkPage = await dark.newPage();
      await darkPage.goto(api.baseUrl + '/');
      assert.equal(await darkPage.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(13, 17, 23)');
      await darkPage.screenshot({ path: artifactPath(`status-page-dark-${dialect}.png`), fullPage: true });
      const narrow = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
      const phone = await narrow.newPage();
      await phone.goto(api.baseUrl + '/');
      const visibleCells = await phone.locator('.bar').first().locator('i').evaluateAll((cells) => cells.filter((c) => c.getClientRects().length > 0).length);
      assert.equal(visibleCells, 30, 'phones see the last 30 days');
      assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scrolling');
      await phone.screenshot({ path: artifactPath(`status-page-narrow-${dialect}.png`), fullPage: true });
      await dark.close();
      await narrow.close();
    });

    test('an incident page: summary sentence, postmortem sections, updates newest first', async () => {
      await page.goto(api.baseUrl + '/');
      await page.locator('section[aria-labelledby="recent"] a', { hasText: 'API and Database outage' }).click();
      assert.equal(new URL(page.url()).pathname, `/incidents/${data.incident.id}`);
      assert.equal(await page.locator('h1').textContent(), 'API and Database outage');
      assert.equal(await page.locator('.impact-label').first().textContent(), 'Critical impact · Postmortem');
      assert.equal(
        await page.locator('p.summary').textContent(),
        'Acme Cloud experienced a critical incident on Mar 25, 2026 affecting API and Database, lasting 2h 49m.',
      );
      const pm = page.locator('section.postmortem');
      assert.deepEqual(await pm.locator('h3').allTextContents(), ['Leadup', 'Fault', 'Root causes']);
      assert.equal(await pm.locator('strong').first().textContent(), 'cron job');
      assert.deepEqual(await pm.locator('ol li').allTextContents(), ['A bad cron job was configured', 'The crontab was invalid']);
      assert.equal(await pm.locator('.posted').textContent(), 'Posted Mar 26, 2026 - 23:52 UTC');
      const updates = page.locator('li.update');
      assert.deepEqual(await updates.locator('h3').allTextContents(), ['Resolved', 'Monitoring', 'Identified', 'Investigating', 'Identified', 'Investigating']);
      assert.deepEqual(await updates.locator('.posted').allTextContents(), [
        'Posted Mar 25, 2026 - 09:54 UTC',
        'Posted Mar 25, 2026 - 09:48 UTC',
        'Posted Mar 25, 2026 - 09:21 UTC',
        'Posted Mar 25, 2026 - 09:20 UTC',
        'Posted Mar 25, 2026 - 07:47 UTC',
        'Posted Mar 25, 2026 - 07:38 UTC',
      ]);
      assert.equal(await updates.nth(3).locator('.body').textContent(), 'We have misidentified the cause of this issue and are investigating.');
      assert.equal(await updates.nth(0).locator('time').getAttribute('datetime'), '2026-03-25T09:54:00.000Z');
      assert.equal(await page.locator('p.affected').textContent(), 'This incident affected: API, Database.');
      await page.screenshot({ path: artifactPath(`incident-page-${dialect}.png`), fullPage: true });
    });

    test('history, maintenance page, and a 404 for an unknown incident', async () => {
      await page.goto(api.baseUrl + '/history');
      assert.deepEqual(await page.locator('.month h2').allTextContents(), ['March 2026']);
      assert.deepEqual(await page.locator('.history-item > a').allTextContents(), ['Elevated CDN latency', 'API and Database outage']);
      await page.goto(api.baseUrl + '/');
      await page.locator('article.card.maintenance h3 a').click();
      assert.equal(await page.locator('h1').textContent(), 'Database upgrade');
      assert.equal(await page.locator('p.affected').textContent(), 'This maintenance affects: Database.');
      const missing = await page.goto(api.baseUrl + '/incidents/doesnotexist');
      assert.equal(missing?.status(), 404);
      assert.equal(await page.locator('h1').textContent(), 'This incident does not exist');
    });

    test('the server\'s feeds parse, newest first, with every update of the incident', async () => {
      const parser = new Parser();
      for (const [path, type] of [['/history.atom', 'application/atom+xml'], ['/history.rss', 'application/rss+xml']] as const) {
        const res = await fetch(api.baseUrl + path);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), `${type}; charset=utf-8`);
        const feed = await parser.parseString(await res.text());
        assert.equal(feed.title, 'Acme Cloud Status - Incident History', path);
        assert.deepEqual(feed.items.map((i) => i.title), ['Database upgrade', 'Elevated CDN latency', 'API and Database outage'], path);
        const outage = feed.items[2]!;
        // Vigil's own address (the harness runs with the default VIGIL_PUBLIC_URL), not the page's public_url setting.
        assert.equal(outage.link, `http://localhost:3000/incidents/${data.incident.id}`);
        // rss-parser gives Atom's <content> and RSS's <description> as `content`.
        const html = outage.content!;
        const labels = [...html.matchAll(/<strong>([A-Za-z]+)<\/strong> - /g)].map((m) => m[1]);
        assert.deepEqual(labels, ['Postmortem', 'Resolved', 'Monitoring', 'Identified', 'Investigating', 'Identified', 'Investigating'], path);
      }
    });

    test('Tab reaches every link, group toggle and uptime bar, each with a visible focus ring', async () => {
      await page.goto(api.baseUrl + '/');
      const walk = await walkWithKeyboard(page);
      assert.deepEqual(walk.missed, []);
      assert.deepEqual(walk.unstyled, []);
      const total = await page.locator(INTERACTIVE).count();
      assert.equal(walk.stops.length, total, 'each interactive element once, nothing else');
      assert.equal(walk.stops[0], 'A:Skip to content');
      assert.ok(walk.stops.includes('SUMMARY:Core Operational') && walk.stops.includes('SUMMARY:Edge Degraded performance'));
      assert.equal(walk.stops.filter((s) => s.startsWith('DIV:Daily uptime of ')).length, 4, 'one stop per uptime bar');
      assert.ok(walk.stops.length < 40, `a short walk through the page (${walk.stops.length} stops)`);
      // Core starts closed: Enter on its toggle opens it, and the next Tab lands on API's bar.
      const core = walk.stops.indexOf('SUMMARY:Core Operational');
      assert.match(walk.stops[core + 1]!, /^DIV:Daily uptime of API, last 90 days: 99\.6% uptime\. Mar 25, 2026: 88\.26% uptime/);
      assert.deepEqual(await page.locator('details.group').evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open)), [true, true]);
    });
  });
}
