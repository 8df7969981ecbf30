// The delivery worker against real databases and real HTTP receivers on
// loopback: retries with backoff, dead letters and their retry through the
// API, Retry-After, per-target rates, waiting email without SMTP, failing
// webhooks disabled, metrics, and two workers draining one PostgreSQL outbox.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'node:test';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { ChannelType } from '../domain/notifications.js';
import { systemClock } from '../lib/clock.js';
import { openDatabase } from '../store/database.js';
import { startTestApi, type TestApi } from '../test/api-harness.test-support.js';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import type { Channel } from './channels/types.js';
import type { Channels } from './channels/registry.js';
import { loopbackChannels } from './loopback-channels.test-support.js';
import { startReceiver, type HttpReceiver as Receiver } from './channels/http-receiver.test-support.js';
import { createNotifyMetrics } from './metrics.js';
import { addChannel, addSubscribers, deliveryStates, emit, incidentEvent, waitForDb } from './outbox.test-support.js';
import { NotificationWorker, type WorkerOptions } from './worker.js';

const FAST = { baseMs: 40, capMs: 200, maxRetryAfterMs: 10_000 };

for (const dialect of DIALECTS) {
  describe(`notification worker (${dialect})`, () => {
    let api: TestApi;
    let receiver: Receiver;
    const workers: NotificationWorker[] = [];
    const registries: Channels[] = [];
    const real = (httpConcurrency?: number) => {
      const r = loopbackChannels(httpConcurrency);
      registries.push(r);
      return r;
    };

    beforeEach(async () => {
      api = await startTestApi(dialect);
      receiver = await startReceiver();
    });
    afterEach(async () => {
      for (const w of workers.splice(0)) await w.stop();
      for (const r of registries.splice(0)) await r.close();
      await receiver.close();
      await api.close();
    });

    function startWorker(o: Partial<WorkerOptions> & { types?: Partial<Record<ChannelType, Channel>> } = {}): NotificationWorker {
      const types: Partial<Record<ChannelType, Channel>> = o.types ?? { webhook: real().get('webhook')! };
      const worker = new NotificationWorker({
        db: o.db ?? api.database.db,
        clock: api.ctx.clock,
        publicUrl: 'https://status.example.com',
        channels: { get: (t) => types[t] ?? null },
        ...o,
        config: { maxAttempts: 5, disableAfterDays: 3, pollMs: 50, backoff: FAST, ...o.config },
      });
      workers.push(worker);
      worker.start();
      return worker;
    }

    const delivery = async (id?: number) => {
      const q = api.database.db.selectFrom('deliveries').selectAll();
      return (id === undefined ? q : q.where('id', '=', id)).orderBy('id').executeTakeFirst();
    };

    test('a receiver that fails three times then answers gets the message on the fourth try, with one key', async () => {
      receiver.answer = (_r, n) => (n <= 3 ? { status: 500 } : { status: 204 });
      await addSubscribers(api.database.db, [{ type: 'webhook', address: `${receiver.origin}/hook/secret-token` }]);
      const registry = new Registry();
      const metrics = createNotifyMetrics(registry, { db: api.database.db });
      startWorker({ metrics });
      await emit(api.database.db, incidentEvent());
      const row = await waitForDb(() => delivery(), (d) => d?.state === 'delivered', 'the delivery');
      assert.equal(Number(row!.attempts), 4);
      assert.equal(row!.last_error, null);
      assert.equal(receiver.requests.length, 4);
      assert.deepEqual(new Set(receiver.requests.map((r) => r.headers['idempotency-key'])), new Set([row!.idempotency_key]));
      // The per-recipient `meta` carries freshly signed links; the incident it tells is the same each time.
      const payloads = receiver.requests.map((r) => JSON.parse(r.body) as { meta?: unknown });
      assert.ok(payloads.every((p) => p.meta !== undefined), 'every attempt names its recipient meta');
      assert.equal(new Set(payloads.map(({ meta: _meta, ...rest }) => JSON.stringify(rest))).size, 1, 'every attempt sends the same payload');
      const text = await registry.metrics();
      assert.match(text, /vigil_deliveries_total\{channel="webhook",state="retried"\} 3/);
      assert.match(text, /vigil_deliveries_total\{channel="webhook",state="delivered"\} 1/);
      assert.match(text, /vigil_delivery_latency_seconds_count\{channel="webhook"\} 1/);
      assert.match(text, /vigil_outbox_depth\{kind="deliveries"\} 0/);
      assert.match(text, /vigil_outbox_oldest_pending_seconds 0/);
    });

    test('one that always fails ends dead, is listed as such, and a retry through the API delivers it', async () => {
      receiver.answer = () => ({ status: 503 });
      await addSubscribers(api.database.db, [{ type: 'webhook', address: `${receiver.origin}/hook/secret-token?sig=abc` }]);
      startWorker({ config: { maxAttempts: 3, disableAfterDays: 3 } });
      await emit(api.database.db, incidentEvent());
      await waitForDb(() => delivery(), (d) => d?.state === 'dead', 'a dead letter');
      assert.equal(receiver.requests.length, 3);

      const dead = await api.request('GET', '/api/v1/deliveries?state=dead&channel_type=webhook');
      assert.equal(dead.status, 200);
      assert.equal(dead.body.length, 1);
      const [d] = dead.body;
      assert.equal(d.attempts, 3);
      assert.equal(d.event.kind, 'incident.created');
      assert.match(d.last_error, /HTTP 503/);
      assert.doesNotMatch(d.last_error, /secret-token|sig=abc/, 'webhook paths stay out of errors');
      assert.equal((await api.request('GET', '/api/v1/deliveries?state=delivered')).body.length, 0);

      receiver.answer = () => ({ status: 200 });
      const retried = await api.request('POST', `/api/v1/deliveries/${d.id}/retry`, { key: 'write' });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.state, 'pending');
      assert.equal(retried.body.attempts, 0);
      await waitForDb(() => delivery(d.id), (r) => r?.state === 'delivered', 'the retried delivery');
      assert.equal(receiver.requests.at(-1)!.headers['idempotency-key'], d.idempotency_key);
      const after = await api.request('GET', `/api/v1/deliveries/${d.id}`);
      assert.equal(after.body.state, 'delivered');
      assert.equal(after.body.attempts, 1);
      assert.deepEqual(await api.auditActions(String(d.id)), ['delivery.retry']);
      const again = await api.request('POST', `/api/v1/deliveries/${d.id}/retry`);
      assert.equal(again.status, 409);
      assert.equal((await api.request('GET', '/api/v1/deliveries/999999')).status, 404);
      assert.equal((await api.request('GET', '/api/v1/deliveries?state=lost')).status, 400);
    });

    test('a 429 with Retry-After is retried after the time asked, not by the backoff', async () => {
      receiver.answer = (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 });
      await addSubscribers(api.database.db, [{ type: 'webhook', address: `${receiver.origin}/hook` }]);
      // The backoff alone would wait up to a minute.
      startWorker({ config: { maxAttempts: 5, disableAfterDays: 3, backoff: { baseMs: 60_000, capMs: 60_000, maxRetryAfterMs: 10_000 } } });
      await emit(api.database.db, incidentEvent());
      await waitForDb(() => delivery(), (d) => d?.state === 'delivered', 'the delivery', 10_000);
      const [first, second] = receiver.requests;
      assert.ok(second!.at - first!.at >= 950, `retried after ${second!.at - first!.at} ms`);
      assert.ok(second!.at - first!.at < 5_000, `retried after ${second!.at - first!.at} ms`);
    });

    test('a Slack webhook gets at most one message per second', async () => {
      const slack = real().get('slack')!;
      assert.equal(slack.limits.perTargetPerSecond, 1);
      await addChannel(api.database.db, { type: 'slack', config: { url: `${receiver.origin}/slack` } });
      for (let i = 0; i < 3; i++) await emit(api.database.db, { ...incidentEvent(), audience: 'responders', kind: 'monitor.down' });
      startWorker({ types: { slack } });
      await waitForDb(() => deliveryStates(api.database.db), (s) => s.delivered === 3, 'three Slack messages', 10_000);
      const times = receiver.requests.map((r) => r.at);
      assert.equal(times.length, 3);
      assert.ok(times[1]! - times[0]! >= 900 && times[2]! - times[1]! >= 900, `gaps ${times[1]! - times[0]!} ${times[2]! - times[1]!}`);
      assert.deepEqual((await api.database.db.selectFrom('deliveries').select('attempts').execute()).map((r) => Number(r.attempts)), [1, 1, 1], 'waiting for a slot uses no attempt');
    });

    test('without SMTP, email waits in the outbox without using attempts, and the warning says so once', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'warn' }, new Writable({ write: (c: Buffer, _e, done) => (lines.push(c.toString()), done()) }));
      await addSubscribers(api.database.db, [{ address: 'a@example.com' }, { address: 'b@example.com' }, { type: 'webhook', address: `${receiver.origin}/w` }]);
      startWorker({ logger });
      await emit(api.database.db, incidentEvent());
      await waitForDb(() => deliveryStates(api.database.db), (s) => s.delivered === 1 && s.pending === 2, 'the webhook delivered, the emails waiting');
      await waitForDb(async () => lines.filter((l) => l.includes('email is not configured')).length, (n) => n === 1, 'the warning');
      assert.match(lines.find((l) => l.includes('email is not configured'))!, /VIGIL_SMTP_URL\); 2 email deliveries wait in the outbox/);
      const emails = await api.database.db.selectFrom('deliveries').selectAll().where('channel_type', '=', 'email').execute();
      assert.deepEqual(emails.map((e) => [e.state, Number(e.attempts)]), [['pending', 0], ['pending', 0]]);
      const status = await api.request('GET', '/api/v1/notifications/status');
      assert.equal(status.status, 200);
      assert.equal(status.body.smtp, 'not configured');
      assert.match(status.body.message, /VIGIL_SMTP_URL.*2 wait now/);
      assert.equal(status.body.outbox.pending_deliveries, 2);
      assert.equal(status.body.outbox.by_channel_type.email.pending, 2);
      assert.ok(status.body.outbox.oldest_pending_at);
    });

    test('a webhook failing for longer than the limit is disabled, audited, and its owner told', async () => {
      receiver.answer = () => ({ status: 500 });
      const db = api.database.db;
      const [fresh, old] = await addSubscribers(db, [
        { type: 'webhook', address: `${receiver.origin}/fresh`, contact_email: 'fresh@example.com' },
        { type: 'webhook', address: `${receiver.origin}/old`, contact_email: 'owner@example.com' },
      ]);
      const longAgo = new Date(Date.now() - 4 * 86_400_000).toISOString();
      await db.updateTable('subscribers').set({ failing_since: longAgo }).where('id', '=', old!).execute();
      const channel = await addChannel(db, { type: 'webhook', config: { url: `${receiver.origin}/team` }, name: 'Team hook' });
      await db.updateTable('channels').set({ failing_since: longAgo }).where('id', '=', channel).execute();
      startWorker({ config: { maxAttempts: 1, disableAfterDays: 3 } });
      await emit(db, incidentEvent());
      await emit(db, { ...incidentEvent(), audience: 'responders', kind: 'monitor.down' });

      const subs = await waitForDb(() => db.selectFrom('subscribers').selectAll().orderBy('address').execute(), (s) => s.every((x) => x.failing_since !== null) && s.some((x) => x.disabled_at !== null), 'the old one disabled');
      const byId = new Map(subs.map((s) => [s.id, s]));
      assert.equal(byId.get(fresh!)!.disabled_at, null, 'failing for a moment is not enough');
      assert.ok(byId.get(fresh!)!.failing_since);
      assert.ok(byId.get(old!)!.disabled_at);
      assert.deepEqual(await api.auditActions(old!), ['subscriber.disable']);
      const notice = await waitForDb(
        () => db.selectFrom('deliveries').innerJoin('notification_events as e', 'e.id', 'deliveries.event_id').select(['e.kind', 'deliveries.target_id', 'deliveries.channel_type', 'deliveries.state']).where('e.kind', '=', 'subscription.disabled').execute(),
        (r) => r.length === 1,
        'the notice to the owner',
      );
      assert.deepEqual(notice, [{ kind: 'subscription.disabled', target_id: old, channel_type: 'email', state: 'pending' }]);

      const ch = await waitForDb(() => db.selectFrom('channels').selectAll().where('id', '=', channel).executeTakeFirstOrThrow(), (c) => c.disabled_at !== null, 'the channel disabled');
      assert.equal(ch.enabled, 0);
      assert.match(ch.disabled_reason!, /failed since .* \(more than 3 days\)/);
      assert.deepEqual(await api.auditActions(channel), ['channel.disable']);

      // A success clears the mark.
      receiver.answer = () => ({ status: 200 });
      await emit(db, incidentEvent());
      await waitForDb(() => db.selectFrom('subscribers').select('failing_since').where('id', '=', fresh!).executeTakeFirstOrThrow(), (s) => s.failing_since === null, 'the mark cleared');
    });

  });
}

describe('two notification workers on one PostgreSQL outbox', () => {
  test('each with its own pool, they deliver every message exactly once', async () => {
    const { database, testDb, close } = await openTestDatabase('postgres');
    const other = openDatabase(testDb.url);
    const receiver = await startReceiver();
    const registries = [loopbackChannels(10), loopbackChannels(10)];
    const webhook = registries.map((r) => r.get('webhook')!);
    const workers = [database, other].map(
      (d, i) =>
        new NotificationWorker({
          db: d.db,
          clock: systemClock,
          publicUrl: 'https://status.example.com',
          channels: { get: (t) => (t === 'webhook' ? webhook[i]! : null) },
          config: { maxAttempts: 5, disableAfterDays: 3, pollMs: 50, claimBatch: 40, expandPageSize: 100 },
        }),
    );
    try {
      const count = 600;
      await addSubscribers(database.db, Array.from({ length: count }, (_, i) => ({ type: 'webhook' as const, address: `${receiver.origin}/hook/${i}` })));
      for (const w of workers) w.start();
      await emit(database.db, incidentEvent());
      await emit(database.db, incidentEvent([], 'incident.updated'));
      await waitForDb(() => deliveryStates(database.db), (s) => s.delivered === 2 * count, 'every delivery', 30_000);
      const keys = receiver.requests.map((r) => String(r.headers['idempotency-key']));
      assert.equal(keys.length, 2 * count, 'no message sent twice');
      assert.equal(new Set(keys).size, 2 * count);
      assert.ok(workers.every((w) => w.settled > 0), `both workers took part: ${workers.map((w) => w.settled).join(', ')}`);
    } finally {
      for (const w of workers) await w.stop();
      for (const r of registries) await r.close();
      await receiver.close();
      await other.close();
      await close();
    }
  });
});
