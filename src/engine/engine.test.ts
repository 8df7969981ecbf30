// The scheduler loop for real: monitors on a compressed clock (1 configured
// second = 20 ms) against loopback servers, some of which never answer. The
// tests wait for what they can observe (requests reaching the servers, the
// engine's metrics), never for a fixed time: the machine may be busy.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import { useTestApi, type TestApi } from '../test/api-harness.test-support.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { MonitorEngine } from './engine.js';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

const UNIT_MS = 20;
/** A stuck check waits this long (real seconds) for its answer: far longer than the fast monitors need to run twice more. */
const STUCK_TIMEOUT_S = 5;

function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  const server: Server = createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers 200 and counts the requests per path, as they arrive (results are written in batches, later). */
function countingServer() {
  const hits = new Map<string, number>();
  const server = startServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    res.end('ok');
  });
  return { ...server, hits: (path: string) => hits.get(path) ?? 0 };
}

/** Accepts requests and never answers; `open` holds those whose connection the client has not closed yet. */
function hangingServer() {
  const open = new Set<IncomingMessage>();
  let received = 0;
  const server = startServer((req) => {
    received += 1;
    open.add(req);
    req.socket.on('close', () => open.delete(req));
  });
  return { ...server, open, received: () => received };
}

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function countResults(db: Kysely<DB>, ids: readonly string[]) {
  const rows = await db
    .selectFrom('monitor_results')
    .select(['monitor_id', db.fn.countAll<number>().as('n')])
    .where('monitor_id', 'in', [...ids])
    .groupBy('monitor_id')
    .execute();
  return new Map(rows.map((r) => [r.monitor_id, Number(r.n)]));
}

async function createMonitor(api: TestApi, body: Record<string, unknown>): Promise<string> {
  const res = await api.request('POST', '/api/v1/monitors', { body: { type: 'http', interval_seconds: 10, timeout_seconds: 5, ...body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** The engine's `vigil_scheduler_monitors` gauge: monitors it schedules (not paused), as of its last reload. */
async function scheduled(engine: MonitorEngine): Promise<number | undefined> {
  return (await engine.metrics.scheduled.get()).values[0]?.value;
}

for (const dialect of DIALECTS) {
  describe(`the monitor scheduler on ${dialect}`, () => {
    describe('intervals', () => {
      const api = useTestApi(dialect);
      const healthy = countingServer();
      const hanging = hangingServer();
      before(async () => {
        await healthy.listen();
        await hanging.listen();
      });
      after(async () => {
        await healthy.close();
        await hanging.close();
      });

      test('runs every monitor on its interval, and hanging targets delay no one', async () => {
        const fast: string[] = [];
        for (let i = 0; i < 30; i++) fast.push(await createMonitor(api, { name: `fast ${i}`, url: healthy.url(`/fast/${i}`) }));
        const stuck: string[] = [];
        for (let i = 0; i < 3; i++) stuck.push(await createMonitor(api, { name: `stuck ${i}`, url: hanging.url(`/stuck/${i}`), timeout_seconds: STUCK_TIMEOUT_S }));
        const paused = await createMonitor(api, { name: 'paused', url: healthy.url('/paused'), paused: true });

        const engine = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS, flushIntervalMs: 100 } });
        const started = performance.now();
        await engine.start();
        let elapsed: number;
        try {
          assert.equal(engine.isActive, true);
          // All three stuck checks are waiting for an answer that never comes...
          await until('the three stuck checks to hang', () => hanging.open.size === 3);
          const held = [...hanging.open];
          // ...and meanwhile every fast monitor runs twice more.
          const mark = new Map(fast.map((_, i) => [i, healthy.hits(`/fast/${i}`)]));
          await until('two more runs of every fast monitor', () => fast.every((_, i) => healthy.hits(`/fast/${i}`) >= mark.get(i)! + 2));
          assert.equal(held.filter((req) => hanging.open.has(req)).length, 3, 'the stuck checks were still hanging all along');
          // A stuck check fails by its own timeout.
          await until('a result for each stuck monitor', async () => {
            const counts = await countResults(api.database.db, stuck);
            return stuck.every((id) => (counts.get(id) ?? 0) >= 1);
          });
        } finally {
          await engine.stop();
          elapsed = performance.now() - started;
        }

        // Never more often than its interval (10 "seconds" = 200 ms): however busy the machine, a late engine
        // only runs fewer checks. (bench:monitors measures punctuality.)
        const most = elapsed / (10 * UNIT_MS) + 2;
        const counts = await countResults(api.database.db, [...fast, ...stuck, paused]);
        for (const id of fast) {
          const n = counts.get(id) ?? 0;
          assert.ok(n >= 3 && n <= most, `monitor ${id}: ${n} results in ${elapsed.toFixed(0)} ms`);
        }
        // A hanging check holds its own slot until its timeout: one request at a time per stuck monitor.
        const runsPerStuck = elapsed / (STUCK_TIMEOUT_S * 1000) + 1;
        for (const id of stuck) {
          const n = counts.get(id) ?? 0;
          assert.ok(n >= 1 && n <= runsPerStuck, `stuck ${id}: ${n} results in ${elapsed.toFixed(0)} ms`);
        }
        assert.ok(hanging.received() <= 3 * runsPerStuck, `${hanging.received()} requests reached the hanging server`);
        assert.equal(counts.get(paused) ?? 0, 0, 'a paused monitor is not checked');
        assert.equal(healthy.hits('/paused'), 0);
        const reasons = await api.database.db.selectFrom('monitor_results').select('reason').where('monitor_id', '=', stuck[0]!).execute();
        assert.ok(reasons.length >= 1);
        for (const r of reasons) assert.match(r.reason ?? '', new RegExp(`timed out after ${STUCK_TIMEOUT_S}s`));

        const metrics = await engine.metrics.registry.metrics();
        assert.match(metrics, /vigil_monitor_checks_total\{type="http",result="ok"\} \d+/);
        assert.match(metrics, /vigil_scheduler_lag_seconds\{quantile="0.99"\}/);
      });
    });

    describe('edits', () => {
      const api = useTestApi(dialect);
      const healthy = countingServer();
      before(() => healthy.listen());
      after(() => healthy.close());

      test('edits reach a running engine: pausing stops checks, deleting removes the monitor', async () => {
        // The sentinel stays on the same interval: its runs show the engine kept scheduling meanwhile.
        await createMonitor(api, { name: 'sentinel', url: healthy.url('/sentinel') });
        const pausedId = await createMonitor(api, { name: 'to pause', url: healthy.url('/to-pause') });
        const deletedId = await createMonitor(api, { name: 'to delete', url: healthy.url('/to-delete') });
        const engine = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS, flushIntervalMs: 50, reloadIntervalMs: 100 } });
        await engine.start();
        try {
          await until('a few runs of each monitor', () => ['/sentinel', '/to-pause', '/to-delete'].every((p) => healthy.hits(p) >= 3));
          assert.equal(await scheduled(engine), 3);

          assert.equal((await api.request('POST', `/api/v1/monitors/${pausedId}/pause`)).status, 200);
          await until('the engine to reload the pause', async () => (await scheduled(engine)) === 2);
          const atPause = healthy.hits('/to-pause');
          const sentinelAtPause = healthy.hits('/sentinel');
          await until('three more sentinel runs', () => healthy.hits('/sentinel') >= sentinelAtPause + 3);
          assert.ok(healthy.hits('/to-pause') <= atPause + 1, 'at most the run in flight when the pause arrived');

          const series = async () => (await engine.metrics.registry.metrics()).includes(`monitor_id="${deletedId}"`);
          assert.equal(await series(), true);
          assert.equal((await api.request('DELETE', `/api/v1/monitors/${deletedId}`)).status, 204);
          await until('the engine to drop the deleted monitor', async () => (await scheduled(engine)) === 1 && !(await series()));
          const atDelete = healthy.hits('/to-delete');
          const sentinelAtDelete = healthy.hits('/sentinel');
          await until('three more sentinel runs', () => healthy.hits('/sentinel') >= sentinelAtDelete + 3);
          assert.ok(healthy.hits('/to-delete') <= atDelete + 1, 'at most the run in flight when the deletion arrived');
        } finally {
          await engine.stop();
        }
      });
    });

    describe('lease', () => {
      const api = useTestApi(dialect);

      test('only one engine holds the lease; the other stands by', async () => {
        const a = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS } });
        const b = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS } });
        await a.start();
        await b.start();
        try {
          assert.equal(a.isActive, true);
          assert.equal(b.isActive, false);
        } finally {
          await a.stop();
          await b.stop();
        }
      });
    });
  });
}
