import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { CHANNEL_TYPES } from '../../domain/notifications.js';
import { ManualClock } from '../../lib/clock.js';
import { defaultStrictGuard } from '../../outbound/guards.js';
import { createChannels } from './registry.js';
import { incidentEvent, message, subscriber } from './sample-events.test-support.js';
import { startSmtpSink } from './smtp-sink.test-support.js';

describe('channel registry', () => {
  test('every channel type, email sized by the SMTP pool and HTTP channels by the option', async () => {
    const sink = await startSmtpSink();
    const channels = createChannels({ smtp: { url: sink.url, from: 'status@acme.test', pool: 3 }, outbound: defaultStrictGuard(), clock: new ManualClock(), httpConcurrency: 7 });
    try {
      for (const type of CHANNEL_TYPES) assert.equal(channels.get(type)?.type, type);
      assert.deepEqual(channels.get('email')!.limits, { concurrency: 3, perTargetPerSecond: null });
      assert.equal(channels.get('webhook')!.limits.concurrency, 7);
      assert.deepEqual(await channels.get('email')!.send(message(incidentEvent('incident.updated'), subscriber({ to: ['bob@example.test'] }))), { ok: true });
      await sink.waitFor(1);
    } finally {
      await channels.close();
      await sink.close();
    }
  });

  test('without SMTP there is no email channel, and the log says why', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const channels = createChannels({ smtp: null, outbound: defaultStrictGuard(), clock: new ManualClock(), logger });
    assert.equal(channels.get('email'), null);
    assert.ok(channels.get('slack'));
    const said = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    assert.deepEqual(said.map((l) => [l.level, l.msg]), [[30, 'VIGIL_SMTP_URL is not set: email notifications wait in the outbox until SMTP is configured']]);
    await channels.close();
  });
});
