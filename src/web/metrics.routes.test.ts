// /metrics: bearer token, its own loopback port, and monitor series labelled
// with names, through real servers on loopback.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { loadConfig } from '../config/env.js';
import { systemClock } from '../lib/clock.js';
import { MonitorEngine } from '../engine/engine.js';
import { createEngineMetrics } from '../engine/metrics.js';
import { startVigil } from '../server/start.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { useSecureApp } from '../test/secure-app.test-support.js';
import { freePort, useVigilDatabase } from '../test/vigil-process.test-support.js';

const TOKEN = 'metrics-token-0123456789';

function registryWithProbe(): Registry {
  const registry = new Registry();
  new Counter({ name: 'vigil_probe_total', help: 'a probe', registers: [registry] }).inc();
  return registry;
}

const scrape = (base: string, token?: string) => fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

for (const dialect of DIALECTS) {
  describe(`/metrics with VIGIL_METRICS_TOKEN on ${dialect}`, () => {
    const app = useSecureApp(dialect, systemClock, { metrics: registryWithProbe(), metricsToken: TOKEN });

    test('needs the bearer token: 401 without it or with a wrong one, the figures with it', async () => {
      for (const token of [undefined, 'wrong', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
        const res = await scrape(app.base, token);
        assert.equal(res.status, 401, String(token));
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="metrics"');
        assert.doesNotMatch(await res.text(), /vigil_probe_total/);
      }
      const ok = await scrape(app.base, TOKEN);
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /^vigil_probe_total 1$/m);
      assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(!JSON.stringify(app.logs()).includes(TOKEN.slice(0, 12)), 'no token in the log');
    });
  });

  describe(`/metrics without a token on ${dialect}`, () => {
    const app = useSecureApp(dialect, systemClock, { metrics: registryWithProbe() });

    test('is open, as before', async () => {
      const res = await scrape(app.base);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /^vigil_probe_total 1$/m);
    });
  });

  describe(`VIGIL_METRICS_PORT on ${dialect}`, () => {
    const testDb = useVigilDatabase(dialect);
    const silent = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

    test('serves /metrics on 127.0.0.1:<port> only, with the token when one is set, and not on the main port', async () => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      const config = loadConfig({
        VIGIL_DATABASE_URL: testDb.url, HOST: '127.0.0.1', PORT: String(port), VIGIL_ROLES: 'web',
        VIGIL_METRICS_PORT: String(metricsPort), VIGIL_METRICS_TOKEN: TOKEN,
      });
      const handle = await startVigil(config, { clock: systemClock, logger: silent, stdout: { write: () => true }, jobs: [] });
      try {
        const main = await scrape(`http://127.0.0.1:${port}`, TOKEN);
        assert.equal(main.status, 404, 'not on the main port');
        assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
        const side = `http://127.0.0.1:${metricsPort}`;
        assert.equal((await scrape(side)).status, 401);
        const ok = await scrape(side, TOKEN);
        assert.equal(ok.status, 200);
        assert.match(await ok.text(), /^process_cpu_user_seconds_total /m);
        assert.equal((await fetch(`${side}/api/v1/components`)).status, 404, 'nothing else is served there');
      } finally {
        await handle.close();
      }
      await assert.rejects(scrape(`http://127.0.0.1:${metricsPort}`), 'closed with the rest');
    });
  });

  describe(`monitor series labels on ${dialect}`, () => {
    let engine: MonitorEngine | null = null;
    const registry = new Registry();
    const app = useSecureApp(dialect, systemClock, (database) => {
      engine = new MonitorEngine({
        db: database.db,
        clock: systemClock,
        metrics: createEngineMetrics(registry, { db: database.db }),
        config: { reloadIntervalMs: 50 },
      });
      return { metrics: registry, monitors: engine, stop: () => engine!.stop() };
    });
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(app.base + path, {
        method,
        headers: { authorization: `Bearer ${app.keys.admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
    };
    const series = async () => (await (await scrape(app.base)).text()).split('\n').filter((l) => l.startsWith('vigil_monitor_up{'));
    const eventually = async (what: string, check: (lines: string[]) => boolean) => {
      const deadline = Date.now() + 10_000;
      let lines = await series();
      while (!check(lines) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        lines = await series();
      }
      assert.ok(check(lines), `${what}: ${lines.join('\n')}`);
    };

    test('carry the monitor name and its component (id and name), follow renames, and leave with the monitor', async () => {
      const component = await api('POST', '/api/v1/components', { name: 'Backups' });
      const created = await api('POST', '/api/v1/monitors', { type: 'heartbeat', name: 'Nightly backup', interval_seconds: 86_400, component_id: component.body.id });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      await engine!.start();

      const labels = (monitor: string, componentName: string) =>
        `vigil_monitor_up{monitor_id="${id}",monitor="${monitor}",type="heartbeat",component_id="${component.body.id}",component="${componentName}"}`;
      await eventually('the series appears', (lines) => lines.some((l) => l.startsWith(labels('Nightly backup', 'Backups'))));

      assert.equal((await api('PATCH', `/api/v1/monitors/${id}`, { name: 'Nightly DB backup' })).status, 200);
      await eventually('renamed monitor', (lines) => lines.length === 1 && lines[0]!.startsWith(labels('Nightly DB backup', 'Backups')));

      assert.equal((await api('PATCH', `/api/v1/components/${component.body.id}`, { name: 'Database backups' })).status, 200);
      await eventually('renamed component', (lines) => lines.length === 1 && lines[0]!.startsWith(labels('Nightly DB backup', 'Database backups')));

      const loose = await api('POST', '/api/v1/monitors', { type: 'heartbeat', name: 'No component', interval_seconds: 3600 });
      await eventually('a monitor without a component', (lines) => lines.some((l) => l.includes(`monitor_id="${loose.body.id}",monitor="No component",type="heartbeat",component_id="",component=""}`)));

      assert.equal((await api('DELETE', `/api/v1/monitors/${id}`)).status, 204);
      await eventually('deleted monitor', (lines) => lines.length === 1 && !lines[0]!.includes(id));
    });
  });
}
