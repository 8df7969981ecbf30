// 100 http monitors whose regex backtracks catastrophically on the body they
// get, checked by the real engine inside the real server, while a client
// times /healthz. Matches run on worker threads, so the event loop stays
// free: p99 under 50 ms. (In-thread matching holds the loop 250 ms per check.)
// SQLite only: this is about the event loop, not storage.
import assert from 'node:assert/strict';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../../config/env.js';
import { systemClock } from '../../lib/clock.js';
import { startVigil, type VigilHandle } from '../../server/start.js';
import { freePort, useVigilDatabase } from '../../test/vigil-process.test-support.js';

const MONITORS = 100;
const HOSTILE_PATTERN = '^(a+)+$';
const HOSTILE_BODY = 'a'.repeat(30) + '!';
const UNIT_MS = 100; // 1 configured second = 100 ms: every monitor is due every second

const silent = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

/** One GET on a kept-alive connection, timed from the call to the end of the body. */
function timedGet(agent: Agent, url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('hostile regex monitors in a running server', () => {
  const testDb = useVigilDatabase('sqlite');
  let target: Server;
  let vigil: VigilHandle;
  let key: string;

  before(async () => {
    target = createServer((_req, res) => res.end(HOSTILE_BODY));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    let banner = '';
    const config = loadConfig({ VIGIL_DATABASE_URL: testDb.url, HOST: '127.0.0.1', PORT: String(await freePort()), VIGIL_OUTBOUND_ALLOW: '127.0.0.1' });
    vigil = await startVigil(config, {
      clock: systemClock,
      logger: silent,
      stdout: { write: (chunk: string) => (banner += chunk) },
      jobs: [],
      engine: { timeUnitMs: UNIT_MS, reloadIntervalMs: 200, flushIntervalMs: 200, groupWaitMs: 200 },
    });
    key = /^\s+(vgl_\S+)$/m.exec(banner)?.[1] ?? assert.fail(banner);
  });
  after(async () => {
    await vigil?.close();
    await new Promise((resolve) => target?.close(resolve));
  });

  test(`/healthz p99 stays under 50 ms while ${MONITORS} monitors run ^(a+)+$ on a hostile body`, async () => {
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
    for (let i = 0; i < MONITORS; i++) {
      const res = await fetch(`${vigil.listeningOn}/api/v1/monitors`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'http', name: `hostile ${i}`, url: `${url}${i}`, regex: HOSTILE_PATTERN, interval_seconds: 10, timeout_seconds: 5 }),
      });
      assert.equal(res.status, 201, await res.text());
    }
    const db = vigil.database.db;
    const gaveUp = async () =>
      Number((await db.selectFrom('monitor_results').select(db.fn.countAll<number>().as('n')).where('reason', 'like', 'regular expression gave up after%').executeTakeFirstOrThrow()).n);
    const down = async () => Number((await db.selectFrom('monitors').select(db.fn.countAll<number>().as('n')).where('state', '=', 'down').executeTakeFirstOrThrow()).n);
    // Measure the steady state: every monitor confirmed DOWN (the incident storm that causes is
    // a one-off burst of writes), and hostile matches really running.
    // (A stalled loop may never get there: then it is measured as it is.)
    const settled = performance.now() + 60_000;
    while (((await down()) < MONITORS || (await gaveUp()) < 3) && performance.now() < settled) await new Promise((r) => setTimeout(r, 100));
    assert.ok((await gaveUp()) >= 3, 'hostile matches are running');
    await vigil.engine!.settle();
    const before = await gaveUp();

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const samples: number[] = [];
    try {
      const until = performance.now() + 5000;
      while (performance.now() < until) {
        samples.push(await timedGet(agent, `${vigil.listeningOn}/healthz`));
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      agent.destroy();
    }
    const during = (await gaveUp()) - before;
    const p99 = percentile(samples, 99);
    const summary = `${samples.length} requests, p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms; ${during} matches gave up meanwhile`;
    console.log(`# /healthz under hostile regexes: ${summary}`);
    assert.ok(during >= 3, `hostile matches kept running while measuring: ${summary}`);
    assert.ok(samples.length >= 50, summary);
    assert.ok(p99 < 50, summary);
  });
});
