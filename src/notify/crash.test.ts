// Crash safety of the outbox: a real `vigil serve` fans one incident out to
// 2,000 webhook subscribers on a loopback receiver, is killed with SIGKILL in
// the middle, and is started again on the same database. Every subscriber
// must get the message at least once, every duplicate must carry the same
// idempotency key, and nothing may be left pending or sending.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openDatabase } from '../store/database.js';
import { createTestDatabase, DIALECTS } from '../test/databases.test-support.js';
import { startServe } from '../test/vigil-process.test-support.js';
import { startReceiver } from './channels/http-receiver.test-support.js';
import { addSubscribers, deliveryStates, emit, incidentEvent, waitForDb } from './outbox.test-support.js';

const SUBSCRIBERS = 2_000;

for (const dialect of DIALECTS) {
  describe(`outbox crash safety (${dialect})`, () => {
    test('SIGKILL in the middle of a fan-out, restart: everyone has it, duplicates share their key, nothing left', { timeout: 180_000 }, async (t) => {
      const testDb = await createTestDatabase(dialect);
      t.after(() => testDb.drop());
      // Slow enough that the fan-out takes seconds, so the kill lands in its middle.
      const receiver = await startReceiver();
      receiver.delayMs = 5;
      t.after(() => receiver.close());
      const env = { VIGIL_DATABASE_URL: testDb.url, VIGIL_OUTBOUND_ALLOW: '127.0.0.1', VIGIL_WEBHOOK_CONCURRENCY: '4' };

      const first = await startServe(env);
      t.after(() => first.process.stop('SIGKILL'));
      const database = openDatabase(testDb.url);
      t.after(() => database.close());
      await addSubscribers(database.db, Array.from({ length: SUBSCRIBERS }, (_, i) => ({ type: 'webhook' as const, address: `${receiver.origin}/hook/${i}` })));
      const keysByPath = new Map<string, Set<string>>();
      let answered = 0;
      receiver.answer = (r) => {
        const keys = keysByPath.get(r.path) ?? new Set<string>();
        keys.add(String(r.headers['idempotency-key']));
        keysByPath.set(r.path, keys);
        answered += 1;
        return { status: 200 };
      };
      await emit(database.db, incidentEvent());

      await receiver.waitUntil(() => keysByPath.size >= 300, 'the fan-out to be under way', 60_000);
      first.process.child.kill('SIGKILL');
      await first.process.exited;
      const atKill = keysByPath.size;
      assert.ok(atKill < SUBSCRIBERS, `killed in the middle (${atKill} of ${SUBSCRIBERS} reached)`);

      const second = await startServe(env);
      t.after(() => second.process.stop('SIGKILL'));
      // Rows the dead worker held are claimed again once its lease runs out.
      await receiver.waitUntil(() => keysByPath.size === SUBSCRIBERS, 'every subscriber', 90_000);
      const states = await waitForDb(() => deliveryStates(database.db), (s) => s.delivered === SUBSCRIBERS, 'every delivery settled', 30_000);
      assert.deepEqual(states, { delivered: SUBSCRIBERS });
      const events = await database.db.selectFrom('notification_events').select('state').execute();
      assert.deepEqual(events.map((e) => e.state), ['expanded']);

      for (const [path, keys] of keysByPath) assert.equal(keys.size, 1, `${path} got different keys: ${[...keys].join(', ')}`);
      const allKeys = [...keysByPath.values()].map((k) => [...k][0]);
      assert.equal(new Set(allKeys).size, SUBSCRIBERS, 'one key per recipient');
      const duplicates = answered - SUBSCRIBERS;
      t.diagnostic(`${atKill} reached before the kill; ${duplicates} duplicate request(s) after the restart`);
      assert.equal((await second.process.stop('SIGTERM')).code, 0);
    });
  });
}
