import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePolicyList, STRICT_DENY } from '../../domain/outbound-policy.js';
import { ManualClock } from '../../lib/clock.js';
import { createOutboundGuard } from '../../outbound/guard.js';
import { defaultStrictGuard } from '../../outbound/guards.js';
import { startReceiver, type HttpReceiver } from './http-receiver.test-support.js';
import { createHttpPoster, parseRetryAfter, type HttpPoster } from './http-post.js';

const loopbackAllowed = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1/32', []).rules });
const SECRET_PATH = '/services/T0001/B0002/s3cr3tT0ken';

describe('the guarded HTTP POST', () => {
  const clock = new ManualClock('2026-07-01T10:00:00.000Z');
  let receiver: HttpReceiver;
  let poster: HttpPoster;
  before(async () => {
    receiver = await startReceiver();
    poster = createHttpPoster({ outbound: loopbackAllowed, clock, timeoutMs: 500, connectTimeoutMs: 500 });
  });
  after(async () => {
    poster.close();
    await receiver.close();
  });

  const answering = (answer: HttpReceiver['answer']) => {
    receiver.requests.length = 0;
    receiver.answer = answer;
  };

  test('2xx is delivered with the body and headers given', async () => {
    answering(() => ({ status: 204 }));
    const outcome = await poster.post(receiver.url('/hook'), '{"a":1}', { 'Content-Type': 'application/json' });
    assert.deepEqual(outcome, { ok: true });
    assert.equal(receiver.requests[0]!.body, '{"a":1}');
    assert.equal(receiver.requests[0]!.headers['content-type'], 'application/json');
    assert.equal(receiver.requests[0]!.method, 'POST');
  });

  test('a redirect is not followed and fails for good', async () => {
    answering((req) => (req.path === '/moved' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 }));
    const outcome = await poster.post(receiver.url('/moved'), '{}', {});
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.permanent);
    assert.ok(!outcome.ok && /302/.test(outcome.error) && /not followed/.test(outcome.error));
    assert.equal(receiver.requests.length, 1, 'nothing reached the redirect target');
  });

  test('an endless answer is cut after a few KB', async () => {
    answering(() => ({ status: 500, body: 'x'.repeat(2_000_000) }));
    const outcome = await poster.post(receiver.url('/big'), '{}', {});
    assert.ok(!outcome.ok && !outcome.permanent);
    assert.ok(!outcome.ok && outcome.error.length < 200, 'the error holds only an excerpt');
  });

  test('no answer within the timeout is a retryable failure', async () => {
    answering(() => ({ hang: true }));
    const started = Date.now();
    const outcome = await poster.post(receiver.url('/slow'), '{}', {});
    assert.ok(!outcome.ok && !outcome.permanent && /no answer within 0.5 s/.test(outcome.error), JSON.stringify(outcome));
    assert.ok(Date.now() - started < 3000);
  });

  test('429 and 503 honour Retry-After in seconds or as an HTTP date', async () => {
    answering(() => ({ status: 429, headers: { 'retry-after': '7' } }));
    assert.deepEqual(await poster.post(receiver.url('/limited'), '{}', {}), { ok: false, permanent: false, retry_after_ms: 7000, error: `${receiver.origin} answered HTTP 429` });
    answering(() => ({ status: 503, headers: { 'retry-after': new Date(clock.now().getTime() + 90_000).toUTCString() } }));
    const outcome = await poster.post(receiver.url('/down'), '{}', {});
    assert.ok(!outcome.ok && outcome.retry_after_ms === 90_000, JSON.stringify(outcome));
    assert.equal(parseRetryAfter('soon', clock.now()), null);
  });

  test('408, 429 and 5xx are retried; other 4xx are final', async () => {
    for (const [status, permanent] of [[408, false], [500, false], [502, false], [400, true], [404, true], [410, true]] as const) {
      answering(() => ({ status }));
      const outcome = await poster.post(receiver.url('/x'), '{}', {});
      assert.ok(!outcome.ok, String(status));
      assert.equal(!outcome.ok && outcome.permanent, permanent, String(status));
      assert.equal(!outcome.ok && outcome.retry_after_ms, null);
    }
  });

  test('errors name the scheme and host only, even when the receiver echoes the secret path', async () => {
    answering((req) => ({ status: 404, body: `no such hook ${req.path}` }));
    const outcome = await poster.post(receiver.url(SECRET_PATH), '{}', {});
    assert.ok(!outcome.ok);
    assert.ok(!outcome.ok && !outcome.error.includes('s3cr3tT0ken') && !outcome.error.includes('/services/'), outcome.ok ? '' : outcome.error);
    assert.ok(!outcome.ok && outcome.error.startsWith(receiver.origin));
    await receiver.close();
    const fresh = createHttpPoster({ outbound: loopbackAllowed, clock });
    const refused = await fresh.post(receiver.url(SECRET_PATH), '{}', {});
    fresh.close();
    assert.ok(!refused.ok && !refused.permanent && /ECONNREFUSED/.test(refused.error) && !refused.error.includes('s3cr3t'), JSON.stringify(refused));
    receiver = await startReceiver();
  });

  test('private addresses are refused by the strict guard without an allow-list; nothing is sent', async () => {
    answering(() => ({ status: 200 }));
    const strict = createHttpPoster({ outbound: defaultStrictGuard(), clock });
    const literal = await strict.post(receiver.url('/hook'), '{}', {});
    assert.ok(!literal.ok && literal.permanent && /refused by outbound policy/.test(literal.error), JSON.stringify(literal));
    const named = createHttpPoster({ outbound: createOutboundGuard({ deny: STRICT_DENY, allow: [] }, { resolveAll: async () => [{ address: '127.0.0.1', family: 4 }] }), clock });
    const port = new URL(receiver.origin).port;
    const byName = await named.post(`http://hooks.example.test:${port}/hook`, '{}', {});
    assert.ok(!byName.ok && byName.permanent && /refused by outbound policy/.test(byName.error), JSON.stringify(byName));
    assert.equal(receiver.requests.length, 0);
    strict.close();
    named.close();
  });
});
