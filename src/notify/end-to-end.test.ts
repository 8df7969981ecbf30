// The whole loop through a real `vigil serve` child process, on each database:
// seed 000 (BlueFox Host's outage, every update as it was posted) goes through
// the API and reaches an email subscriber over a real SMTP server, threaded as
// one conversation, and a webhook subscriber as Statuspage-shaped, signed posts;
// a monitor going DOWN reaches the team's webhook channel within one check
// interval plus 5 s.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Dialect } from '../store/migrations/columns.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { bannerKey, startServe, useVigilDatabase, type VigilProcess } from '../test/vigil-process.test-support.js';
import { startReceiver, type HttpReceiver, type ReceivedRequest } from './channels/http-receiver.test-support.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './channels/smtp-sink.test-support.js';
import { SEED_000_TIMELINE } from '../web/public/pages/seed-incident.test-support.js';

const SEED_000 = SEED_000_TIMELINE;

const at = (hhmm: string) => `2021-03-30T${hhmm}:00.000Z`;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a receiver does (docs/webhooks.md): HMAC-SHA256(secret, "<t>.<raw body>"), compared in constant time. */
function signedWith(req: ReceivedRequest, secret: string): boolean {
  const parts = Object.fromEntries(String(req.headers['x-vigil-signature'] ?? '').split(',').map((p) => p.split('=') as [string, string]));
  if (!parts['t'] || !parts['v1']) return false;
  const expected = createHmac('sha256', secret).update(`${parts['t']}.${req.body}`).digest();
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const header = (mail: ReceivedMail, name: string) => mail.parsed.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

for (const dialect of DIALECTS satisfies readonly Dialect[]) {
  describe(`notifications end to end on ${dialect}`, () => {
    const database = useVigilDatabase(dialect);
    let smtp: SmtpSink;
    let hooks: HttpReceiver;
    let vigil: { process: VigilProcess; baseUrl: string };
    let key: string;

    const api = async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${vigil.baseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const created = async (path: string, body: unknown): Promise<any> => {
      const res = await api('POST', path, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      smtp = await startSmtpSink();
      hooks = await startReceiver();
      vigil = await startServe({
        ...database.env,
        VIGIL_SMTP_URL: smtp.url,
        VIGIL_MAIL_FROM: 'BlueFox Status <status@bluefox.test>',
        VIGIL_PUBLIC_URL: 'http://status.bluefox.test',
        // The subscriber webhook and the team channel listen on loopback, which the strict policy refuses.
        VIGIL_OUTBOUND_ALLOW: '127.0.0.1/32',
      });
      key = bannerKey(vigil.process.stdout)!;
    });
    after(async () => {
      await vigil?.process.stop();
      await smtp?.close();
      await hooks?.close();
    });

    test('seed 000 reaches an email subscriber as one thread and a webhook subscriber as signed Statuspage posts', async () => {
      const api1 = (await created('/components', { name: 'Pterodactyl API' })).id as string;
      const billing = (await created('/components', { name: 'Billing API' })).id as string;
      await created('/subscribers', { type: 'email', email: 'customer@example.test', component_ids: [api1], confirmed: true });
      const hook = await created('/subscribers', { type: 'webhook', url: hooks.url('/statuspage'), email: 'ops@example.test', confirmed: true });
      assert.equal(typeof hook.signing_secret, 'string', 'the signing secret is shown once, at creation');

      const [first, ...rest] = SEED_000;
      const incident = await created('/incidents', {
        name: 'Pterodactyl API and Billing API outage',
        status: first![0],
        body: first![2],
        display_at: at(first![1]),
        started_at: at('07:05'),
        impact: 'critical',
        components: { [api1]: 'major_outage', [billing]: 'major_outage' },
      });
      for (const [status, hhmm, body] of rest) await created(`/incidents/${incident.id}/updates`, { status, body, display_at: at(hhmm) });

      const mails = await waitFor('nine emails', () => (smtp.received.length >= SEED_000.length ? smtp.received : undefined));
      const incidentPosts = await waitFor('nine incident webhooks', () => {
        const posts = hooks.requests.filter((r) => 'incident' in JSON.parse(r.body));
        return posts.length >= SEED_000.length ? posts : undefined;
      });

      // Email: one conversation with one message per update, each with the subscriber's links. Updates posted
      // a few milliseconds apart travel over parallel SMTP connections, so they are matched by text, not order.
      assert.equal(mails.length, SEED_000.length);
      const root = `<incident.${incident.id}@status.bluefox.test>`;
      assert.equal(new Set(mails.map((m) => m.parsed.subject)).size, 1, 'one subject for the whole incident');
      SEED_000.forEach(([, , text], i) => {
        const carrying = mails.filter((m) => m.parsed.text?.includes(`\n${text}\n`));
        assert.equal(carrying.length, 1, `one mail carries update ${i + 1}`);
        const mail = carrying[0]!;
        assert.deepEqual(mail.envelopeTo, ['customer@example.test']);
        assert.ok(String(mail.parsed.html).includes(`http://status.bluefox.test/incidents/${incident.id}`));
        assert.match(header(mail, 'list-unsubscribe') ?? '', /^<http:\/\/status\.bluefox\.test\/subscriptions\/unsubscribe\?token=[^>]+>$/);
        assert.equal(header(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
        if (i === 0) {
          assert.equal(mail.parsed.messageId, root, 'the first update opens the thread');
        } else {
          assert.equal(mail.parsed.inReplyTo, root);
          assert.equal(mail.parsed.references, root);
        }
      });
      assert.equal(new Set(mails.map((m) => m.parsed.messageId)).size, mails.length);

      // Webhook: Statuspage's shape, signed, one idempotency key per message, the newest update first.
      assert.equal(incidentPosts.length, SEED_000.length);
      assert.equal(new Set(incidentPosts.map((r) => r.headers['idempotency-key'])).size, incidentPosts.length);
      const bodies = incidentPosts.map((req, i) => {
        assert.ok(signedWith(req, hook.signing_secret), `post ${i + 1} is signed with the subscriber's secret`);
        const body = JSON.parse(req.body);
        assert.deepEqual(Object.keys(body).sort(), ['incident', 'meta', 'page']);
        assert.equal(body.incident.id, incident.id);
        assert.match(body.meta.unsubscribe, /^http:\/\/status\.bluefox\.test\/subscriptions\/unsubscribe\?token=/);
        return body;
      });
      // Each post is the incident as it stood after its update: n updates, the newest (update n) first.
      bodies.sort((a, b) => a.incident.incident_updates.length - b.incident.incident_updates.length);
      bodies.forEach((body, i) => {
        assert.equal(body.incident.incident_updates.length, i + 1);
        assert.equal(body.incident.status, SEED_000[i]![0]);
        assert.equal(body.incident.incident_updates[0].body, SEED_000[i]![2]);
      });

      // Nothing is left behind in the outbox, and nobody got a message twice.
      const outbox = await waitFor('an empty outbox', async () => {
        const { body } = await api('GET', '/notifications/status');
        const o = body.outbox;
        return o.pending_events + o.pending_deliveries + o.sending_deliveries === 0 ? o : undefined;
      });
      assert.equal(outbox.dead_deliveries, 0);
      assert.equal(smtp.received.length, SEED_000.length);
    });

    test('a monitor going DOWN reaches the team channel within one check interval plus 5 s', async () => {
      let healthy = true;
      const target = await startReceiver(() => ({ status: healthy ? 200 : 503 }));
      const team = await startReceiver();
      try {
        await created('/channels', { name: 'On-call webhook', type: 'webhook', config: { url: team.url('/oncall') } });
        const interval = 10;
        const monitor = await created('/monitors', { type: 'http', name: 'Checkout', url: target.url('/health'), interval_seconds: interval, timeout_seconds: 2, down_after: 1 });
        await waitFor('the first check', async () => ((await api('GET', `/monitors/${monitor.id}`)).body.state === 'up' ? true : undefined), 30_000);
        healthy = false;
        const brokeAt = Date.now();
        const down = await waitFor(
          'monitor.down at the team channel',
          () => team.requests.find((r) => r.headers['x-vigil-event'] === 'monitor.down'),
          (interval + 5) * 1000,
        );
        const tookMs = Date.now() - brokeAt;
        assert.ok(tookMs <= (interval + 5) * 1000, `took ${tookMs} ms`);
        const body = JSON.parse(down.body);
        assert.equal(body.monitor.id, monitor.id);
        assert.equal(body.event.kind, 'monitor.down');
      } finally {
        await target.close();
        await team.close();
      }
    });
  });
}
