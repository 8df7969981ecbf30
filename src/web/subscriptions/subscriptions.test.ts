// The public subscription pages against the real server on both databases:
// the form, the double opt-in, manage and unsubscribe links (tampered, expired,
// wrong purpose, after unsubscribing), the form's rate limits and the outbound
// policy on webhook URLs.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { parseRule, type OutboundRule } from '../../domain/outbound-policy.js';
import { ManualClock } from '../../lib/clock.js';
import { defaultStrictGuard } from '../../outbound/guards.js';
import { useTestApi } from '../../test/api-harness.test-support.js';
import { DIALECTS } from '../../test/databases.test-support.js';
import { publicSiteOf } from '../public/serving/fastify.js';
import { componentsOf, confirmEvents, getPage, linkFor, postForm, subscriberRow } from './subscriptions.test-support.js';

const HOUR = 3600_000;

for (const dialect of DIALECTS) {
  describe(`subscription pages on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const api = useTestApi(dialect, { clock });
    let api1: string;
    let db1: string;

    beforeEach(async () => {
      // Fresh rate-limit windows for every test: the limits have a test of their own.
      clock.advance(2 * HOUR);
      if (!api1) {
        api1 = await api.createComponent('API');
        db1 = await api.createComponent('Database');
        const res = await api.request('POST', '/api/v1/component-groups', { body: { name: 'Core', components: [db1] } });
        assert.equal(res.status, 201);
        await publicSiteOf(api.app)!.refresh();
      }
    });

    test('GET /subscribe lists the components as on the page, with a no-script form and a policy that lets it post here', async () => {
      const page = await getPage(api, '/subscribe');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /^text\/html/);
      assert.match(page.text, /<form class="subscribe-form" method="post" action="\/subscribe">/);
      assert.match(page.text, new RegExp(`value="${api1}"> API`));
      assert.match(page.text, new RegExp(`<fieldset><legend>Core</legend><label class="check"><input type="checkbox" name="component_ids" value="${db1}"> Database`));
      assert.match(page.headers.get('content-security-policy')!, /form-action 'self'/);
      assert.match(page.headers.get('content-security-policy')!, /style-src 'sha256-/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.ok(!/<script/i.test(page.text));
      const home = await getPage(api, '/');
      assert.match(home.text, /<form class="subscribe-form" method="post" action="\/subscribe">/);
      assert.match(home.headers.get('content-security-policy')!, /form-action 'self'/);
    });

    test('double opt-in: the form makes a pending subscriber with its components and a confirm event; the link confirms it once', async () => {
      const page = await postForm(api, '/subscribe', { email: '  Ada@Example.COM ', component_ids: [api1] });
      assert.equal(page.status, 200, page.text);
      assert.match(page.text, /Check your inbox/);
      const row = await subscriberRow(api, 'email', 'ada@example.com');
      assert.ok(row, 'stored lower-cased');
      assert.equal(row.state, 'pending');
      assert.equal(row.source, 'form');
      assert.deepEqual(await componentsOf(api, row.id), [api1]);
      const events = await confirmEvents(api, row.id);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.audience, 'direct');
      assert.equal(events[0]!.subject_type, 'subscriber');
      assert.deepEqual(JSON.parse(events[0]!.payload_json), { type: 'subscription', subscriber_id: row.id, subscriber_type: 'email', address: 'ada@example.com', reason: null });
      assert.deepEqual(await api.auditActions(row.id), ['subscriber.create']);

      const link = await linkFor(api, row.id, 'confirm', clock.now());
      await fetch(api.baseUrl + link, { method: 'HEAD' });
      assert.equal((await subscriberRow(api, 'email', 'ada@example.com'))!.state, 'pending', 'a HEAD prefetch confirms nothing');
      const confirmed = await getPage(api, link);
      assert.equal(confirmed.status, 200);
      assert.match(confirmed.text, /You(&#39;|')re subscribed/);
      const manage = /href="(\/subscriptions\/manage\?token=[^"]+)"/.exec(confirmed.text)?.[1];
      assert.ok(manage, 'links to the manage page');
      const after = (await subscriberRow(api, 'email', 'ada@example.com'))!;
      assert.equal(after.state, 'confirmed');
      assert.equal(after.confirmed_at, clock.now().toISOString());

      const again = await getPage(api, link);
      assert.equal(again.status, 200);
      assert.match(again.text, /already subscribed/);
      assert.deepEqual(await api.auditActions(row.id), ['subscriber.create', 'subscriber.confirm'], 'the second visit changes nothing');
      assert.equal((await getPage(api, manage.replace(/&amp;/g, '&'))).status, 200);
    });

    test('tampered, wrong-purpose and expired links are refused with 400/410 and change nothing', async () => {
      await postForm(api, '/subscribe', { email: 'bob@example.com' });
      const row = (await subscriberRow(api, 'email', 'bob@example.com'))!;
      const link = await linkFor(api, row.id, 'confirm', clock.now());
      const before = await api.rowCounts(['subscribers', 'audit_log', 'subscriber_components']);
      const tampered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
      const cases: [string, number, RegExp][] = [
        [tampered, 400, /This link is not valid/],
        [(await linkFor(api, row.id, 'manage', clock.now())).replace('/manage?', '/confirm?'), 400, /not valid/],
        ['/subscriptions/confirm?token=garbage', 400, /not valid/],
        ['/subscriptions/confirm', 400, /not valid/],
        ['/subscriptions/manage?token=' + encodeURIComponent(link.split('token=')[1]!), 400, /not valid/],
      ];
      for (const [path, status, text] of cases) {
        const page = await getPage(api, path);
        assert.equal(page.status, status, path);
        assert.match(page.text, text, path);
      }
      clock.advance(49 * HOUR);
      const expired = await getPage(api, link);
      assert.equal(expired.status, 410);
      assert.match(expired.text, /This link has expired/);
      assert.deepEqual(await api.rowCounts(['subscribers', 'audit_log', 'subscriber_components']), before);
      assert.equal((await subscriberRow(api, 'email', 'bob@example.com'))!.state, 'pending');
    });

    test("subscribing a confirmed address answers as for a new one and changes nothing; a pending one gets a fresh confirmation, not more than every 10 minutes", async () => {
      await postForm(api, '/subscribe', { email: 'cy@example.com', component_ids: [api1] });
      const row = (await subscriberRow(api, 'email', 'cy@example.com'))!;
      assert.equal((await getPage(api, await linkFor(api, row.id, 'confirm', clock.now()))).status, 200);
      const before = await api.rowCounts(['subscribers', 'audit_log', 'subscriber_components', 'notification_events']);

      const fresh = await postForm(api, '/subscribe', { email: 'new-one@example.com', component_ids: [db1] });
      clock.advance(1000);
      const known = await postForm(api, '/subscribe', { email: 'cy@example.com', component_ids: [db1] });
      assert.equal(known.status, fresh.status);
      assert.equal(known.text.replace('cy@example.com', 'X'), fresh.text.replace('new-one@example.com', 'X'), 'the same page');
      const counts = await api.rowCounts(['subscribers', 'audit_log', 'subscriber_components', 'notification_events']);
      assert.deepEqual(counts, { subscribers: before.subscribers! + 1, audit_log: before.audit_log! + 1, subscriber_components: before.subscriber_components! + 1, notification_events: before.notification_events! + 1 }, 'only the new address was written');
      assert.deepEqual(await componentsOf(api, row.id), [api1], 'components unchanged');

      const pending = (await subscriberRow(api, 'email', 'new-one@example.com'))!;
      clock.advance(60_000);
      await postForm(api, '/subscribe', { email: 'new-one@example.com', component_ids: [api1] });
      assert.equal((await confirmEvents(api, pending.id)).length, 1, 'no second message within 10 minutes');
      clock.advance(10 * 60_000);
      await postForm(api, '/subscribe', { email: 'new-one@example.com', component_ids: [api1] });
      assert.equal((await confirmEvents(api, pending.id)).length, 2);
      assert.deepEqual(await componentsOf(api, pending.id), [api1], 'the latest request chose the components');
      assert.deepEqual(await api.auditActions(pending.id), ['subscriber.create', 'subscriber.confirmation_resent']);
    });

    test('the manage page shows the choice and changes the components', async () => {
      const created = await api.request('POST', '/api/v1/subscribers', { body: { email: 'dee@example.com', confirmed: true } });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      const link = await linkFor(api, id, 'manage', clock.now());
      const page = await getPage(api, link);
      assert.equal(page.status, 200);
      assert.match(page.text, /Updates go to <strong>dee@example.com<\/strong>/);
      assert.match(page.text, /action="\/subscriptions\/unsubscribe\?token=/);
      const saved = await postForm(api, link, { action: 'save', component_ids: [api1, db1] });
      assert.equal(saved.status, 200);
      assert.match(saved.text, /saved/);
      assert.deepEqual(await componentsOf(api, id), [api1, db1].sort());
      assert.match(saved.text, new RegExp(`value="${api1}" checked`));
      await postForm(api, link, { action: 'save' });
      assert.deepEqual(await componentsOf(api, id), [], 'none ticked: everything');
      const bad = await postForm(api, link, { action: 'save', component_ids: ['nope'] });
      assert.equal(bad.status, 422);
      assert.deepEqual(await api.auditActions(id), ['subscriber.create', 'subscriber.update', 'subscriber.update']);
    });

    test('unsubscribe: GET asks (link scanners change nothing), the one-click POST deletes; later links are 410', async () => {
      const created = await api.request('POST', '/api/v1/subscribers', { body: { email: 'eve@example.com', confirmed: true, component_ids: [api1] } });
      const id = created.body.id as string;
      const unsub = await linkFor(api, id, 'unsubscribe', clock.now());
      const manage = await linkFor(api, id, 'manage', clock.now());
      const ask = await getPage(api, unsub);
      assert.equal(ask.status, 200);
      assert.match(ask.text, /<form class="subscribe-form" method="post" action="\/subscriptions\/unsubscribe\?token=/);
      assert.ok(await subscriberRow(api, 'email', 'eve@example.com'), 'GET did not unsubscribe');
      // RFC 8058: what a mail client sends, no cookie, no page needed.
      const res = await fetch(api.baseUrl + unsub, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      assert.equal(res.status, 200);
      assert.equal(await subscriberRow(api, 'email', 'eve@example.com'), undefined);
      assert.deepEqual(await componentsOf(api, id), []);
      assert.deepEqual(await api.auditActions(id), ['subscriber.create', 'subscriber.unsubscribe']);
      for (const link of [unsub, manage]) {
        const gone = await getPage(api, link);
        assert.equal(gone.status, 410);
        assert.match(gone.text, /no longer exists/);
      }
      const twice = await postForm(api, unsub, { 'List-Unsubscribe': 'One-Click' });
      assert.equal(twice.status, 410);
    });

    test('the form is limited per target address and per client, answering 429 with Retry-After', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await postForm(api, '/subscribe', { email: 'flood@example.com' })).status, 200);
      const limited = await postForm(api, '/subscribe', { email: 'FLOOD@example.com' });
      assert.equal(limited.status, 429);
      assert.match(limited.text, /Too many requests/);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      for (let i = 6; i < 20; i++) assert.equal((await postForm(api, '/subscribe', { email: `n${i}@example.com` })).status, 200);
      const client = await postForm(api, '/subscribe', { email: 'another@example.com' });
      assert.equal(client.status, 429, 'the 21st from one client in 10 minutes');
      assert.equal(await subscriberRow(api, 'email', 'another@example.com'), undefined);
      clock.advance(11 * 60_000);
      assert.equal((await postForm(api, '/subscribe', { email: 'another@example.com' })).status, 200);
    });

    test('bad input re-renders the form with a 422 naming the field; the honeypot writes nothing', async () => {
      const before = await api.rowCounts(['subscribers', 'notification_events']);
      const bad = await postForm(api, '/subscribe', { email: 'not-an-address', component_ids: [api1] });
      assert.equal(bad.status, 422);
      assert.match(bad.text, /id="email-error">must be an email address/);
      assert.match(bad.text, new RegExp(`value="${api1}" checked`), 'the choice is kept');
      const bot = await postForm(api, '/subscribe', { email: 'bot@example.com', website: 'http://spam.test' });
      assert.equal(bot.status, 200);
      assert.deepEqual(await api.rowCounts(['subscribers', 'notification_events']), before);
      const huge = await postForm(api, '/subscribe', { email: 'x'.repeat(20_000) + '@example.com' });
      assert.equal(huge.status, 413);
    });

    test('a webhook to a private address is refused on the form and in the API, naming the field', async () => {
      const before = await api.rowCounts(['subscribers']);
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data/']) {
        const page = await postForm(api, '/subscribe', { email: 'ops@example.com', url });
        assert.equal(page.status, 422, url);
        assert.match(page.text, /id="url-error">refused by the outbound policy/);
        const { issue } = await api.expectValidation('POST', '/api/v1/subscribers', { type: 'webhook', url, contact_email: 'ops@example.com' }, 'url');
        assert.match(issue.message, /^refused by the outbound policy: /);
      }
      assert.deepEqual(await api.rowCounts(['subscribers']), before);
    });
  });

  describe(`webhook subscribers allowed by VIGIL_OUTBOUND_ALLOW on ${dialect}`, () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const allow = [parseRule('127.0.0.1/32') as OutboundRule];
    const api = useTestApi(dialect, { clock, strictOutbound: defaultStrictGuard(allow) });

    test('the allowed address is accepted; the confirm page shows the signing secret once, the manage page replaces it', async () => {
      const page = await postForm(api, '/subscribe', { email: 'Ops@Example.com', url: 'http://127.0.0.1:9/hook' });
      assert.equal(page.status, 200, page.text);
      assert.match(page.text, /ops@example.com/);
      const row = (await subscriberRow(api, 'webhook', 'http://127.0.0.1:9/hook'))!;
      assert.equal(row.contact_email, 'ops@example.com');
      assert.equal(row.state, 'pending');
      assert.ok(row.signing_secret && row.signing_secret.length >= 40);
      assert.equal(JSON.parse((await confirmEvents(api, row.id))[0]!.payload_json).address, 'ops@example.com', 'the confirmation goes to the contact');
      const link = await linkFor(api, row.id, 'confirm', clock.now());
      const confirmed = await getPage(api, link);
      assert.match(confirmed.text, new RegExp(`id="signing-secret">${row.signing_secret}<`));
      assert.ok(!(await getPage(api, link)).text.includes(row.signing_secret), 'shown once');
      const audit = await api.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity_id', '=', row.id).execute();
      assert.ok(!JSON.stringify(audit).includes(row.signing_secret), 'never in the audit log');

      const manage = await linkFor(api, row.id, 'manage', clock.now());
      const replaced = await postForm(api, manage, { action: 'replace_secret' });
      assert.equal(replaced.status, 200);
      const secret = /id="signing-secret">([^<]+)</.exec(replaced.text)?.[1];
      const stored = (await subscriberRow(api, 'webhook', 'http://127.0.0.1:9/hook'))!.signing_secret;
      assert.equal(secret, stored);
      assert.notEqual(stored, row.signing_secret);
      const created = await api.request('POST', '/api/v1/subscribers', { body: { type: 'webhook', url: 'http://127.0.0.1:10/hook', contact_email: 'ops@example.com' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    });
  });
}
