// The team's channels through the real API on both databases: CRUD with
// write-only secrets (answers and audit), private targets refused by the strict
// outbound policy, routing rules checked and resolved, and the test endpoint
// reaching a real receiver on loopback through the real channels.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseRule, type OutboundRule } from '../../../domain/outbound-policy.js';
import { systemClock } from '../../../lib/clock.js';
import { createChannels, type Channels } from '../../../notify/channels/registry.js';
import { startReceiver, type HttpReceiver } from '../../../notify/channels/http-receiver.test-support.js';
import { createNotificationRuntime } from '../../../notify/runtime.js';
import { defaultStrictGuard } from '../../../outbound/guards.js';
import type { NotificationRuntime } from '../../../services/notifications/runtime.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';

const SECRET = 'whsec-0123456789abcdef';

for (const dialect of DIALECTS) {
  describe(`channels API on ${dialect}`, () => {
    // Loopback is allowed for the test receiver; other private ranges stay refused.
    const strictOutbound = defaultStrictGuard([parseRule('127.0.0.1') as OutboundRule]);
    let runtime: NotificationRuntime | null = null;
    let channels: Channels | null = null;
    const notifications: NotificationRuntime = {
      smtpConfigured: false,
      testChannel: (row) => runtime!.testChannel(row),
    };
    const api = useTestApi(dialect, { strictOutbound, notifications });
    const bare = useTestApi(dialect);
    let receiver: HttpReceiver;
    before(async () => {
      receiver = await startReceiver((req) => (req.path === '/broken' ? { status: 500, body: 'receiver exploded' } : { status: 200 }));
      channels = createChannels({ smtp: null, outbound: strictOutbound, clock: systemClock });
      runtime = createNotificationRuntime({ db: api.database.db, clock: systemClock, channels, smtpConfigured: false, publicUrl: 'http://status.test' });
    });
    after(async () => {
      await receiver.close();
      await channels?.close();
    });

    const create = (body: Record<string, unknown>) => api.request('POST', '/api/v1/channels', { body });

    test('a webhook channel: secrets write-only in answers and the audit log; "••••" keeps them', async () => {
      const res = await create({ name: 'Ops webhook', type: 'webhook', key: 'ops', config: { url: receiver.url('/hook'), secret: SECRET } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const id = res.body.id as string;
      assert.deepEqual(res.body.config, { url: '••••', secret: '••••' });
      assert.deepEqual(res.body.routes, []);
      assert.equal(res.body.enabled, true);
      assert.equal(res.body.smtp, undefined);
      assert.deepEqual(res.body.warnings, ['the URL is not https: messages travel unencrypted']);
      assert.deepEqual((await api.request('GET', `/api/v1/channels/${id}`, { key: 'read' })).body, res.body);
      assert.ok((await api.request('GET', '/api/v1/channels')).body.some((c: { id: string }) => c.id === id));

      // Sent back as read, with a new name: the stored URL and secret stay.
      const renamed = await api.request('PATCH', `/api/v1/channels/${id}`, { body: { name: 'Ops', config: res.body.config } });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      const stored = await api.database.db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(stored.config_json), { url: receiver.url('/hook'), secret: SECRET });
      const rotated = await api.request('PATCH', `/api/v1/channels/${id}`, { body: { config: { url: '••••', secret: 'another-secret-of-16+' } } });
      assert.equal(rotated.status, 200);
      const after = await api.database.db.selectFrom('channels').select('config_json').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(after.config_json).secret, 'another-secret-of-16+');
      assert.equal((await api.request('PATCH', `/api/v1/channels/${id}`, { body: { type: 'slack' } })).status, 422, 'the type cannot change');

      const audit = await api.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['channel.create', 'channel.update', 'channel.update']);
      const text = JSON.stringify(audit);
      for (const secret of [SECRET, 'another-secret-of-16+', receiver.url('/hook')]) assert.ok(!text.includes(secret), `audit shows ${secret}`);

      assert.equal((await api.request('DELETE', `/api/v1/channels/${id}`)).status, 204);
      assert.equal((await api.request('GET', `/api/v1/channels/${id}`)).status, 404);
      assert.deepEqual(await api.auditActions(id), ['channel.create', 'channel.update', 'channel.update', 'channel.delete']);
    });

    test('config checked per type, naming the field; email says SMTP is not configured', async () => {
      await api.expectValidation('POST', '/api/v1/channels', { name: 'm', type: 'email', config: { to: [] } }, 'config.to');
      await api.expectValidation('POST', '/api/v1/channels', { name: 'm', type: 'email', config: { to: ['not an address'] } }, 'config.to.0');
      const many = Array.from({ length: 51 }, (_, i) => `a${i}@example.com`);
      await api.expectValidation('POST', '/api/v1/channels', { name: 'm', type: 'email', config: { to: many } }, 'config.to');
      await api.expectValidation('POST', '/api/v1/channels', { name: 's', type: 'slack', config: { url: 'ftp://x.test/' } }, 'config.url');
      await api.expectValidation('POST', '/api/v1/channels', { name: 's', type: 'slack', config: { url: receiver.url('/s'), channel: '#ops' } }, 'config.channel');
      await api.expectValidation('POST', '/api/v1/channels', { name: 'w', type: 'webhook', config: { url: receiver.url('/w'), secret: 'short' } }, 'config.secret');
      await api.expectValidation('POST', '/api/v1/channels', { name: 'x', type: 'pager', config: {} }, 'type');
      const email = await create({ name: 'On-call mail', type: 'email', config: { to: ['Oncall@Example.com'] } });
      assert.equal(email.status, 201, JSON.stringify(email.body));
      assert.deepEqual(email.body.config, { to: ['oncall@example.com'] }, 'addresses are not secret');
      assert.equal(email.body.smtp, 'not configured');
      assert.match(email.body.warnings[0], /SMTP is not configured/);
      const slack = await create({ name: 'Slack', type: 'slack', config: { url: receiver.url('/services/T/B/x') } });
      assert.equal(slack.status, 201);
      assert.ok(slack.body.warnings.some((w: string) => /hooks\.slack\.com/.test(w)), 'another host is allowed, and flagged');
    });

    test('a private address is refused by the strict policy (422 config.url), at creation and on update', async () => {
      const { issue } = await api.expectValidation('POST', '/api/v1/channels', { name: 'd', type: 'discord', config: { url: 'http://10.1.2.3/api/webhooks/1/x' } }, 'config.url');
      assert.match(issue.message, /refused by the outbound policy/);
      await api.expectValidation('POST', '/api/v1/channels', { name: 'w', type: 'webhook', config: { url: 'http://169.254.169.254/latest' } }, 'config.url');
      const before = await api.rowCounts(['channels', 'audit_log']);
      const teams = await create({ name: 'Teams', type: 'teams', config: { url: receiver.url('/teams') } });
      assert.equal(teams.status, 201);
      await api.expectValidation('PATCH', `/api/v1/channels/${teams.body.id}`, { config: { url: 'http://192.168.0.10/flow' } }, 'config.url');
      const row = await api.database.db.selectFrom('channels').select('config_json').where('id', '=', teams.body.id).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(row.config_json).url, receiver.url('/teams'));
      assert.equal((await api.rowCounts(['channels'])).channels, before.channels! + 1);
    });

    test('routing rules: event kinds, monitors and components checked; refs by key stored as ids', async () => {
      const component = await api.createComponent('Payments', { key: 'payments' });
      const monitor = await api.request('POST', '/api/v1/monitors', { body: { type: 'http', name: 'Pay API', key: 'pay-api', url: receiver.url('/pay'), interval_seconds: 60, timeout_seconds: 5 } });
      assert.equal(monitor.status, 201, JSON.stringify(monitor.body));
      const base = { name: 'Routed', type: 'webhook', config: { url: receiver.url('/routed') } };
      await api.expectValidation('POST', '/api/v1/channels', { ...base, routes: [{ events: ['monitor.exploded'] }] }, 'routes.0.events.0');
      await api.expectValidation('POST', '/api/v1/channels', { ...base, routes: [{ events: ['incident.created'] }, { monitors: ['pay-api', 'nope'] }] }, 'routes.1.monitors.1');
      await api.expectValidation('POST', '/api/v1/channels', { ...base, routes: [{ components: ['ghost'] }] }, 'routes.0.components.0');
      await api.expectValidation('POST', '/api/v1/channels', { ...base, routes: [{ severities: ['catastrophic'] }] }, 'routes.0.severities.0');
      await api.expectValidation('POST', '/api/v1/channels', { ...base, routes: [{ colour: 'red' }] }, 'routes.0.colour');
      const ok = await create({ ...base, routes: [{ events: ['monitor.down', 'monitor.up'], monitors: ['pay-api'], components: ['payments'], severities: ['major', 'critical'] }] });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.routes, [{ events: ['monitor.down', 'monitor.up'], monitors: [monitor.body.id], components: [component], severities: ['major', 'critical'] }]);
      const cleared = await api.request('PATCH', `/api/v1/channels/${ok.body.id}`, { body: { routes: [] } });
      assert.deepEqual(cleared.body.routes, [], 'no rules: the default route (every responder event)');
    });

    test('the test endpoint reaches a real receiver and reports a failing one', async () => {
      const good = await create({ name: 'Receiver', type: 'webhook', config: { url: receiver.url('/test-hook'), secret: SECRET } });
      const seen = receiver.requests.length;
      const sent = await api.request('POST', `/api/v1/channels/${good.body.id}/test`);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.deepEqual(sent.body, { ok: true, error: null });
      const [req] = (await receiver.waitFor(seen + 1)).slice(seen);
      assert.equal(req!.method, 'POST');
      assert.equal(req!.path, '/test-hook');
      assert.match(String(req!.headers['x-vigil-signature']), /^t=\d+,v1=[0-9a-f]{64}$/);

      const broken = await create({ name: 'Broken', type: 'webhook', config: { url: receiver.url('/broken') } });
      const failed = await api.request('POST', `/api/v1/channels/${broken.body.id}/test`);
      assert.equal(failed.status, 200);
      assert.equal(failed.body.ok, false);
      assert.match(failed.body.error, /500/);
      assert.equal((await api.request('POST', '/api/v1/channels/nope/test')).status, 404);
      assert.equal((await api.request('POST', `/api/v1/channels/${good.body.id}/test`, { key: 'read' })).status, 403);
    });

    test('without notifications wired the test endpoint answers 503', async () => {
      const created = await bare.request('POST', '/api/v1/channels', { body: { name: 'Mail', type: 'email', config: { to: ['ops@example.com'] } } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await bare.request('POST', `/api/v1/channels/${created.body.id}/test`)).status, 503);
    });
  });
}
