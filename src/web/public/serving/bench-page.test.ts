// `npm run bench:page` in smoke mode (one-second runs): checks that the
// benchmark works end to end and reports every figure. No timing is asserted
// here; speed is judged by running the benchmark itself (DESIGN.md §5).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

const ROOT = new URL('../../../../', import.meta.url).pathname;

test('bench:page runs in smoke mode and prints one final line with every figure', { timeout: 300_000 }, async () => {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VIGIL_(?!TEST_)|PORT$|HOST$)/.test(k)) env[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/page.ts'], {
    cwd: ROOT,
    env: { ...env, BENCH_SECONDS: '1', BENCH_CONNECTIONS: '5' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `${stdout}\n${stderr}`);

  const lines = stdout.trim().split('\n');
  const last = lines.at(-1)!;
  const figure = (path: string) =>
    new RegExp(`${path.replace(/[./]/g, '\\$&')} \\d+\\.\\d\\dx vigil \\d+ req/s p99 [\\d.]+ ms, bare \\d+ req/s p99 [\\d.]+ ms`);
  assert.match(last, /^bench:page /);
  for (const path of ['/', '/api/v2/summary.json', '/history.atom']) assert.match(last, figure(path));
  assert.match(last, /; errors \d+; non-2xx \d+; writer \d+ ok \d+ failed; targets (met|NOT met)$/);
  // Every run really hit the servers, and the writer really wrote.
  for (const line of lines.filter((l) => / (vigil|bare) +\d+ req\/s/.test(l))) assert.doesNotMatch(line, / requests 0\b/, line);
  assert.match(stdout, /writer: [1-9]\d* updates posted, 0 failed/);
  assert.doesNotMatch(last, /errors [1-9]|non-2xx [1-9]/);
});
