// A real SMTP server on 127.0.0.1 (smtp-server) that parses every message it
// accepts with mailparser, and can refuse at RCPT or DATA with a chosen reply.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface Refusal {
  code: number;
  message: string;
}

export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** An smtp:// or smtps:// URL for this sink. */
  url: string;
  received: ReceivedMail[];
  /** What to answer at RCPT TO / at the end of DATA; null accepts. */
  refuseRcpt: ((address: string) => Refusal | null) | null;
  refuseData: (() => Refusal | null) | null;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

const refusalError = (r: Refusal): Error => Object.assign(new Error(r.message), { responseCode: r.code });

export async function startSmtpSink(tls?: { key: string; cert: string }): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    url: '',
    received: [],
    refuseRcpt: null,
    refuseData: null,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${sink.received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return sink.received;
    },
    close: async () => {},
  };
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onRcptTo(address, _session, callback) {
      const refusal = sink.refuseRcpt?.(address.address) ?? null;
      callback(refusal ? refusalError(refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = sink.refuseData?.() ?? null;
        if (refusal) return callback(refusalError(refusal));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            sink.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed, raw: raw.toString('utf8') });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
    ...(tls ? { secure: true, key: tls.key, cert: tls.cert } : {}),
  };
  const server = new SMTPServer(options);
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `${tls ? 'smtps' : 'smtp'}://user:secret@127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
