// `vigil serve` as a real process on a real database and a loopback port.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DIALECTS } from '../../test/databases.test-support.js';
import { bannerKey, runVigil, startServe, useVigilDatabase, VigilProcess } from '../../test/vigil-process.test-support.js';

async function get(baseUrl: string, path: string, key?: string) {
  const res = await fetch(baseUrl + path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

for (const dialect of DIALECTS) {
  describe(`vigil serve on ${dialect}`, () => {
    const { env } = useVigilDatabase(dialect);

    test('first start prints an admin key once; the API answers with it; SIGTERM stops cleanly', async () => {
      const { process: vigil, baseUrl } = await startServe(env);
      const key = bannerKey(vigil.stdout);
      assert.ok(key, `no key in:\n${vigil.stdout}`);
      assert.equal(vigil.stdout.match(/vgl_/g)!.length, 2, 'the key and the curl example, nothing else');
      assert.match(vigil.stdout, /ready at http:\/\/localhost:\d+ \(listening on http:\/\/127\.0\.0\.1:\d+\); roles: web, scheduler, worker/);

      assert.deepEqual(await get(baseUrl, '/healthz'), { status: 200, body: { status: 'ok' } });
      assert.equal((await get(baseUrl, '/readyz')).status, 200);
      const components = await get(baseUrl, '/api/v1/components', key);
      assert.equal(components.status, 200);
      assert.deepEqual(components.body, []);
      assert.equal((await get(baseUrl, '/api/v1/components')).status, 401);

      const stopped = await vigil.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);

      // A second start on the same database creates no key, and the first one still works.
      const again = await startServe(env);
      try {
        assert.equal(bannerKey(again.process.stdout), undefined);
        assert.doesNotMatch(again.process.stdout, /vgl_/);
        assert.equal((await get(again.baseUrl, '/api/v1/components', key)).status, 200);
      } finally {
        assert.equal((await again.process.stop('SIGINT')).code, 0);
      }
    });

    test('a port already in use is a one-line failure with exit code 1', async () => {
      const first = await startServe(env);
      try {
        const port = new URL(first.baseUrl).port;
        const second = await new VigilProcess(['serve'], { ...env, HOST: '127.0.0.1', PORT: port }).exited;
        assert.equal(second.code, 1);
        assert.equal(second.stderr, `vigil: cannot listen on 127.0.0.1:${port}: the address is already in use (is another Vigil running?)\n`);
      } finally {
        await first.process.stop();
      }
    });

    test('--roles scheduler runs without listening', async () => {
      const vigil = new VigilProcess(['serve', '--roles', 'scheduler'], { ...env, PORT: '1' });
      await vigil.waitForStdout(/running without the web role; roles: scheduler;/);
      assert.equal((await vigil.stop()).code, 0);
    });

    test('--config applies a vigil.yaml before serving', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
      try {
        const file = join(dir, 'vigil.yaml');
        writeFileSync(file, 'components:\n  - key: api\n    name: Public API\n    status: degraded_performance\n');
        const created = await runVigil(['keys', 'create', '--scope', 'read'], env);
        assert.equal(created.code, 0, created.stderr);
        const { process: vigil, baseUrl } = await startServe(env, ['--config', file]);
        try {
          const components = await get(baseUrl, '/api/v1/components', created.stdout.trim());
          assert.deepEqual(
            components.body.map((c: any) => [c.key, c.name, c.status]),
            [['api', 'Public API', 'degraded_performance']],
          );
        } finally {
          await vigil.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('an invalid vigil.yaml stops start-up naming the file and line', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
      try {
        const file = join(dir, 'vigil.yaml');
        writeFileSync(file, 'components:\n  - key: api\n    name: Public API\n    status: on_fire\n');
        const result = await new VigilProcess(['serve', '--config', file], { ...env, PORT: '1' }).exited;
        assert.equal(result.code, 1);
        assert.match(result.stderr, new RegExp(`^vigil: ${file.replace(/[.]/g, '\\.')}:4(:\\d+)?: components\\[0\\]\\.status: `));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
