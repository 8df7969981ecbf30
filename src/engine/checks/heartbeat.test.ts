import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heartbeatOptions } from '../../services/monitors/check-options.js';
import { ManualClock } from '../../lib/clock.js';
import { heartbeatCheck } from './heartbeat.js';
import type { CheckTarget } from './types.js';
import { testContext } from './net.test-support.js';
import type { HeartbeatOptions } from '../../services/monitors/check-options.js';

const CREATED = '2026-03-01T12:00:00.000Z';

function target(fields: Partial<CheckTarget<HeartbeatOptions>>, grace = 60): CheckTarget<HeartbeatOptions> {
  return { id: 'hb1', options: heartbeatOptions.parse({ grace_seconds: grace }), interval_seconds: 60, created_at: CREATED, last_ping_at: null, last_ping_ok: null, ...fields };
}

async function at(now: string, t: CheckTarget<HeartbeatOptions>) {
  const clock = new ManualClock(now);
  return heartbeatCheck.run(t, { ...testContext(1000), now: () => clock.now() });
}

test('a ping within interval + grace is on time', async () => {
  const t = target({ last_ping_at: '2026-03-01T13:00:00.000Z', last_ping_ok: true });
  const r = await at('2026-03-01T13:01:59.000Z', t);
  assert.equal(r.ok, true);
  assert.equal(r.reason, null);
  assert.equal(r.latency_ms, null);
  assert.equal(r.detail?.expected_by, '2026-03-01T13:02:00.000Z');
  assert.equal((await at('2026-03-01T13:02:00.000Z', t)).ok, true);
});

test('late: no ping within interval + grace', async () => {
  const t = target({ last_ping_at: '2026-03-01T13:00:00.000Z', last_ping_ok: true });
  const r = await at('2026-03-01T13:03:12.000Z', t);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'no ping for 3m 12s (expected every 60s + 60s grace)');
});

test('an explicit failure ping fails while it is the latest news', async () => {
  const t = target({ last_ping_at: '2026-03-01T13:00:00.000Z', last_ping_ok: false });
  const r = await at('2026-03-01T13:00:30.000Z', t);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'the job reported failure');
  // Once it is also late, lateness is the newer fact.
  assert.match((await at('2026-03-01T14:00:00.000Z', t)).reason ?? '', /^no ping for 1h/);
});

test('before the first ping the grace runs from creation', async () => {
  const within = await at('2026-03-01T12:01:30.000Z', target({}));
  assert.equal(within.ok, true);
  const after = await at('2026-03-01T12:05:00.000Z', target({}));
  assert.equal(after.ok, false);
  assert.equal(after.reason, 'no ping since the monitor was created 5m ago (expected every 60s + 60s grace)');
  const longGrace = await at('2026-03-01T12:05:00.000Z', target({}, 600));
  assert.equal(longGrace.ok, true);
});
