// Expansion of events into deliveries on both databases: who gets what
// (per-component subscriptions, webhook-only component updates, responder
// routes, direct messages), and a re-expansion after a crash adds nothing.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { systemClock } from '../lib/clock.js';
import { expandSubscriberPage } from '../store/notification-events.js';
import type { DB } from '../store/schema.js';
import { DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import { expandNextEvent, idempotencyKey } from './expand.js';
import { addChannel, addComponent, addSubscribers, emit, incidentEvent } from './outbox.test-support.js';

const options = (holder = 'test-worker', pageSize = 1000) => ({ holder, clock: systemClock, pageSize, leaseMs: 30_000 });

for (const dialect of DIALECTS) {
  describe(`expanding events into deliveries (${dialect})`, () => {
    let db: Kysely<DB>;
    let close: () => Promise<void>;
    before(async () => {
      const opened = await openTestDatabase(dialect);
      db = opened.database.db;
      close = opened.close;
    });
    after(() => close());
    beforeEach(async () => {
      await db.deleteFrom('notification_events').execute();
      await db.deleteFrom('subscribers').execute();
      await db.deleteFrom('channels').execute();
    });

    async function targetsOf(eventId: number): Promise<string[]> {
      const rows = await db.selectFrom('deliveries').select(['target_id', 'channel_type', 'idempotency_key', 'state']).where('event_id', '=', eventId).execute();
      for (const r of rows) assert.equal(r.state, 'pending');
      return rows.map((r) => `${r.target_id}:${r.channel_type}`).sort();
    }

    test('public events reach confirmed subscribers of the components they touch; component updates go to webhooks only', async () => {
      const [a, b] = [await addComponent(db, 'API'), await addComponent(db, 'Billing')];
      const ids = await addSubscribers(db, [
        { address: 'all@example.com' },
        { address: 'api@example.com', components: [a] },
        { address: 'billing@example.com', components: [b] },
        { type: 'webhook', address: 'https://hooks.example.com/all' },
        { type: 'webhook', address: 'https://hooks.example.com/billing', components: [b] },
        { address: 'pending@example.com', state: 'pending' },
        { address: 'disabled@example.com', disabled: true },
      ]);
      const [all, api, billing, hookAll, hookBilling] = ids as [string, string, string, string, string];

      const touchingA = await emit(db, incidentEvent([a]));
      const touchingNone = await emit(db, incidentEvent([]));
      const componentB = await emit(db, {
        ...incidentEvent([b]),
        kind: 'component.status_changed',
        subject: { type: 'component', id: b },
        thread_key: null,
      });
      while ((await expandNextEvent(db, options())) !== null);

      assert.deepEqual(await targetsOf(touchingA), [`${all}:email`, `${api}:email`, `${hookAll}:webhook`].sort());
      assert.deepEqual(await targetsOf(touchingNone), [`${all}:email`, `${api}:email`, `${billing}:email`, `${hookAll}:webhook`, `${hookBilling}:webhook`].sort());
      assert.deepEqual(await targetsOf(componentB), [`${hookAll}:webhook`, `${hookBilling}:webhook`].sort());
      const key = await db.selectFrom('deliveries').select('idempotency_key').where('event_id', '=', touchingA).where('target_id', '=', api).executeTakeFirstOrThrow();
      assert.equal(key.idempotency_key, idempotencyKey(touchingA, 'subscriber', api));
      const events = await db.selectFrom('notification_events').select(['state', 'claimed_by', 'expanded_at']).execute();
      assert.ok(events.every((e) => e.state === 'expanded' && e.claimed_by === null && e.expanded_at !== null));
    });

    test('responder events go to enabled channels whose routes want them; direct messages to their subject', async () => {
      const everything = await addChannel(db, { type: 'slack', config: { url: 'https://hooks.slack.com/x' } });
      await addChannel(db, { type: 'webhook', config: { url: 'https://hooks.example.com/up' }, routes: [{ events: ['monitor.up'] }] });
      const byMonitor = await addChannel(db, { type: 'discord', config: { url: 'https://discord.com/api/webhooks/x' }, routes: [{ monitors: ['m1'] }] });
      const disabled = await addChannel(db, { type: 'teams', config: { url: 'https://example.webhook.office.com/x' } });
      await db.updateTable('channels').set({ enabled: 0 }).where('id', '=', disabled).execute();
      const down = await emit(db, { ...incidentEvent(), audience: 'responders', kind: 'monitor.down', monitor_id: 'm1' });

      const [pending, hook] = (await addSubscribers(db, [
        { address: 'new@example.com', state: 'pending' },
        { type: 'webhook', address: 'https://hooks.example.com/h', state: 'pending', contact_email: 'owner@example.com' },
      ])) as [string, string];
      const confirm = (id: string) => ({
        kind: 'subscription.confirm' as const,
        audience: 'direct' as const,
        subject: { type: 'subscriber', id },
        thread_key: null,
        component_ids: [],
        payload: { type: 'subscription' as const, subscriber_id: id, subscriber_type: 'email' as const, address: 'x', reason: null },
      });
      const toPending = await emit(db, confirm(pending));
      const toHook = await emit(db, confirm(hook));
      while ((await expandNextEvent(db, options())) !== null);

      assert.deepEqual(await targetsOf(down), [`${everything}:slack`, `${byMonitor}:discord`].sort());
      assert.deepEqual(await targetsOf(toPending), [`${pending}:email`], 'the opt-in of a pending subscriber goes out');
      assert.deepEqual(await targetsOf(toHook), [`${hook}:email`], 'a webhook subscriber confirms by email');
    });

    test('a worker that died mid-expansion is replaced without duplicates, in pages', async () => {
      const ids = await addSubscribers(db, Array.from({ length: 25 }, (_, i) => ({ address: `s${i}@example.com` })));
      const eventId = await emit(db, incidentEvent());
      // The first worker claims the event, writes one page of 10 and dies.
      const now = Date.now();
      await db.updateTable('notification_events').set({ claimed_by: 'dead-worker', claimed_until: now + 30_000 }).where('id', '=', eventId).execute();
      const firstPage = await expandSubscriberPage(db, {
        eventId, types: ['email', 'webhook'], componentIds: [], after: null, pageSize: 10, idempotencyPrefix: `evt${eventId}-s-`,
        holder: 'dead-worker', nowMs: now, nowIso: new Date(now).toISOString(), claimUntil: now + 30_000,
      });
      assert.equal(firstPage?.written, 10);
      assert.equal(await expandNextEvent(db, options('other', 10)), null, 'a live claim is respected');
      // Its lease runs out; the worst case is a cursor behind the pages written (as if the cursor were lost).
      await db.updateTable('notification_events').set({ claimed_until: now - 1, expand_cursor: null }).where('id', '=', eventId).execute();
      assert.equal(await expandNextEvent(db, options('other', 10)), 15, 'only the missing deliveries are written');
      assert.equal(await expandNextEvent(db, options('other', 10)), null);
      const rows = await db.selectFrom('deliveries').select(['target_id', 'idempotency_key']).where('event_id', '=', eventId).execute();
      assert.equal(rows.length, 25);
      assert.deepEqual(rows.map((r) => r.target_id).sort(), [...ids].sort());
      assert.equal(new Set(rows.map((r) => r.idempotency_key)).size, 25);
      // The dead worker's claim is gone: it cannot write another page.
      const late = await expandSubscriberPage(db, {
        eventId, types: ['email'], componentIds: [], after: null, pageSize: 10, idempotencyPrefix: `evt${eventId}-s-`,
        holder: 'dead-worker', nowMs: now, nowIso: new Date(now).toISOString(), claimUntil: now + 30_000,
      });
      assert.equal(late, null);
    });
  });
}
