// npm run bench:page — the public page under the outage rush.
//
// Starts Vigil (`vigil serve`, SQLite in a temp dir) on a realistic page and,
// in the same run, a bare node:http server returning the same bytes; drives
// both with autocannon, alternating, for `/`, `/api/v2/summary.json` and
// `/history.atom`, while a writer posts an incident update to Vigil every
// second. Each update makes Vigil's documents longer (the active incidents
// list every update), so halfway through each Vigil round the bare server is
// given Vigil's bytes of that moment for the following bare round. Prints
// req/s, p99 and the ratio to the bare server, then one final line with every
// figure. Targets (ISSUE 3): ratio ≥ 0.7, p99 < 20 ms, no errors.
//
// BENCH_SECONDS (default 10) per measured run, BENCH_ROUNDS (default 2: Vigil, bare, Vigil, bare
// per endpoint; figures are over all rounds, p99 the worst round's), BENCH_CONNECTIONS (default 50),
// BENCH_ENCODING (unset: raw bytes; e.g. `br` or `gzip`: sent as Accept-Encoding to both),
// BENCH_PATHS (comma-separated subset of the endpoints), BENCH_VIGIL_NODE_ARGS (extra node
// flags for the Vigil process, e.g. `--cpu-prof` to see where its time goes), BENCH_WRITER=off
// (no writes: separates the cost of serving from the cost of rebuilding).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/env.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/server/logger.js';
import { startVigil } from '../src/server/start.js';
import { cpuTimeMs, fetchDocument, freePort, spawnNode, type Child } from './processes.js';
import { seedRealisticPage } from './seed.js';
import { startWriter } from './writer.js';

const SECONDS = positive('BENCH_SECONDS', 10);
const ROUNDS = Math.round(positive('BENCH_ROUNDS', 2));
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const ENCODING = process.env.BENCH_ENCODING?.trim() || null;
const WARMUP_SECONDS = Math.min(2, SECONDS);
const ALL_ENDPOINTS = ['/', '/api/v2/summary.json', '/history.atom'];
const ENDPOINTS = process.env.BENCH_PATHS?.trim() ? process.env.BENCH_PATHS.split(',').map((p) => p.trim()) : ALL_ENDPOINTS;
const TARGET = { ratio: 0.7, p99Ms: 20 };

interface Run {
  reqPerSec: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** CPU time the server process used per request (µs), rebuilds included; null where /proc is missing. */
  cpuUsPerReq: number | null;
}

interface Target {
  base: string;
  pid: number | undefined;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

/** `midway` runs halfway through the run (and is awaited before returning). */
async function load(target: Target, path: string, seconds: number, midway?: () => Promise<unknown>): Promise<Run> {
  const headers: Record<string, string> = ENCODING ? { 'accept-encoding': ENCODING } : {};
  const cpuBefore = cpuTimeMs(target.pid);
  let during: Promise<unknown> = Promise.resolve();
  const timer = midway ? setTimeout(() => (during = midway()), (seconds * 1000) / 2) : null;
  const r = await autocannon({ url: target.base + path, connections: CONNECTIONS, duration: seconds, headers });
  const cpuAfter = cpuTimeMs(target.pid);
  if (timer) clearTimeout(timer);
  await during;
  const cpuUsPerReq = cpuBefore === null || cpuAfter === null || r.requests.total === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / r.requests.total;
  return { reqPerSec: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total, cpuUsPerReq };
}

/** Rounds of equal length: mean throughput, the worst p99, summed counts. */
function combine(runs: Run[]): Run {
  const cpu = runs.every((r) => r.cpuUsPerReq !== null) ? runs.reduce((n, r) => n + r.cpuUsPerReq! * r.total, 0) / Math.max(1, runs.reduce((n, r) => n + r.total, 0)) : null;
  return {
    reqPerSec: runs.reduce((n, r) => n + r.reqPerSec, 0) / runs.length,
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    total: runs.reduce((n, r) => n + r.total, 0),
    cpuUsPerReq: cpu,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const databaseUrl = join(dir, 'vigil.db');
  const children: Child[] = [];
  let stopWriter: (() => Promise<{ posted: number; failed: number; versions: number }>) | null = null;
  try {
    // Migrate, create the first admin key and seed, in this process; then serve from a child of its own.
    let banner = '';
    const setup = await startVigil(loadConfig({ VIGIL_DATABASE_URL: databaseUrl, VIGIL_ROLES: 'worker' }), {
      clock: systemClock,
      logger: createLogger('warn'),
      stdout: { write: (chunk: string) => (banner += chunk) },
    });
    const key = /^\s+(vgl_\S+)$/m.exec(banner)?.[1];
    if (!key) throw new Error(`no admin key in the first-start banner:\n${banner}`);
    const seedStarted = performance.now();
    const seeded = await seedRealisticPage(setup.database.db, systemClock.now());
    await setup.close();
    console.log(`seeded 30 components in 5 groups, 3 active incidents × 10 updates, 200 past incidents in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const port = await freePort();
    const nodeArgs = process.env.BENCH_VIGIL_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const vigil = spawnNode([...nodeArgs, '--import', 'tsx', 'src/cli/run.ts', 'serve'], {
      VIGIL_DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      VIGIL_LOG_LEVEL: 'warn',
    });
    children.push(vigil);
    await vigil.waitFor(/ready at /);
    const vigilBase = `http://127.0.0.1:${port}`;

    // The bare server returns exactly the bytes Vigil returned for each path.
    const documents: Record<string, { contentType: string; contentEncoding: string | null; body: string }> = {};
    for (const path of ENDPOINTS) {
      const doc = await fetchDocument(vigilBase + path, ENCODING);
      if (doc.status !== 200) throw new Error(`${path} answered ${doc.status}`);
      documents[path] = { contentType: doc.contentType, contentEncoding: doc.contentEncoding, body: doc.body.toString('base64') };
      console.log(`${path}: ${doc.body.length} bytes${doc.contentEncoding ? ` (${doc.contentEncoding})` : ''}, ${doc.contentType}`);
    }
    writeFileSync(join(dir, 'documents.json'), JSON.stringify(documents));
    const bare = spawnNode(['--import', 'tsx', 'bench/bare-server.ts', join(dir, 'documents.json')], {});
    children.push(bare);
    const barePort = Number((await bare.waitFor(/listening (\d+)/))[1]);
    const bareBase = `http://127.0.0.1:${barePort}`;

    const writing = process.env.BENCH_WRITER !== 'off';
    stopWriter = writing ? startWriter(vigilBase, key, seeded.activeIncidentIds) : async () => ({ posted: 0, failed: 0, versions: 0 });
    console.log(`load: autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per server and endpoint after ${WARMUP_SECONDS} s warm-up, alternating Vigil/bare; ${writing ? 'a writer posts an incident update every second' : 'no writer (BENCH_WRITER=off)'}`);

    const loadBefore = loadavg()[0]!;
    const vigilTarget: Target = { base: vigilBase, pid: vigil.process.pid };
    const bareTarget: Target = { base: bareBase, pid: bare.process.pid };
    const results: { path: string; vigil: Run; bare: Run }[] = [];
    /** Gives the bare server the bytes Vigil answers with now. */
    const copyToBare = async (path: string) => {
      const doc = await fetchDocument(vigilBase + path, ENCODING);
      const res = await fetch(bareBase + path, { method: 'PUT', headers: { 'content-type': doc.contentType }, body: doc.body });
      if (res.status !== 204) throw new Error(`the bare server refused ${path}: ${res.status}`);
      return doc.body.length;
    };
    const finalSizes: string[] = [];
    for (const path of ENDPOINTS) {
      await copyToBare(path);
      await load(vigilTarget, path, WARMUP_SECONDS);
      await load(bareTarget, path, WARMUP_SECONDS);
      const vigilRuns: Run[] = [];
      const bareRuns: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        vigilRuns.push(await load(vigilTarget, path, SECONDS, () => copyToBare(path)));
        bareRuns.push(await load(bareTarget, path, SECONDS));
      }
      finalSizes.push(`${path} ${await copyToBare(path)} bytes`);
      const result = { path, vigil: combine(vigilRuns), bare: combine(bareRuns) };
      results.push(result);
      console.log(row(path, 'vigil', result.vigil, result.vigil.reqPerSec / result.bare.reqPerSec));
      console.log(row(path, 'bare', result.bare, null));
    }
    const loadAfter = loadavg()[0]!;
    const writer = await stopWriter();
    stopWriter = null;

    const errors = results.reduce((n, r) => n + r.vigil.errors + r.bare.errors, 0);
    const non2xx = results.reduce((n, r) => n + r.vigil.non2xx + r.bare.non2xx, 0);
    const met =
      results.every((r) => r.vigil.reqPerSec / r.bare.reqPerSec >= TARGET.ratio && r.vigil.p99 < TARGET.p99Ms) && errors === 0 && non2xx === 0 && writer.failed === 0;
    console.log(`writer: ${writer.posted} updates posted, ${writer.failed} failed; summary.json changed ${writer.versions} times during the run`);
    console.log(`documents after their rounds: ${finalSizes.join(', ')}`);
    // The machine is shared: a load average well above the core count means the figures are noisy.
    console.log(`machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after`);
    console.log(`targets (ratio ≥ ${TARGET.ratio}, p99 < ${TARGET.p99Ms} ms, no errors): ${met ? 'met' : 'NOT met'}`);
    const figures = results
      .map((r) => `${r.path} ${(r.vigil.reqPerSec / r.bare.reqPerSec).toFixed(2)}x vigil ${Math.round(r.vigil.reqPerSec)} req/s p99 ${r.vigil.p99} ms, bare ${Math.round(r.bare.reqPerSec)} req/s p99 ${r.bare.p99} ms`)
      .join('; ');
    console.log(`bench:page ${figures}; errors ${errors}; non-2xx ${non2xx}; writer ${writer.posted} ok ${writer.failed} failed; targets ${met ? 'met' : 'NOT met'}`);
  } finally {
    await stopWriter?.();
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(path: string, server: string, run: Run, ratio: number | null): string {
  const cells = [
    path.padEnd(22),
    server.padEnd(6),
    `${Math.round(run.reqPerSec)} req/s`.padStart(12),
    `p99 ${run.p99} ms`.padStart(12),
    `errors ${run.errors}`.padStart(10),
    `non-2xx ${run.non2xx}`.padStart(12),
    `requests ${run.total}`.padStart(18),
    `cpu ${run.cpuUsPerReq === null ? '?' : run.cpuUsPerReq.toFixed(0)} µs/req`.padStart(16),
  ];
  if (ratio !== null) cells.push(`ratio ${ratio.toFixed(2)}`);
  return cells.join(' ');
}

main().catch((err: unknown) => {
  console.error(`bench:page failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
