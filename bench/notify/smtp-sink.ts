// The benchmark's SMTP receiver, in a process of its own: smtp-server on
// loopback, no AUTH, no STARTTLS, accepts every message and counts it by
// envelope recipient and by its idempotency header. With a refusal window
// (SINK_REFUSE_FIRST_MS, or `refuseFirstMs` in a reset) it answers 421 at the
// end of DATA to every message for that long after the first one, as a mail
// server that is briefly unavailable does (smtp-server closes the connection).
//
// Prints `smtp-sink listening smtp=<port> control=<port>`; the control surface
// (control.ts) is plain HTTP on its own port.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { handleControl, type SinkState } from './control.js';
import { preciseNow, Tally } from './tally.js';

const KEY_HEADER = (process.env.SINK_KEY_HEADER ?? 'x-vigil-delivery').toLowerCase();

let refuseFirstMs = Number(process.env.SINK_REFUSE_FIRST_MS ?? 0);
let windowStart: number | null = null;

const state: SinkState = {
  tally: new Tally(),
  sample: null,
  onReset(options) {
    refuseFirstMs = options.refuseFirstMs ?? 0;
    windowStart = null;
  },
};

/** The top-level header block, unfolded, names lower-cased (the first occurrence of each name wins). */
function parseHeaders(raw: string): Record<string, string> {
  const end = raw.indexOf('\r\n\r\n');
  const block = end === -1 ? raw : raw.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= line.slice(colon + 1).trim();
  }
  return headers;
}

function refusing(): boolean {
  if (refuseFirstMs <= 0) return false;
  const now = preciseNow();
  windowStart ??= now;
  return now - windowStart < refuseFirstMs;
}

const smtp = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'],
  authOptional: true,
  logger: false,
  size: 25 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', (err) => callback(err));
    stream.on('end', () => {
      if (refusing()) {
        state.tally.refuse();
        const err = new Error('Service not available, try again later') as Error & { responseCode: number };
        err.responseCode = 421;
        callback(err);
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = parseHeaders(raw);
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      state.tally.accept(recipients, headers[KEY_HEADER] ?? null, raw.length);
      state.sample ??= { headers, body: raw };
      callback(null, 'Queued');
    });
  },
});
smtp.on('error', (err) => process.stderr.write(`smtp-sink: ${err.message}\n`));

const control = http.createServer((req, res) => {
  if (!handleControl('', state, req, res)) res.writeHead(404).end();
});

await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const port = (s: { address(): unknown }) => (s.address() as { port: number }).port;
process.stdout.write(`smtp-sink listening smtp=${port(smtp.server)} control=${port(control)}\n`);

process.on('SIGTERM', () => {
  control.close();
  smtp.close(() => process.exit(0));
  // Clients holding pooled connections would keep close() waiting.
  setTimeout(() => process.exit(0), 1000).unref();
});
