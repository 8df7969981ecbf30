// The deliveries API on both databases: filters, paging, scopes and refusals.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { addSubscribers, emit, incidentEvent } from '../../../notify/outbox.test-support.js';
import { expandNextEvent } from '../../../notify/expand.js';
import { useTestApi } from '../../../test/api-harness.test-support.js';
import { DIALECTS } from '../../../test/databases.test-support.js';
import { systemClock } from '../../../lib/clock.js';

for (const dialect of DIALECTS) {
  describe(`deliveries API (${dialect})`, () => {
    const api = useTestApi(dialect);
    let events: number[] = [];
    before(async () => {
      const db = api.database.db;
      await addSubscribers(db, Array.from({ length: 5 }, (_, i) => ({ address: `p${i}@example.com` })));
      events = [await emit(db, incidentEvent()), await emit(db, incidentEvent([], 'incident.updated'))];
      while ((await expandNextEvent(db, { holder: 'test', clock: systemClock, pageSize: 100, leaseMs: 10_000 })) !== null);
    });

    test('lists newest first, filters by event and state, and pages on with before_id', async () => {
      const all = await api.request('GET', '/api/v1/deliveries', { key: 'read' });
      assert.equal(all.status, 200);
      assert.equal(all.body.length, 10);
      assert.ok(all.body.every((d: { id: number }, i: number, a: { id: number }[]) => i === 0 || a[i - 1]!.id > d.id));
      const first = await api.request('GET', `/api/v1/deliveries?event_id=${events[0]}&limit=3`);
      assert.deepEqual(first.body.map((d: any) => [d.event.kind, d.state, d.attempts, d.channel_type]), Array(3).fill(['incident.created', 'pending', 0, 'email']));
      const next = await api.request('GET', `/api/v1/deliveries?event_id=${events[0]}&limit=3&before_id=${first.body.at(-1).id}`);
      assert.equal(next.body.length, 2);
      assert.equal((await api.request('GET', '/api/v1/deliveries?state=dead')).body.length, 0);
      assert.equal((await api.request('GET', '/api/v1/deliveries?channel_type=slack')).body.length, 0);
      const one = await api.request('GET', `/api/v1/deliveries/${first.body[0].id}`);
      assert.equal(one.body.idempotency_key, first.body[0].idempotency_key);
      assert.match(one.body.next_attempt_at, /^\d{4}-\d\d-\d\dT/);
    });

    test('refuses unknown filters, a retry with a read key, and a retry of something being sent', async () => {
      assert.equal((await api.request('GET', '/api/v1/deliveries?colour=red')).status, 400);
      assert.equal((await api.request('GET', '/api/v1/deliveries/abc')).status, 400);
      const [d] = (await api.request('GET', '/api/v1/deliveries?limit=1')).body;
      assert.equal((await api.request('POST', `/api/v1/deliveries/${d.id}/retry`, { key: 'read' })).status, 403);
      await api.database.db.updateTable('deliveries').set({ state: 'sending' }).where('id', '=', d.id).execute();
      const busy = await api.request('POST', `/api/v1/deliveries/${d.id}/retry`);
      assert.equal(busy.status, 409);
      assert.match(busy.body.error.message, /being sent/);
    });

    test('the notification status shows the outbox and that email is not configured', async () => {
      const status = await api.request('GET', '/api/v1/notifications/status', { key: 'read' });
      assert.equal(status.status, 200);
      assert.equal(status.body.smtp, 'not configured');
      assert.equal(status.body.outbox.pending_events, 0);
      assert.equal(status.body.outbox.pending_deliveries + status.body.outbox.sending_deliveries, 10);
      assert.ok(status.body.outbox.oldest_pending_seconds >= 0);
    });
  });
}
