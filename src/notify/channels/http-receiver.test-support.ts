// A real HTTP receiver on 127.0.0.1 that records every request and answers
// what the test tells it (a status, headers, a body, or nothing at all).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Epoch ms when the request had arrived in full. */
  at: number;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Never answer (the client's timeout decides). */
  hang?: boolean;
}

export interface HttpReceiver {
  origin: string;
  url(path: string): string;
  requests: ReceivedRequest[];
  /** How each request is answered (`nth` counts from 1); change it during a test. */
  answer: (req: ReceivedRequest, nth: number) => Answer;
  /** Answers this late (a slow receiver). */
  delayMs: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Waits until `predicate` holds, or fails at the deadline naming `what`. */
  waitUntil(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(answer: HttpReceiver['answer'] = () => ({ status: 200 })): Promise<HttpReceiver> {
  const hanging = new Set<http.ServerResponse>();
  const receiver: HttpReceiver = {
    origin: '',
    url: (path) => `${receiver.origin}${path}`,
    requests: [],
    answer,
    delayMs: 0,
    async waitUntil(predicate, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${receiver.requests.length} requests received)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${receiver.requests.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return receiver.requests;
    },
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      receiver.requests.push(received);
      const a = receiver.answer(received, receiver.requests.length);
      if (a.hang) return void hanging.add(res);
      const reply = () => {
        res.writeHead(a.status ?? 200, a.headers ?? {});
        res.end(a.body ?? '');
      };
      if (receiver.delayMs > 0) setTimeout(reply, receiver.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
