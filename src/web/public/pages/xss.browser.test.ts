// Hostile names and bodies, entered through the admin API, viewed in Chromium
// with JavaScript ON: no script runs and no dialog opens — first with the
// page's Content-Security-Policy bypassed (the markup alone must be inert),
// then with it enforced (and nothing legitimate is blocked by it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { publicSiteOf } from '../serving/fastify.js';
import { launchChromium } from './browser.test-support.js';

// The callbacks given to page.evaluate run in the browser; this Node project loads no DOM types, so name them here.
declare const document: any, window: any;

const SCRIPT = '<script>window.__xss = 1; alert("script")</script>';
const ONERROR = '<img src=x onerror="window.__xss = 2; alert(\'onerror\')">';
const SVG = '"><svg onload=alert("svg")>';
const JS_LINK = '[click me](javascript:alert("link"))';
const RAW_LINK = '<a href="javascript:alert(\'raw\')">raw link</a>';
const TITLE = "<img src=x onerror=\"document.title='pwned'\">";
const ALL = [SCRIPT, ONERROR, SVG, JS_LINK, RAW_LINK, TITLE];

for (const dialect of DIALECTS) {
  describe(`hostile content in Chromium on ${dialect}`, () => {
    const api = useTestApi(dialect);
    let browser: Browser;
    const paths: string[] = [];

    before(async () => {
      const ok = (res: { status: number; body: unknown }) => {
        assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
        return res.body as { id: string };
      };
      ok(await api.request('PATCH', '/api/v1/page', { body: { name: `Acme ${SCRIPT}` } }));
      const comp = await api.createComponent(`API ${ONERROR}`, { description: `${SCRIPT} ${SVG}` });
      ok(await api.request('POST', '/api/v1/component-groups', { body: { name: `Group ${SVG}`, description: SCRIPT, components: [comp] } }));
      const incident = ok(
        await api.request('POST', '/api/v1/incidents', {
          body: { name: `Outage ${SVG} ${SCRIPT}`, impact: 'major', body: ALL.join('\n\n'), components: { [comp]: 'major_outage' } },
        }),
      );
      ok(await api.request('POST', `/api/v1/incidents/${incident.id}/updates`, { body: { status: 'identified', body: `${TITLE} ${JS_LINK}` } }));
      const maintenance = ok(
        await api.request('POST', '/api/v1/maintenances', {
          body: { name: `Work ${ONERROR}`, body: ALL.join('\n'), scheduled_for: '2030-01-01T00:00:00Z', scheduled_until: '2030-01-01T01:00:00Z', component_ids: [comp] },
        }),
      );
      await publicSiteOf(api.app)!.refresh();
      paths.push('/', `/incidents/${incident.id}`, `/maintenances/${maintenance.id}`, '/history', '/incidents/missing');
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
    });

    async function visit(page: Page, path: string) {
      const res = await page.goto(api.baseUrl + path, { waitUntil: 'load' });
      assert.ok(res && (res.status() === 200 || (path === '/incidents/missing' && res.status() === 404)), path);
      // Give an onerror or onload handler the chance it would have had.
      await page.waitForTimeout(100);
    }

    for (const bypassCSP of [true, false]) {
      test(`no script runs and no dialog opens${bypassCSP ? ' even with the CSP bypassed' : ', and the CSP blocks nothing of ours'}`, async () => {
        const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP });
        const dialogs: string[] = [];
        const cspViolations: string[] = [];
        context.on('dialog', async (d) => {
          dialogs.push(d.message());
          await d.dismiss();
        });
        const page = await context.newPage();
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
        });
        for (const path of paths) {
          await visit(page, path);
          const state = await page.evaluate(() => ({
            xss: (window as unknown as { __xss?: number }).__xss ?? null,
            title: document.title,
            scripts: document.scripts.length,
            handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
            badLinks: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((h) => h !== null && !/^(https?:|mailto:|\/|#)/i.test(h)),
            svgs: document.querySelectorAll('svg, iframe, img:not(header img)').length,
          }));
          assert.deepEqual(state.xss, null, path);
          assert.notEqual(state.title, 'pwned', path);
          assert.deepEqual({ scripts: state.scripts, handlers: state.handlers, badLinks: state.badLinks, svgs: state.svgs }, { scripts: 0, handlers: [], badLinks: [], svgs: 0 }, path);
        }
        // The javascript: link kept its text and lost its target: clicking it does nothing.
        await visit(page, paths[1]!);
        const link = page.locator('a', { hasText: 'click me' }).first();
        assert.equal(await link.getAttribute('href'), null);
        await link.click();
        assert.equal(new URL(page.url()).pathname, paths[1]);
        assert.deepEqual(dialogs, []);
        if (!bypassCSP) assert.deepEqual(cspViolations, [], 'the policy admits the page\'s own stylesheet and nothing needed is blocked');
        await context.close();
      });
    }

    test('the hostile text is shown to readers exactly as written', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await visit(page, paths[1]!);
      const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
      assert.ok(text.includes(`Outage ${SVG} ${SCRIPT}`), text);
      assert.ok(text.includes(SCRIPT) && text.includes(ONERROR), text);
      // A link is HTML a body may use: it renders, without its javascript: target, rather than as markup.
      assert.ok(text.includes('raw link') && !text.includes(RAW_LINK), text);
      assert.ok(text.includes(`This incident affected: API ${ONERROR}.`), text);
      assert.equal(await page.title(), `Outage ${SVG} ${SCRIPT} · Acme ${SCRIPT}`);
      await context.close();
    });
  });
}
