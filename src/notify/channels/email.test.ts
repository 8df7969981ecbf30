// Email against a real SMTP server on loopback (smtp-server), every message
// parsed back with mailparser: headers, both bodies, threading, one-click
// unsubscribe, escaping, failure classes, and smtps:// with a real certificate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../lib/clock.js';
import { testCertificates } from '../../engine/checks/certs.test-support.js';
import { classifySmtpError, createEmailChannel } from './email.js';
import { everyEvent, incidentEvent, message, page, subscriber, teamChannel } from './sample-events.test-support.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink.test-support.js';
import type { Channel } from './types.js';

const clock = new ManualClock('2026-07-01T10:20:00.000Z');
/** A header as written on the wire (mailparser folds the List-* ones into a structure). */
const header = (mail: ReceivedMail, name: string): string | undefined => {
  const line = mail.parsed.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
};

describe('email channel', () => {
  let sink: SmtpSink;
  let channel: Channel;
  before(async () => {
    sink = await startSmtpSink();
    channel = createEmailChannel({ url: sink.url, from: 'Acme Status <status@acme.test>', pool: 2, clock });
  });
  after(async () => {
    await channel.close();
    await sink.close();
  });
  const fresh = () => {
    sink.received.length = 0;
    sink.refuseRcpt = null;
    sink.refuseData = null;
  };

  test('two messages of one incident: headers, threading, unsubscribe, both bodies', async () => {
    fresh();
    const created = incidentEvent('incident.created', {}, 'upd000000001', 'public', 501);
    const updated = incidentEvent('incident.updated', {}, 'upd000000002', 'public', 502);
    const to = subscriber({ to: ['bob@example.test'] });
    const first = message(created, to);
    assert.deepEqual(await channel.send(first), { ok: true });
    assert.deepEqual(await channel.send(message(updated, to)), { ok: true });
    const [root, reply] = await sink.waitFor(2);

    assert.equal(root!.parsed.from?.text, '"Acme Status" <status@acme.test>');
    assert.deepEqual(root!.envelopeTo, ['bob@example.test']);
    assert.equal(root!.parsed.subject, '[Acme Status] Elevated API errors');
    assert.equal(reply!.parsed.subject, root!.parsed.subject, 'one subject per incident');
    assert.equal(root!.parsed.messageId, '<incident.inc000000001@status.acme.test>');
    assert.equal(root!.parsed.inReplyTo, undefined);
    assert.equal(reply!.parsed.messageId, '<incident.inc000000001.502@status.acme.test>');
    assert.equal(reply!.parsed.inReplyTo, '<incident.inc000000001@status.acme.test>');
    assert.equal(reply!.parsed.references, '<incident.inc000000001@status.acme.test>');
    assert.equal(header(root!, 'list-unsubscribe'), '<https://status.acme.test/subscriptions/unsubscribe?token=u.tok>');
    assert.equal(header(root!, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(header(root!, 'x-vigil-delivery'), first.attempt.idempotency_key);

    const html = String(reply!.parsed.html);
    const text = String(reply!.parsed.text);
    for (const body of [html, text]) {
      assert.ok(body.includes('We found the faulty deploy and are rolling it back.'));
      assert.ok(body.includes('https://status.acme.test/incidents/inc000000001'));
      assert.ok(body.includes('https://status.acme.test/subscriptions/unsubscribe?token=u.tok'));
      assert.ok(body.includes('Jul 1, 2026 11:20 BST'));
    }
    assert.ok(html.includes('src="https://status.acme.test/logo.png"'));
    assert.ok(html.includes('#aa3377'));
  });

  test('the same delivery retried keeps its Message-ID', async () => {
    fresh();
    const msg = message(incidentEvent('incident.updated', {}, 'upd000000002', 'public', 503), subscriber({ to: ['bob@example.test'] }));
    await channel.send(msg);
    await channel.send({ ...msg, attempt: { ...msg.attempt, attempt: 2 } });
    const [a, b] = await sink.waitFor(2);
    assert.equal(a!.parsed.messageId, b!.parsed.messageId);
  });

  test('a team email channel goes to its addresses, without list headers, threaded apart from subscribers', async () => {
    fresh();
    const ev = incidentEvent('incident.created', {}, 'upd000000001', 'responders', 504);
    assert.deepEqual(await channel.send(message(ev, teamChannel({ to: ['oncall@acme.test', 'lead@acme.test'] }))), { ok: true });
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail!.envelopeTo.sort(), ['lead@acme.test', 'oncall@acme.test']);
    assert.equal(header(mail!, 'list-unsubscribe'), undefined);
    assert.equal(mail!.parsed.messageId, '<incident.inc000000001.responders@status.acme.test>');
  });

  test('hostile text is escaped in the HTML body', async () => {
    fresh();
    const ev = incidentEvent('incident.updated', { name: '<script>alert("x")</script>' }, 'upd000000002', 'public', 505);
    if (ev.payload.type === 'incident') ev.payload.incident.updates[0]!.body = '<img src=x onerror=alert(1)> & more';
    await channel.send(message(ev, subscriber({ to: ['bob@example.test'] })));
    const [mail] = await sink.waitFor(1);
    const html = String(mail!.parsed.html);
    assert.ok(!html.includes('<script>') && !html.includes('<img src=x'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; more'));
    assert.equal(mail!.parsed.subject, '[Acme Status] <script>alert("x")</script>', 'the subject is plain text');
  });

  test('the confirmation mail carries the confirm link and no list headers', async () => {
    fresh();
    const confirm = everyEvent().find((e) => e.kind === 'subscription.confirm')!;
    await channel.send(message(confirm, subscriber({ to: ['bob@example.test'] })));
    const [mail] = await sink.waitFor(1);
    assert.ok(String(mail!.parsed.text).includes('https://status.acme.test/subscriptions/confirm?token=c.tok'));
    assert.ok(String(mail!.parsed.html).includes('https://status.acme.test/subscriptions/confirm?token=c.tok'));
    assert.equal(header(mail!, 'list-unsubscribe-post'), undefined);
  });

  test('every kind is delivered', async () => {
    fresh();
    const all = everyEvent();
    for (const ev of all) assert.deepEqual(await channel.send(message(ev, subscriber({ to: ['bob@example.test'] }))), { ok: true }, ev.kind);
    await sink.waitFor(all.length);
  });

  test('421 at RCPT or DATA is retried; 550 is final', async () => {
    fresh();
    const send = () => channel.send(message(incidentEvent('incident.updated'), subscriber({ to: ['bob@example.test'] })));
    sink.refuseRcpt = () => ({ code: 421, message: 'Try again later' });
    const rcpt421 = await send();
    assert.ok(!rcpt421.ok && !rcpt421.permanent && /421/.test(rcpt421.error), JSON.stringify(rcpt421));
    sink.refuseRcpt = () => ({ code: 550, message: 'No such user' });
    const rcpt550 = await send();
    assert.ok(!rcpt550.ok && rcpt550.permanent && /550/.test(rcpt550.error), JSON.stringify(rcpt550));
    sink.refuseRcpt = null;
    sink.refuseData = () => ({ code: 451, message: 'Local error' });
    const data451 = await send();
    assert.ok(!data451.ok && !data451.permanent && /451/.test(data451.error), JSON.stringify(data451));
    sink.refuseData = () => ({ code: 421, message: 'Busy' });
    const data421 = await send();
    assert.ok(!data421.ok && !data421.permanent && /421/.test(data421.error), JSON.stringify(data421));
    sink.refuseData = () => ({ code: 554, message: 'Rejected as spam' });
    const data554 = await send();
    assert.ok(!data554.ok && data554.permanent, JSON.stringify(data554));
    sink.refuseData = null;
    assert.deepEqual(await send(), { ok: true }, 'the pool recovers after refusals');
  });

  test('no SMTP server listening is a retryable failure that names no password', async () => {
    const dead = createEmailChannel({ url: 'smtp://user:hunter2@127.0.0.1:1', from: 'a@acme.test', pool: 1, clock });
    const outcome = await dead.send(message(incidentEvent('incident.updated'), subscriber({ to: ['bob@example.test'] })));
    await dead.close();
    assert.ok(!outcome.ok && !outcome.permanent && !outcome.error.includes('hunter2'), JSON.stringify(outcome));
  });
});

describe('email over smtps://', () => {
  test('delivers to a TLS SMTP server whose certificate the configured CA signed', async () => {
    const certs = testCertificates();
    const sink = await startSmtpSink(certs.valid);
    const channel = createEmailChannel({ url: sink.url, from: 'status@acme.test', pool: 1, clock, ca: [certs.ca] });
    try {
      assert.deepEqual(await channel.send(message(incidentEvent('incident.updated'), subscriber({ to: ['bob@example.test'] }))), { ok: true });
      const [mail] = await sink.waitFor(1);
      assert.equal(mail!.parsed.subject, `[${page.name}] Elevated API errors`);
      // Without the CA the certificate is not trusted: production defaults verify it.
      const strict = createEmailChannel({ url: sink.url, from: 'status@acme.test', pool: 1, clock });
      const refused = await strict.send(message(incidentEvent('incident.updated'), subscriber({ to: ['bob@example.test'] })));
      await strict.close();
      assert.ok(!refused.ok && !refused.permanent, JSON.stringify(refused));
    } finally {
      await channel.close();
      await sink.close();
    }
  });
});

describe('SMTP failure classes', () => {
  test('4xx and connection errors retry, 5xx is final, a refused login waits for the operator', () => {
    const c = (err: object) => classifySmtpError(Object.assign(new Error('x'), err));
    assert.equal((c({ responseCode: 450, response: '450 mailbox busy' }) as { permanent: boolean }).permanent, false);
    assert.equal((c({ responseCode: 552, response: '552 too big' }) as { permanent: boolean }).permanent, true);
    assert.equal((c({ code: 'ECONNECTION' }) as { permanent: boolean }).permanent, false);
    assert.equal((c({ code: 'ETIMEDOUT' }) as { permanent: boolean }).permanent, false);
    assert.equal((c({ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }) as { permanent: boolean }).permanent, false);
  });
});
