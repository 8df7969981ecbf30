// Loopback servers for check tests: listen on an ephemeral port, and close
// for real (destroying open connections, so hanging handlers cannot keep a test alive).
import type { Server, Socket } from 'node:net';
import type { CheckContext } from './types.js';
import { RegexPool } from '../regex/pool.js';
import { defaultMonitorGuard } from '../../outbound/guards.js';

export interface Running {
  port: number;
  /** Sockets the server accepted so far (tests assert they were closed). */
  sockets: Set<Socket>;
  close(): Promise<void>;
}

export function serve(server: Server): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        sockets,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

// Checks in tests run against loopback servers, which the built-in monitor policy permits.
const outbound = defaultMonitorGuard();

// One pool per test file; its idle workers do not keep the process alive (see RegexPool.spawn).
let regexPool: RegexPool | null = null;

/** A context whose clock is the real one (certificates and servers live in real time). */
export function testContext(timeoutMs = 3000, signal: AbortSignal = new AbortController().signal): CheckContext {
  regexPool ??= new RegexPool();
  return { signal, timeoutMs, now: () => new Date(), regex: regexPool, outbound };
}

/** Polls until `predicate` holds, failing after `timeoutMs` (generous: the machine may be loaded). */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
