import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../config/env.js';
import { systemClock } from '../lib/clock.js';
import { openDatabase } from '../store/database.js';
import { createTestDatabase, DIALECTS, openTestDatabase } from '../test/databases.test-support.js';
import { bannerKey, freePort, useVigilDatabase } from '../test/vigil-process.test-support.js';
import { bootstrapAdminKey } from './bootstrap-admin-key.js';
import { startVigil, StartupError } from './start.js';

// Several instances share a database only on PostgreSQL (SQLite is one process;
// better-sqlite3 connections in one thread would just wait on each other).
for (const dialect of ['postgres'] as const) {
  describe(`first admin key on ${dialect}`, () => {
    test('instances starting together on one empty database create exactly one key', async () => {
      const { testDb, close } = await openTestDatabase(dialect);
      // Separate connections (pools), as separate Vigil processes would have.
      const instances = Array.from({ length: 5 }, () => openDatabase(testDb.url));
      try {
        const results = await Promise.all(
          instances.map((d) => bootstrapAdminKey({ db: d.db, clock: systemClock, actor: { type: 'system', id: null, name: 'startup' } })),
        );
        const created = results.filter((r) => r !== null);
        assert.equal(created.length, 1);
        assert.equal(created[0]!.scope, 'admin');
        const rows = await instances[0]!.db.selectFrom('api_keys').selectAll().execute();
        assert.equal(rows.length, 1);
        const again = await bootstrapAdminKey({ db: instances[0]!.db, clock: systemClock, actor: { type: 'system', id: null, name: 'startup' } });
        assert.equal(again, null);
      } finally {
        await Promise.all(instances.map((d) => d.close()));
        await close();
      }
    });
  });
}

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

const silent = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

/** A plain TCP listener holding a loopback port, as another program would. */
async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const dialect of DIALECTS) {
  describe(`first admin key and a failing first start on ${dialect}`, () => {
    const testDb = useVigilDatabase(dialect);

    test('a first start on a busy port fails with one line and creates no key; the next start prints a key that works', async () => {
      const busy = await occupyPort();
      const failed = capture();
      try {
        const config = loadConfig({ VIGIL_DATABASE_URL: testDb.url, HOST: '127.0.0.1', PORT: String(busy.port) });
        await assert.rejects(startVigil(config, { clock: systemClock, logger: silent, stdout: failed.stream, jobs: [] }), (err: unknown) => {
          assert.ok(err instanceof StartupError);
          assert.equal(err.message, `cannot listen on 127.0.0.1:${busy.port}: the address is already in use (is another Vigil running?)`);
          return true;
        });
      } finally {
        await busy.close();
      }
      assert.doesNotMatch(failed.text(), /vgl_/);
      const database = openDatabase(testDb.url);
      try {
        assert.equal((await database.db.selectFrom('api_keys').selectAll().execute()).length, 0, 'no key may exist that nobody saw');
      } finally {
        await database.close();
      }

      const out = capture();
      const config = loadConfig({ VIGIL_DATABASE_URL: testDb.url, HOST: '127.0.0.1', PORT: String(await freePort()) });
      const handle = await startVigil(config, { clock: systemClock, logger: silent, stdout: out.stream, jobs: [] });
      try {
        const key = bannerKey(out.text());
        assert.ok(key, out.text());
        // The banner comes before the ready line: nothing printed after the key can be a failure.
        assert.ok(out.text().indexOf(key) < out.text().indexOf(' ready at '), out.text());
        const res = await fetch(`${handle.listeningOn}/api/v1/components`, { headers: { authorization: `Bearer ${key}` } });
        assert.equal(res.status, 200);
      } finally {
        await handle.close();
      }
    });

    test('without the web role the key is created at start, as for CLI-only use', async () => {
      const out = capture();
      // This suite's database already has the key from the previous test: use a fresh one.
      const fresh = await createTestDatabase(dialect);
      try {
        const config = loadConfig({ VIGIL_DATABASE_URL: fresh.url, VIGIL_ROLES: 'scheduler' });
        const handle = await startVigil(config, { clock: systemClock, logger: silent, stdout: out.stream, jobs: [] });
        await handle.close();
        assert.ok(bannerKey(out.text()), out.text());
      } finally {
        await fresh.drop();
      }
    });
  });
}
