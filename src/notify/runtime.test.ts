// A channel test goes straight through the channel to a real receiver, outside the outbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import { openTestDatabase } from '../test/databases.test-support.js';
import { loopbackChannels } from './loopback-channels.test-support.js';
import { startReceiver } from './channels/http-receiver.test-support.js';
import { addChannel } from './outbox.test-support.js';
import { createNotificationRuntime } from './runtime.js';

test('testChannel sends a channel.test message now and reports the receiver’s answer; email without SMTP says so', async (t) => {
  const { database, close } = await openTestDatabase('sqlite');
  t.after(close);
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const channels = loopbackChannels();
  t.after(() => channels.close());
  const runtime = createNotificationRuntime({ db: database.db, clock: systemClock, channels, smtpConfigured: false, publicUrl: 'https://status.example.com' });
  const id = await addChannel(database.db, { type: 'webhook', config: { url: `${receiver.origin}/team` } });
  const emailId = await addChannel(database.db, { type: 'email', config: { to: ['ops@example.com'] } });
  const row = (i: string) => database.db.selectFrom('channels').selectAll().where('id', '=', i).executeTakeFirstOrThrow();

  assert.deepEqual(await runtime.testChannel(await row(id)), { ok: true, error: null });
  assert.equal(receiver.requests.length, 1);
  assert.equal(receiver.requests[0]!.headers['x-vigil-event'], 'channel.test');
  assert.equal(JSON.parse(receiver.requests[0]!.body).event.kind, 'channel.test');
  receiver.answer = () => ({ status: 500 });
  const failed = await runtime.testChannel(await row(id));
  assert.equal(failed.ok, false);
  assert.match(failed.error!, /HTTP 500/);
  assert.deepEqual(await runtime.testChannel(await row(emailId)), { ok: false, error: 'email is not configured (set VIGIL_SMTP_URL)' });
  assert.equal(runtime.smtpConfigured, false);
  assert.equal((await database.db.selectFrom('deliveries').selectAll().execute()).length, 0, 'nothing goes through the outbox');
});
