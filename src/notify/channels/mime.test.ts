import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMime, headerText, parseFrom, plainAddress } from './mime.js';

describe('the fan-out MIME composer', () => {
  it('writes a message a real parser reads back exactly, non-ASCII subject, name and bodies included', async () => {
    const subject = '[Bücherstube] Störung der Kasse — ünïcödé 😀 '.repeat(4).trim();
    const from = parseFrom('Bücherstube Status <status@buecher.test>');
    const raw = composeMime({
      shared: [`From: ${from.header}`, `Subject: ${headerText(subject)}`, 'Message-ID: <incident.abc@buecher.test>'],
      own: ['To: kunde@example.test', 'Date: Thu, 03 Dec 2026 18:00:00 +0000', `List-Unsubscribe: <https://status.test/subscriptions/unsubscribe?token=a.b.c>`],
      text: 'Wir untersuchen das Problem.\nLink: https://status.test/incidents/abc\n',
      html: '<p>Wir untersuchen <b>das Problem</b> — 😀</p>',
    });
    for (const line of raw.split('\r\n')) assert.ok(line.length <= 998, 'no line longer than SMTP allows');
    const parsed = await simpleParser(raw);
    assert.equal(parsed.subject, subject);
    assert.deepEqual(parsed.from?.value, [{ address: 'status@buecher.test', name: 'Bücherstube Status' }]);
    assert.equal(parsed.messageId, '<incident.abc@buecher.test>');
    assert.equal(parsed.text, 'Wir untersuchen das Problem.\nLink: https://status.test/incidents/abc\n');
    assert.equal(parsed.html, '<p>Wir untersuchen <b>das Problem</b> — 😀</p>');
    assert.equal(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line, 'List-Unsubscribe: <https://status.test/subscriptions/unsubscribe?token=a.b.c>');
  });

  it('quotes an ASCII display name and keeps the envelope address', () => {
    assert.deepEqual(parseFrom('Acme "Ops" <ops@acme.test>'), { header: '"Acme \\"Ops\\"" <ops@acme.test>', address: 'ops@acme.test' });
    assert.deepEqual(parseFrom('ops@acme.test'), { header: 'ops@acme.test', address: 'ops@acme.test' });
  });

  it('leaves addresses it cannot write as they are to nodemailer', () => {
    assert.equal(plainAddress('a@b.test'), true);
    assert.equal(plainAddress('jörg@b.test'), false);
    assert.equal(plainAddress('a b@c.test'), false);
  });

  it('never lets a header value break into a new header', () => {
    assert.equal(headerText('one\r\nBcc: victim@x.test'), 'one Bcc: victim@x.test');
  });
});
