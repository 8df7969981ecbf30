// startVigil in-process: the composition root on real databases and ports.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { loadConfig, type Config } from '../config/env.js';
import { systemClock } from '../lib/clock.js';
import { DIALECTS } from '../test/databases.test-support.js';
import { freePort, useVigilDatabase } from '../test/vigil-process.test-support.js';
import type { Job } from './scheduler.js';
import type { ServiceContext } from '../services/context.js';
import { startVigil, StartupError } from './start.js';

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

const silent = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

async function configFor(url: string, extra: Record<string, string> = {}): Promise<Config> {
  return loadConfig({ VIGIL_DATABASE_URL: url, HOST: '127.0.0.1', PORT: String(await freePort()), ...extra });
}

for (const dialect of DIALECTS) {
  describe(`startVigil on ${dialect}`, () => {
    const testDb = useVigilDatabase(dialect);

    test('migrates, creates one admin key, serves, runs jobs as the scheduler, and closes idempotently', async () => {
      const out = capture();
      const actors: ServiceContext['actor'][] = [];
      const jobs: Job<ServiceContext>[] = [{ name: 'probe', everyMs: 10, run: async (ctx) => actors.push(ctx.actor) }];
      const config = await configFor(testDb.url, { VIGIL_PUBLIC_URL: 'https://status.example.com' });
      const handle = await startVigil(config, { clock: systemClock, logger: silent, stdout: out.stream, version: '9.9.9', jobs });
      try {
        const key = /^\s+(vgl_\S+)$/m.exec(out.text())?.[1];
        assert.ok(key, out.text());
        assert.match(out.text(), /curl -H "Authorization: Bearer vgl_\S+" https:\/\/status\.example\.com\/api\/v1\/components/);
        assert.match(out.text(), new RegExp(`Vigil 9\\.9\\.9 ready at https://status\\.example\\.com \\(listening on http://127\\.0\\.0\\.1:${config.port}\\)`));
        assert.equal(handle.listeningOn, `http://127.0.0.1:${config.port}`);
        const res = await fetch(`${handle.listeningOn}/api/v1/components`, { headers: { authorization: `Bearer ${key}` } });
        assert.equal(res.status, 200);
        for (let i = 0; actors.length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
        assert.deepEqual(actors[0], { type: 'system', id: null, name: 'scheduler' });
        const audit = await handle.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'api_key.create').execute();
        assert.deepEqual(audit.map((a) => [a.actor_type, a.actor_name]), [['system', 'startup']]);
      } finally {
        await Promise.all([handle.close(), handle.close()]);
      }
      await assert.rejects(fetch(`${handle.listeningOn}/healthz`));

      const again = capture();
      const second = await startVigil(await configFor(testDb.url), { clock: systemClock, logger: silent, stdout: again.stream, jobs: [] });
      await second.close();
      assert.doesNotMatch(again.text(), /vgl_/);
    });

    test('without the web role nothing listens', async () => {
      const out = capture();
      const handle = await startVigil(await configFor(testDb.url, { VIGIL_ROLES: 'scheduler' }), { clock: systemClock, logger: silent, stdout: out.stream, jobs: [] });
      await handle.close();
      assert.equal(handle.app, null);
      assert.equal(handle.listeningOn, null);
      assert.match(out.text(), /running without the web role; roles: scheduler;/);
    });

    test('a port in use is a one-line StartupError', async () => {
      const first = await startVigil(await configFor(testDb.url), { clock: systemClock, logger: silent, stdout: capture().stream, jobs: [] });
      try {
        const port = Number(new URL(first.listeningOn!).port);
        const config = { ...(await configFor(testDb.url)), port };
        await assert.rejects(startVigil(config, { clock: systemClock, logger: silent, stdout: capture().stream, jobs: [] }), (err: unknown) => {
          assert.ok(err instanceof StartupError);
          assert.equal(err.message, `cannot listen on 127.0.0.1:${port}: the address is already in use (is another Vigil running?)`);
          return true;
        });
      } finally {
        await first.close();
      }
    });
  });
}

test('an unreachable PostgreSQL is a one-line StartupError', async () => {
  const port = await freePort();
  const config = await configFor(`postgres://vigil:pw@127.0.0.1:${port}/vigil`);
  await assert.rejects(startVigil(config, { clock: systemClock, logger: silent, stdout: capture().stream }), (err: unknown) => {
    assert.ok(err instanceof StartupError);
    assert.match(err.message, new RegExp(`^cannot reach the database at postgres://vigil:\\*\\*\\*@127\\.0\\.0\\.1:${port}/vigil: connect ECONNREFUSED`));
    return true;
  });
});
