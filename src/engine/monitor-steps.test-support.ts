// Test support: the steps engine tests take through the real API — create an http monitor, run its check
// now, and wait for a condition with a deadline.
import assert from 'node:assert/strict';
import type { TestApi } from '../test/api-harness.test-support.js';

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** POSTs an http monitor (60 s interval, 5 s timeout unless given), asserts 201 and returns its id. */
export async function createMonitor(api: TestApi, body: Record<string, unknown>): Promise<string> {
  const res = await api.request<{ id: string }>('POST', '/api/v1/monitors', { body: { type: 'http', interval_seconds: 60, timeout_seconds: 5, ...body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

/** Runs the monitor's check now `times` times and returns the last answer. */
export async function run(api: TestApi, id: string, times = 1): Promise<any> {
  let last: any;
  for (let i = 0; i < times; i++) {
    const res = await api.request('POST', `/api/v1/monitors/${id}/run`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    last = res.body;
  }
  return last;
}
