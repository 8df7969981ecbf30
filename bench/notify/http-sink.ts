// The benchmark's webhook receiver, in a process of its own: node:http on
// loopback answering 200 to every POST after reading its body, counting it by
// path (one path per subscriber) and by its idempotency header. The control
// surface (control.ts) is under /_sink/ on the same port.
//
// Prints `http-sink listening <port>`.
import http from 'node:http';
import { handleControl, type SinkState } from './control.js';
import { Tally } from './tally.js';

const KEY_HEADER = (process.env.SINK_KEY_HEADER ?? 'idempotency-key').toLowerCase();

const state: SinkState = { tally: new Tally(), sample: null, onReset() {} };

const server = http.createServer((req, res) => {
  if (handleControl('/_sink', state, req, res)) return;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const key = req.headers[KEY_HEADER];
    state.tally.accept([(req.url ?? '/').split('?')[0]!], typeof key === 'string' ? key : null, body.length);
    if (!state.sample) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      state.sample = { headers, body };
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }).end('ok');
  });
});
// Senders keep connections open between deliveries; do not cut them between bursts.
server.keepAliveTimeout = 30_000;

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(`http-sink listening ${(server.address() as { port: number }).port}\n`);

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
