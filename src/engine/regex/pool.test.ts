// The regex pool's limits with real worker threads: a full queue, a long
// wait, cancels, a worker that never answers, shutdown, and the compiled build.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RegexPool } from './pool.js';
import type { SafeRegexResult } from '../checks/safe-regex.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
const HOSTILE = ['^(a+)+$', 'a'.repeat(40) + 'b'] as const;
const codeOf = (r: SafeRegexResult) => (r.ok ? 'ok' : r.code);
const errorOf = (r: SafeRegexResult) => (r.ok ? '' : r.error);

const pools: RegexPool[] = [];
function pool(options: ConstructorParameters<typeof RegexPool>[0] = {}): RegexPool {
  const p = new RegexPool(options);
  pools.push(p);
  return p;
}
after(() => Promise.all(pools.map((p) => p.close())));

/** Waits until a worker is up (starting one from the TypeScript sources can outlast a short maxWaitMs). */
async function warm(p: RegexPool): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await p.test('a', 'a');
    if (r.ok) return assert.equal(r.matched, true);
    assert.equal(r.code, 'busy');
  }
  assert.fail('no worker started');
}

test('a full queue refuses a match at once, with the reason', async () => {
  const p = pool({ size: 1, maxQueued: 2 });
  await warm(p);
  const running = p.test(...HOSTILE, { timeoutMs: 600 });
  const queued = [p.test('b', 'b'), p.test('c', 'c')];
  const refused = await p.test('d', 'd');
  assert.equal(codeOf(refused), 'busy');
  assert.equal(errorOf(refused), 'regular expression not run: 2 matches are already waiting for a worker (slow patterns are holding them)');
  assert.equal(codeOf(await running), 'timeout');
  assert.deepEqual(await Promise.all(queued), [{ ok: true, matched: true }, { ok: true, matched: true }]);
});

test('queued input is bounded in characters too', async () => {
  const p = pool({ size: 1, maxQueuedChars: 1000 });
  await warm(p);
  const running = p.test(...HOSTILE, { timeoutMs: 600 });
  const first = p.test('x', 'x'.repeat(800));
  assert.equal(codeOf(await p.test('x', 'x'.repeat(800))), 'busy');
  assert.equal(codeOf(await running), 'timeout');
  assert.equal(codeOf(await first), 'ok');
});

test('a match that waits too long for a worker fails clearly, before the running one ends', async () => {
  const p = pool({ size: 1, maxWaitMs: 150 });
  await warm(p);
  const order: string[] = [];
  const running = p.test(...HOSTILE, { timeoutMs: 1500 }).then((r) => (order.push('running'), r));
  const waiting = p.test('a', 'a').then((r) => (order.push('waiting'), r));
  assert.equal(errorOf(await waiting), 'regular expression not run: no worker was free within 150 ms');
  assert.equal(codeOf(await running), 'timeout');
  assert.deepEqual(order, ['waiting', 'running']);
});

test('aborting settles a waiting or a running match at once; the pool keeps working', async () => {
  const p = pool({ size: 1 });
  await warm(p);
  const stopRunning = new AbortController();
  const stopWaiting = new AbortController();
  const order: string[] = [];
  const running = p.test(...HOSTILE, { timeoutMs: 1500, signal: stopRunning.signal }).then((r) => (order.push('running'), r));
  const waiting = p.test('a', 'a', { signal: stopWaiting.signal });
  stopWaiting.abort();
  assert.equal(codeOf(await waiting), 'cancelled');
  stopRunning.abort();
  const next = p.test('a', 'a').then((r) => (order.push('next'), r));
  assert.equal(errorOf(await running), 'regular expression cancelled (the check was stopped)');
  // The next match runs once the worker is free again (its interrupted match still had to end).
  assert.deepEqual(await next, { ok: true, matched: true });
  assert.deepEqual(order, ['running', 'next']);
  const already = new AbortController();
  already.abort();
  assert.equal(codeOf(await p.test('a', 'a', { signal: already.signal })), 'cancelled');
});

test('a worker that does not answer by the hard limit is terminated and replaced', async () => {
  const p = pool({ size: 1, graceMs: 50, entry: new URL('./stuck-worker.test-support.ts', import.meta.url) });
  const started = Date.now();
  const r = await p.test('a', 'a', { timeoutMs: 100 });
  assert.equal(errorOf(r), 'regular expression gave up after 100 ms (the pattern backtracks too much on this body)');
  assert.ok(Date.now() - started < 10_000, 'settled by the hard limit');
  assert.equal(p.workers, 0, 'the stuck worker is gone');
  const again = p.test('a', 'a', { timeoutMs: 100 });
  assert.equal(p.workers, 1, 'a fresh worker replaces it');
  assert.equal(codeOf(await again), 'timeout');
});

test('a worker that cannot start fails the waiting matches instead of hanging them', async () => {
  const p = pool({ size: 1, entry: new URL('./no-such-worker.js', import.meta.url) });
  const r = await p.test('a', 'a');
  assert.equal(codeOf(r), 'unavailable');
  assert.match(errorOf(r), /^regular expression not run: the worker did not start \(/);
});

test('close settles pending matches, refuses new ones and stops every worker', async () => {
  const p = new RegexPool({ size: 2 });
  await warm(p);
  const pending = [p.test(...HOSTILE, { timeoutMs: 5000 }), p.test(...HOSTILE, { timeoutMs: 5000 }), p.test('a', 'a')];
  await p.close();
  for (const r of await Promise.all(pending)) assert.equal(errorOf(r), 'regular expression not run: the matcher is shut down');
  assert.equal(p.workers, 0);
  assert.equal(codeOf(await p.test('a', 'a')), 'unavailable');
  await p.close();
});

test('the compiled JavaScript runs its worker from the build output', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-regex-build-'));
  try {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const flags = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023', '--types', 'node', '--strict', '--skipLibCheck'];
    await run(tsc, [...flags, '--rootDir', join(ROOT, 'src'), '--outDir', dir, join(ROOT, 'src/engine/regex/pool.ts'), join(ROOT, 'src/engine/regex/worker.ts')], { cwd: ROOT });
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    const script = `
      import { RegexPool } from ${JSON.stringify(join(dir, 'engine/regex/pool.js'))};
      const pool = new RegexPool();
      const results = [await pool.test('ok$', 'all ok'), await pool.test('^(a+)+$', 'a'.repeat(40) + 'b', { timeoutMs: 100 })];
      await pool.close();
      console.log(JSON.stringify(results));`;
    // Plain node, no tsx: what `npm start` runs.
    await writeFile(join(dir, 'probe.js'), script);
    const { stdout } = await run(process.execPath, [join(dir, 'probe.js')], { cwd: dir, timeout: 30_000 });
    const [hit, timeout] = JSON.parse(stdout) as SafeRegexResult[];
    assert.deepEqual(hit, { ok: true, matched: true });
    assert.equal(codeOf(timeout!), 'timeout');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
