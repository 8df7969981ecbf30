import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { MONITOR_TYPES } from '../../domain/monitor-types.js';
import { heartbeatOptions, tcpOptions } from '../../services/monitors/check-options.js';
import { HARD_TIMEOUT_MARGIN_MS, checks, runCheck } from './registry.js';
import type { CheckRegistry } from './registry.js';
import type { Check, CheckResult } from './types.js';
import { serve, testContext } from './net.test-support.js';
import type { Running } from './net.test-support.js';

let silent: Running;

before(async () => {
  silent = await serve(createServer(() => {}));
});

after(async () => {
  await silent.close();
});

const target = { id: 'm1', options: tcpOptions.parse({ host: '127.0.0.1', port: 1 }), interval_seconds: 60 };

function withTcp(check: Check<unknown>): CheckRegistry {
  return { ...checks, tcp: check as CheckRegistry['tcp'] };
}

test('every monitor type has a check of that type', () => {
  for (const type of MONITOR_TYPES) assert.equal(checks[type].type, type);
});

test('dispatches to the real check', async () => {
  const r = await runCheck('heartbeat', { id: 'hb', options: heartbeatOptions.parse({}), interval_seconds: 60, created_at: new Date().toISOString() }, testContext());
  assert.equal(r.ok, true);
  const tcp = await runCheck('tcp', { ...target, options: tcpOptions.parse({ host: '127.0.0.1', port: silent.port, expect: 'hi' }) }, testContext(300));
  assert.equal(tcp.reason, 'timed out after 300 ms while waiting for "hi"');
});

test('a check that never settles is cut off after the timeout, and its signal is aborted', async () => {
  let seen: AbortSignal | null = null;
  const stuck: Check<unknown> = {
    type: 'tcp',
    run: (_t, ctx) => {
      seen = ctx.signal;
      return new Promise<CheckResult>(() => {});
    },
  };
  const started = Date.now();
  const r = await runCheck('tcp', target, testContext(300), withTcp(stuck));
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'timed out after 300 ms');
  assert.ok(Date.now() - started >= 300 + HARD_TIMEOUT_MARGIN_MS - 20);
  assert.equal((seen as AbortSignal | null)?.aborted, true);
});

test('a check that throws or rejects becomes a failure', async () => {
  const throwing: Check<unknown> = {
    type: 'tcp',
    run: () => {
      throw new Error('boom');
    },
  };
  const rejecting: Check<unknown> = { type: 'tcp', run: () => Promise.reject(new Error('bang')) };
  assert.equal((await runCheck('tcp', target, testContext(), withTcp(throwing))).reason, 'check failed: boom');
  assert.equal((await runCheck('tcp', target, testContext(), withTcp(rejecting))).reason, 'check failed: bang');
});

test("the caller's abort reaches the check", async () => {
  const outer = new AbortController();
  const pending = runCheck('tcp', { ...target, options: tcpOptions.parse({ host: '127.0.0.1', port: silent.port, expect: 'hi' }) }, testContext(10_000, outer.signal));
  setTimeout(() => outer.abort(), 50);
  const r = await pending;
  assert.equal(r.reason, 'the check was cancelled');
});
