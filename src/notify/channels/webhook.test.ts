// Webhooks against a real receiver that verifies the signature the way
// docs/webhooks.md tells receivers to, and sees the idempotency key.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parsePolicyList, STRICT_DENY } from '../../domain/outbound-policy.js';
import { ManualClock } from '../../lib/clock.js';
import { createOutboundGuard } from '../../outbound/guard.js';
import { startReceiver, type HttpReceiver, type ReceivedRequest } from './http-receiver.test-support.js';
import { createChannels, type Channels } from './registry.js';
import { everyEvent, incidentEvent, message, subscriber, teamChannel } from './sample-events.test-support.js';

const guard = createOutboundGuard({ deny: STRICT_DENY, allow: parsePolicyList('127.0.0.1/32', []).rules });
const SECRET = 'whsec_test_0123456789';

/** What a receiver does: recompute HMAC-SHA256(secret, "<t>.<raw body>") and compare in constant time; reject old timestamps. */
function verify(req: ReceivedRequest, secret: string, nowSeconds: number): boolean {
  const header = String(req.headers['x-vigil-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts['t']);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300 || !parts['v1']) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${req.body}`).digest();
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook channel', () => {
  const clock = new ManualClock('2026-07-01T10:20:00.000Z');
  let receiver: HttpReceiver;
  let channels: Channels;
  before(async () => {
    receiver = await startReceiver((req) => ({ status: verify(req, SECRET, Math.floor(clock.now().getTime() / 1000)) || !req.headers['x-vigil-signature'] ? 200 : 401 }));
    channels = createChannels({ smtp: null, outbound: guard, clock, webhookDocumentationUrl: 'https://docs.acme.test/webhooks' });
  });
  after(async () => {
    await channels.close();
    await receiver.close();
  });

  test('a signed Statuspage-shaped POST with the idempotency key; the receiver verifies it', async () => {
    receiver.requests.length = 0;
    const msg = message(incidentEvent('incident.updated'), subscriber({ url: receiver.url('/hooks/status'), secret: SECRET }));
    assert.deepEqual(await channels.get('webhook')!.send(msg), { ok: true });
    const [req] = await receiver.waitFor(1);
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.equal(req!.headers['user-agent'], 'Vigil-Webhook/1');
    assert.equal(req!.headers['idempotency-key'], msg.attempt.idempotency_key);
    assert.equal(req!.headers['x-vigil-event'], 'incident.updated');
    assert.match(String(req!.headers['x-vigil-signature']), /^t=1782901200,v1=[0-9a-f]{64}$/);
    const body = JSON.parse(req!.body);
    assert.deepEqual(Object.keys(body), ['meta', 'page', 'incident']);
    assert.deepEqual(body.meta, { unsubscribe: 'https://status.acme.test/subscriptions/unsubscribe?token=u.tok', documentation: 'https://docs.acme.test/webhooks', generated_at: '2026-07-01T10:20:00.000Z' });
    assert.equal(body.incident.id, 'inc000000001');
  });

  test('a wrong secret fails verification; the 401 is final', async () => {
    receiver.requests.length = 0;
    const outcome = await channels.get('webhook')!.send(message(incidentEvent('incident.updated'), subscriber({ url: receiver.url('/hooks/status'), secret: 'another' })));
    assert.ok(!outcome.ok && outcome.permanent && /HTTP 401/.test(outcome.error));
  });

  test('a retry sends the same body and key, signed again at its own time', async () => {
    receiver.requests.length = 0;
    const ev = incidentEvent('incident.updated');
    const first = message(ev, subscriber({ url: receiver.url('/hooks/a'), secret: SECRET }));
    await channels.get('webhook')!.send(first);
    clock.advance(60_000);
    await channels.get('webhook')!.send({ ...first, attempt: { ...first.attempt, attempt: 2 } });
    const [a, b] = await receiver.waitFor(2);
    assert.equal(a!.body, b!.body);
    assert.equal(a!.headers['idempotency-key'], b!.headers['idempotency-key']);
    assert.notEqual(a!.headers['x-vigil-signature'], b!.headers['x-vigil-signature']);
  });

  test('each subscriber gets its own unsubscribe link in meta; no secret, no signature', async () => {
    receiver.requests.length = 0;
    const ev = everyEvent().find((e) => e.kind === 'component.status_changed')!;
    await channels.get('webhook')!.send(message(ev, subscriber({ url: receiver.url('/a') })));
    await channels.get('webhook')!.send(message(ev, { ...subscriber({ url: receiver.url('/b') }, 'sub2'), links: { confirm: 'c', manage: 'm', unsubscribe: 'https://status.acme.test/u2' } }));
    const [a, b] = await receiver.waitFor(2);
    assert.equal(a!.headers['x-vigil-signature'], undefined);
    assert.equal(JSON.parse(a!.body).meta.unsubscribe, 'https://status.acme.test/subscriptions/unsubscribe?token=u.tok');
    assert.equal(JSON.parse(b!.body).meta.unsubscribe, 'https://status.acme.test/u2');
    assert.deepEqual(Object.keys(JSON.parse(b!.body)), ['meta', 'page', 'component_update', 'component']);
  });

  test('responder events use Vigil shape: event, page and the subject', async () => {
    receiver.requests.length = 0;
    const down = everyEvent().find((e) => e.kind === 'monitor.down')!;
    await channels.get('webhook')!.send(message(down, teamChannel({ url: receiver.url('/team'), secret: SECRET })));
    const [req] = await receiver.waitFor(1);
    const body = JSON.parse(req!.body);
    assert.deepEqual(body.event, { id: down.id, kind: 'monitor.down', created_at: down.created_at });
    assert.deepEqual(body.page, { id: 'pg0000000001', name: 'Acme Status', url: 'https://status.acme.test' });
    assert.equal(body.monitor.url, 'https://status.acme.test/api/v1/monitors/mon000000001');
    assert.equal(body.state, 'down');
  });

  test('every kind posts', async () => {
    receiver.requests.length = 0;
    const all = everyEvent();
    for (const ev of all) assert.deepEqual(await channels.get('webhook')!.send(message(ev, teamChannel({ url: receiver.url('/all') }))), { ok: true }, ev.kind);
    assert.equal(receiver.requests.length, all.length);
  });

  test('a webhook with no URL fails for good without a request', async () => {
    const outcome = await channels.get('webhook')!.send(message(incidentEvent('incident.updated'), teamChannel({})));
    assert.ok(!outcome.ok && outcome.permanent);
  });
});
