// A database that refuses changes is named at start, by /readyz and in the
// answer to a write, on both databases. SQLite is made read-only the way it
// happens in production: a file this process may not write. Root writes any
// file, so as root the server runs as `nobody`; PostgreSQL is told to refuse
// changes with default_transaction_read_only, as a standby would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { DIALECTS } from '../test/databases.test-support.js';
import { bannerKey, childEnv, freePort, startServe, useVigilDatabase, type RunResult } from '../test/vigil-process.test-support.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** `vigil serve` from the sources, as `nobody` when the tests run as root (chmod does not stop root). */
function serveAs(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve'], {
    cwd: ROOT,
    env: childEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<RunResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    exited,
    output: () => ({ stdout, stderr }),
    async ready(): Promise<void> {
      for (let i = 0; i < 600 && !/ready at /.test(stdout); i++) {
        if (child.exitCode !== null) throw new Error(`vigil exited ${child.exitCode}\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.match(stdout, /ready at /, stderr);
    },
    stop: () => (child.kill('SIGTERM'), exited),
  };
}

/** The file (and, as root, its directory) belongs to `nobody`, who may not write the file. */
function makeSqliteReadOnly(file: string, directoryToo: boolean): void {
  const dir = dirname(file);
  if (asRoot) {
    chownSync(dir, NOBODY, NOBODY);
    for (const f of readdirSync(dir)) chownSync(join(dir, f), NOBODY, NOBODY);
  }
  chmodSync(file, 0o444);
  if (directoryToo) chmodSync(dir, 0o555);
}

async function alterDatabase(url: string, setting: 'on' | 'off'): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // This session inherits the setting too; it may still change it for itself.
    await admin.query('SET default_transaction_read_only = off');
    await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${setting}`);
  } finally {
    await admin.end();
  }
}

async function call(base: string, method: string, path: string, key?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

for (const dialect of DIALECTS) {
  describe(`a read-only database on ${dialect}`, () => {
    const testDb = useVigilDatabase(dialect);

    test('is reported at start and by /readyz; reads work and writes answer 503 "database is read-only"', async () => {
      const first = await startServe(testDb.env);
      const key = bannerKey(first.process.stdout)!;
      assert.equal((await call(first.baseUrl, 'POST', '/api/v1/components', key, { name: 'API' })).status, 201);
      assert.equal((await first.process.stop()).code, 0);

      if (dialect === 'sqlite') makeSqliteReadOnly(testDb.url, false);
      else await alterDatabase(testDb.url, 'on');

      const port = await freePort();
      const vigil = serveAs(testDb.env, port);
      const base = `http://127.0.0.1:${port}`;
      try {
        await vigil.ready();
        const { stdout, stderr } = vigil.output();
        assert.match(stdout, /; database: .* \(database is read-only: changes are refused\)\n/);
        const report = stderr.split('\n').find((line) => line.includes('database is read-only'));
        assert.ok(report, stderr);
        assert.equal(JSON.parse(report).level, 50);

        assert.deepEqual(await call(base, 'GET', '/readyz'), { status: 503, body: { status: 'degraded', checks: { database: 'read-only' }, reason: 'database is read-only' } });
        const components = await call(base, 'GET', '/api/v1/components', key);
        assert.equal(components.status, 200);
        assert.deepEqual(components.body.map((c: any) => c.name), ['API']);

        const write = await call(base, 'POST', '/api/v1/components', key, { name: 'Web' });
        assert.equal(write.status, 503);
        assert.equal(write.body.error.code, 'UNAVAILABLE');
        assert.equal(write.body.error.message, 'database is read-only: changes are refused until it is writable again');
      } finally {
        const stopped = await vigil.stop();
        assert.equal(stopped.code, 0, stopped.stderr);
        if (dialect === 'postgres') await alterDatabase(testDb.url, 'off');
      }
    });
  });
}

if (DIALECTS.includes('sqlite')) {
  describe('a SQLite database in a read-only directory', () => {
    const testDb = useVigilDatabase('sqlite');

    test('stops start-up with one line naming the directory', async () => {
      const first = await startServe(testDb.env);
      assert.equal((await first.process.stop()).code, 0);
      makeSqliteReadOnly(testDb.url, true);
      try {
        const result = await serveAs(testDb.env, await freePort()).exited;
        assert.equal(result.code, 1);
        assert.equal(
          result.stderr,
          `vigil: cannot open the database at sqlite ${testDb.url}: database is read-only: SQLite needs to create its -wal and -shm files in ${dirname(testDb.url)}, which is not writable by this process\n`,
        );
      } finally {
        // The suite removes the directory afterwards.
        chmodSync(dirname(testDb.url), 0o755);
      }
    });
  });
}
