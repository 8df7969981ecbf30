// Restart-safe monitor incidents: a DOWN waiting for its storm group window is
// on the monitor row, not in a timer. The real `vigil serve` runs as a child
// process and is killed with SIGKILL inside the window; after a restart exactly
// one incident opens (one for a whole storm), and another kill and restart
// after it opened does not open a second. Each test has its own database.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../store/database.js';
import type { Dialect } from '../store/migrations/columns.js';
import { createTestDatabase, DIALECTS } from '../test/databases.test-support.js';
import { bannerKey, startServe, type VigilProcess } from '../test/vigil-process.test-support.js';

interface Incident {
  id: string;
  name: string;
  started_at: string;
  components: { id: string }[];
}

const GROUP_WAIT_SECONDS = 5;

async function api<T>(baseUrl: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function killed(vigil: VigilProcess): Promise<void> {
  vigil.child.kill('SIGKILL');
  assert.equal((await vigil.exited).signal, 'SIGKILL');
}

/** Incidents that list any of these components. */
async function incidentsOn(baseUrl: string, key: string, components: readonly string[]): Promise<Incident[]> {
  const res = await api<Incident[]>(baseUrl, key, 'GET', '/incidents');
  assert.equal(res.status, 200);
  return res.body.filter((i) => i.components.some((c) => components.includes(c.id)));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const dialect of DIALECTS) {
  describe(`monitor incidents survive SIGKILL on ${dialect}`, () => {
    const target: Server = createServer((_req, res) => res.writeHead(503).end('down'));
    before(() => new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve)));
    after(() => new Promise<void>((resolve) => target.close(() => resolve())));
    const url = (path: string) => `http://127.0.0.1:${(target.address() as AddressInfo).port}${path}`;

    /** A database of the test's own (dropped when it ends), the first start on it, and that start's admin key. */
    async function freshServer(t: TestContext, which: Dialect) {
      const db = await createTestDatabase(which);
      t.after(() => db.drop());
      const env = {
        VIGIL_DATABASE_URL: db.url,
        VIGIL_STORM_GROUP_WAIT_SECONDS: String(GROUP_WAIT_SECONDS),
        VIGIL_STORM_THRESHOLD: '3',
        VIGIL_STORM_WINDOW_SECONDS: '120',
      };
      const { process: vigil, baseUrl } = await startServe(env);
      const key = bannerKey(vigil.stdout);
      assert.ok(key, vigil.stdout);
      return { env, vigil, baseUrl, key };
    }

    /**
     * Waits until the engine holding the lease has renewed it `rounds` more times. It renews it at the start of
     * each of its rounds (every 2 s) and sweeps the pending incidents in each one.
     */
    async function engineRounds(env: { VIGIL_DATABASE_URL: string }, rounds: number): Promise<void> {
      const database = openDatabase(env.VIGIL_DATABASE_URL, { poolSize: 1 });
      try {
        const lease = async () => {
          const row = await database.db.selectFrom('leases').select(['holder', 'expires_at']).where('name', '=', 'monitor-engine').executeTakeFirst();
          return row ? `${row.holder}@${row.expires_at}` : null;
        };
        const seen = new Set([await lease()]);
        await waitFor(`${rounds} more engine rounds`, async () => {
          seen.add(await lease());
          return seen.size > rounds ? true : undefined;
        });
      } finally {
        await database.close();
      }
    }

    /** Creates monitors that fail at once and checks each now: DOWN, waiting for the group window. */
    async function downMonitors(baseUrl: string, key: string, names: string[]) {
      const out: { id: string; component: string; checkedAt: string }[] = [];
      for (const name of names) {
        const component = await api<{ id: string }>(baseUrl, key, 'POST', '/components', { name });
        assert.equal(component.status, 201);
        const monitor = await api<{ id: string }>(baseUrl, key, 'POST', '/monitors', {
          type: 'http', name, url: url(`/${name}`), interval_seconds: 600, timeout_seconds: 5, down_after: 1,
          component_id: component.body.id, auto_incident: true,
        });
        assert.equal(monitor.status, 201, JSON.stringify(monitor.body));
        const run = await api<{ state: string; checked_at: string }>(baseUrl, key, 'POST', `/monitors/${monitor.body.id}/run`);
        assert.equal(run.body.state, 'down', JSON.stringify(run.body));
        out.push({ id: monitor.body.id, component: component.body.id, checkedAt: run.body.checked_at });
      }
      return out;
    }

    /** Restarts, waits for the incidents to open, then a few more sweeps, and returns what is there. */
    async function afterRestart(
      env: { VIGIL_DATABASE_URL: string },
      key: string,
      components: string[],
    ): Promise<{ vigil: VigilProcess; baseUrl: string; incidents: Incident[] }> {
      const { process: vigil, baseUrl } = await startServe(env);
      await waitFor('an incident after the restart', async () => ((await incidentsOn(baseUrl, key, components)).length > 0 ? true : undefined));
      // Several more chances to open a second one: three more rounds of the engine, each with its sweep.
      await engineRounds(env, 3);
      return { vigil, baseUrl, incidents: await incidentsOn(baseUrl, key, components) };
    }

    test('SIGKILL inside the group wait: after a restart exactly one incident opens, started at the failing check', async (t) => {
      const { env, vigil, baseUrl, key } = await freshServer(t, dialect);
      const [down] = await downMonitors(baseUrl, key, ['payments']);
      assert.deepEqual(await incidentsOn(baseUrl, key, [down!.component]), [], 'still inside the group wait');
      await killed(vigil);

      const restarted = await afterRestart(env, key, [down!.component]);
      assert.equal(restarted.incidents.length, 1, JSON.stringify(restarted.incidents));
      assert.equal(restarted.incidents[0]!.name, 'payments is down');
      assert.equal(restarted.incidents[0]!.started_at, down!.checkedAt);

      // Killed again once the incident is open: the next start must not open another.
      await killed(restarted.vigil);
      const again = await afterRestart(env, key, [down!.component]);
      try {
        assert.deepEqual(again.incidents.map((i) => i.id), [restarted.incidents[0]!.id]);
      } finally {
        assert.equal((await again.vigil.stop()).code, 0);
      }
    });

    test('SIGKILL inside the group wait of a storm: after a restart one incident lists every member', async (t) => {
      const { env, vigil, baseUrl, key } = await freshServer(t, dialect);
      const downs = await downMonitors(baseUrl, key, ['shard-a', 'shard-b', 'shard-c']);
      const components = downs.map((d) => d.component);
      await killed(vigil);

      const restarted = await afterRestart(env, key, components);
      try {
        assert.equal(restarted.incidents.length, 1, JSON.stringify(restarted.incidents.map((i) => i.name)));
        const storm = restarted.incidents[0]!;
        assert.match(storm.name, /^3 monitors are down on host 127\.0\.0\.1/);
        assert.deepEqual(storm.components.map((c) => c.id).sort(), [...components].sort());
        assert.equal(storm.started_at, downs[0]!.checkedAt, 'the storm began with its first failing check');
      } finally {
        assert.equal((await restarted.vigil.stop()).code, 0);
      }
    });
  });
}
