// The scheduler loop for real: monitors on a compressed clock (1 configured
// second = 20 ms) against loopback servers, some of which never answer.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import { useTestApi } from '../test/api-harness.test-support.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { MonitorEngine } from './engine.js';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

const UNIT_MS = 20;

function startServer(handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) {
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

async function countResults(db: Kysely<DB>, ids: readonly string[]) {
  const rows = await db
    .selectFrom('monitor_results')
    .select(['monitor_id', db.fn.countAll<number>().as('n')])
    .where('monitor_id', 'in', [...ids])
    .groupBy('monitor_id')
    .execute();
  return new Map(rows.map((r) => [r.monitor_id, Number(r.n)]));
}

for (const dialect of DIALECTS) {
  describe(`the monitor scheduler on ${dialect}`, () => {
    const api = useTestApi(dialect);
    let requests = 0;
    const healthy = startServer((_req, res) => {
      requests += 1;
      res.end('ok');
    });
    // Accepts the request and never answers.
    const hanging = startServer(() => {});
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
      for (let i = 0; i < 30; i++) {
        const res = await api.request('POST', '/api/v1/monitors', {
          body: { type: 'http', name: `fast ${i}`, url: healthy.url(`/${i}`), interval_seconds: 10, timeout_seconds: 5 },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        fast.push(res.body.id);
      }
      const stuck: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await api.request('POST', '/api/v1/monitors', {
          body: { type: 'http', name: `stuck ${i}`, url: hanging.url(`/${i}`), interval_seconds: 10, timeout_seconds: 1 },
        });
        stuck.push(res.body.id);
      }
      const paused = await api.request('POST', '/api/v1/monitors', {
        body: { type: 'http', name: 'paused', url: healthy.url('/paused'), interval_seconds: 10, timeout_seconds: 5, paused: true },
      });

      const engine = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS, flushIntervalMs: 100 } });
      const started = Date.now();
      await engine.start();
      assert.equal(engine.isActive, true);
      await new Promise((r) => setTimeout(r, 4000));
      await engine.stop();
      const elapsed = Date.now() - started;

      // 10 "seconds" = 200 ms, so each fast monitor is due about elapsed/200 times. The machine may be busy
      // (the lower bound only proves no monitor is starved; bench:monitors measures punctuality).
      const expected = elapsed / (10 * UNIT_MS);
      const counts = await countResults(api.database.db, [...fast, ...stuck, paused.body.id]);
      for (const id of fast) {
        const n = counts.get(id) ?? 0;
        assert.ok(n >= expected * 0.5 && n <= expected + 2, `monitor ${id}: ${n} results, ~${expected.toFixed(1)} expected`);
      }
      // A hanging check holds its own slot until its 1 s timeout: a few runs, each a timeout failure.
      for (const id of stuck) assert.ok((counts.get(id) ?? 0) >= 1 && (counts.get(id) ?? 0) <= 5, `stuck ${id}: ${counts.get(id)}`);
      assert.equal(counts.get(paused.body.id) ?? 0, 0, 'a paused monitor is not checked');
      const reasons = await api.database.db.selectFrom('monitor_results').select('reason').where('monitor_id', '=', stuck[0]!).execute();
      assert.ok(reasons.every((r) => /timed out after 1s/.test(r.reason ?? '')), JSON.stringify(reasons));
      assert.ok(requests > 0);

      const metrics = await engine.metrics.registry.metrics();
      assert.match(metrics, /vigil_monitor_checks_total\{type="http",result="ok"\} \d+/);
      assert.match(metrics, /vigil_scheduler_lag_seconds\{quantile="0.99"\}/);
    });

    test('edits reach a running engine: pausing stops checks, deleting removes the monitor', async () => {
      const res = await api.request('POST', '/api/v1/monitors', {
        body: { type: 'http', name: 'edited', url: healthy.url('/edited'), interval_seconds: 10, timeout_seconds: 5 },
      });
      const id = res.body.id as string;
      const engine = new MonitorEngine({ db: api.database.db, clock: systemClock, config: { timeUnitMs: UNIT_MS, flushIntervalMs: 50, reloadIntervalMs: 100 } });
      await engine.start();
      try {
        const count = async () => (await countResults(api.database.db, [id])).get(id) ?? 0;
        const deadline = Date.now() + 10_000;
        while ((await count()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.ok((await count()) >= 3);
        assert.equal((await api.request('POST', `/api/v1/monitors/${id}/pause`)).status, 200);
        await new Promise((r) => setTimeout(r, 500));
        const atPause = await count();
        await new Promise((r) => setTimeout(r, 700));
        assert.ok((await count()) <= atPause + 1, 'at most the run in flight when the pause arrived');
      } finally {
        await engine.stop();
      }
    });

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
}
