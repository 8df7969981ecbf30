// The subscribe form in headless Chromium with JavaScript off, against the real
// server: from the home page to the full form, tick a component, submit, see
// the confirmation-sent page; the pending subscriber and its component exist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { launchChromium } from '../public/pages/browser.test-support.js';
import { publicSiteOf } from '../public/serving/fastify.js';
import { componentsOf, confirmEvents, subscriberRow } from './subscriptions.test-support.js';

for (const dialect of DIALECTS) {
  describe(`the subscribe form without JavaScript on ${dialect}`, () => {
    const api = useTestApi(dialect);
    let browser: Browser;
    let page: Page;
    const cspViolations: string[] = [];
    let db: string;

    before(async () => {
      await api.createComponent('Website');
      db = await api.createComponent('Database');
      assert.equal((await api.request('POST', '/api/v1/component-groups', { body: { name: 'Core', components: [db] } })).status, 201);
      await publicSiteOf(api.app)!.refresh();
      browser = await launchChromium();
      const context = await browser.newContext({ javaScriptEnabled: false });
      page = await context.newPage();
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
    });
    after(async () => {
      await browser?.close();
    });

    test('the home page form posts an address; the full form subscribes to one component', async () => {
      await page.goto(api.baseUrl + '/');
      await page.fill('#subscribe-email', 'home@example.com');
      await Promise.all([page.waitForURL(`${api.baseUrl}/subscribe`), page.click('section[aria-labelledby="subscribe"] button[type="submit"]')]);
      assert.equal(await page.locator('h1').textContent(), 'Check your inbox');
      assert.equal((await subscriberRow(api, 'email', 'home@example.com'))?.state, 'pending');

      await page.goto(api.baseUrl + '/');
      await Promise.all([page.waitForURL(`${api.baseUrl}/subscribe`), page.click('a[href="/subscribe"]')]);
      await page.fill('#email', 'Reader@Example.com');
      await page.check(`input[name="component_ids"][value="${db}"]`);
      await Promise.all([page.waitForLoadState('load'), page.click('form.subscribe-form button[type="submit"]')]);
      assert.equal(await page.locator('h1').textContent(), 'Check your inbox');
      assert.match((await page.locator('main').textContent())!, /reader@example\.com/);
      const row = await subscriberRow(api, 'email', 'reader@example.com');
      assert.equal(row?.state, 'pending');
      assert.deepEqual(await componentsOf(api, row!.id), [db]);
      assert.equal((await confirmEvents(api, row!.id)).length, 1);
      assert.deepEqual(cspViolations, [], 'the policy lets the form post here and admits the styles');
    });
  });
}
