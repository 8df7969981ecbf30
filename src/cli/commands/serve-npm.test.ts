// `npm start` must stop the server cleanly on SIGTERM. npm forwards the
// signal to the shell running the script, not to node behind it, so without
// `exec` in the script the shell dies and the server lives on, orphaned.
// Runs the built server (dist/, made by `npm ci` / `npm run build`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { childEnv, freePort } from '../../test/vigil-process.test-support.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

test('npm start: SIGTERM reaches the server, which logs its clean shutdown and exits 0', async () => {
  assert.ok(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-npm-start-'));
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: childEnv({ VIGIL_DATABASE_URL: join(dir, 'vigil.db'), HOST: '127.0.0.1', PORT: String(port), VIGIL_LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  npm.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  npm.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  // 'exit', not 'close': an orphaned server would keep the pipes open.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
  /** The server's own pid, from its log lines, to be sure it is gone (and to clean up if it is not). */
  const serverPid = () => Number(/"pid":(\d+)/.exec(stderr)?.[1] ?? 0);
  try {
    for (let i = 0; i < 1200 && !/ready at /.test(stdout); i++) {
      if (npm.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(stdout, /ready at /, `${stdout}\n${stderr}`);
    npm.kill('SIGTERM');
    const result = await exited;
    assert.deepEqual(result, { code: 0, signal: null }, stderr);
    const messages = stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
    assert.ok(messages.includes('shutting down: finishing in-flight requests and jobs'), stderr);
    assert.equal(messages.at(-1), 'stopped');
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'nothing listens any more');
  } finally {
    npm.kill('SIGKILL');
    const pid = serverPid();
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
