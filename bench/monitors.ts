// npm run bench:monitors — the monitoring engine at scale.
//
// For each database (SQLite in a temp dir; PostgreSQL in a fresh database on
// BENCH_PG_URL's server) and each N, creates N HTTP monitors at a 30 s interval
// against a target process on loopback (90% fast, 4% slow 2 s, 4% failing, 2%
// hanging until their 10 s timeout), starts `vigil serve` as a child process
// and measures, after one interval of warm-up, for BENCH_SECONDS (default 180):
// checks completed vs expected, scheduler lag p50/p99 over the window (from /metrics: the upper
// bound of the histogram bucket holding the quantile), CPU %
// and peak RSS of the Vigil process (from /proc), and database growth per
// million results. The reference is the expected check count: N × window / 30 s.
// Target (ISSUE 4): N = 10,000 with ratio ≥ 0.99, p99 lag < 1 s, RSS < 400 MB.
//
// BENCH_N (default 1000,5000,10000,20000), BENCH_DATABASES (default sqlite,postgres),
// BENCH_SECONDS, BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemClock } from '../src/lib/clock.js';
import { defaultMonitorGuard } from '../src/outbound/guards.js';
import { createMonitor } from '../src/services/monitors/createMonitor.js';
import type { ServiceContext } from '../src/services/context.js';
import { openDatabase } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { cpuTimeMs, freePort, spawnNode, type Child } from './processes.js';

const INTERVAL_S = 30;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const NS = (process.env.BENCH_N ?? '1000,5000,10000,20000').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = { ratio: 0.99, p99LagS: 1, rssMb: 400, n: 10_000 };

interface Row {
  database: string;
  n: number;
  completed: number;
  expected: number;
  lagP50: number;
  lagP99: number;
  cpuPct: number;
  peakRssMb: number;
  bytesPerMillion: number;
  dropped: number;
  /** Event-loop delay p99 (s) and heap in use (MB) at the end, from Node's default metrics. */
  loopP99: number;
  heapMb: number;
}

function pathFor(i: number): string {
  const r = i % 50;
  if (r === 0) return `/hang/${i}`;
  if (r <= 2) return `/fail/${i}`;
  if (r <= 4) return `/slow/${i}`;
  return `/ok/${i}`;
}

async function seed(url: string, n: number, targetBase: string): Promise<void> {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database);
    const ctx: ServiceContext = { db: database.db, clock: systemClock, actor: { type: 'cli', id: null, name: 'bench' } };
    for (let i = 0; i < n; i++) {
      await createMonitor(ctx, { type: 'http', name: `monitor ${i}`, url: `${targetBase}${pathFor(i)}`, interval_seconds: INTERVAL_S, timeout_seconds: 10 }, { publicUrl: 'http://localhost', outbound: defaultMonitorGuard() });
    }
  } finally {
    await database.close();
  }
}

async function scrape(base: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

function checksTotal(m: Map<string, number>): number {
  let total = 0;
  for (const [k, v] of m) if (k.startsWith('vigil_monitor_checks_total')) total += v;
  return total;
}

/**
 * A quantile of scheduler lag over the measured window only (warm-up excluded): the difference of
 * the lag histogram's cumulative buckets between two scrapes, reported as the upper bound of the
 * bucket the quantile falls in (so it never flatters).
 */
function windowQuantile(before: Map<string, number>, after: Map<string, number>, q: number): number {
  const buckets = [...after.keys()]
    .filter((k) => k.startsWith('vigil_scheduler_lag_histogram_seconds_bucket'))
    .map((k) => ({ le: Number(/le="([^"]+)"/.exec(k)![1]), count: after.get(k)! - (before.get(k) ?? 0) }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  const hit = buckets.find((b) => b.count >= q * total);
  return total === 0 || !hit ? Number.NaN : hit.le;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function resultCount(url: string): Promise<number> {
  const database = openDatabase(url);
  try {
    const row = await database.db.selectFrom('monitor_results').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

async function runOne(kind: string, n: number, targetBase: string): Promise<Row> {
  let url: string;
  let sizeOf: () => Promise<number>;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-monitors-'));
    const file = join(dir, 'vigil.db');
    url = file;
    // Pages in use, read through the WAL: file sizes would swing with checkpoints.
    sizeOf = async () => {
      const database = openDatabase(file);
      try {
        const r = await sql<{ bytes: number }>`select (page_count - freelist_count) * page_size as bytes from pragma_page_count(), pragma_freelist_count(), pragma_page_size()`.execute(database.db);
        return Number(r.rows[0]!.bytes);
      } finally {
        await database.close();
      }
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `vigil_bench_${process.pid}_${n}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = PG_URL.replace(/\/[^/]*$/, `/${name}`);
    sizeOf = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return Number((await c.query('SELECT pg_database_size(current_database()) AS s')).rows[0].s);
      } finally {
        await c.end();
      }
    };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }

  let vigil: Child | null = null;
  try {
    process.stderr.write(`[${kind} N=${n}] creating monitors…\n`);
    await seed(url, n, targetBase);
    const port = await freePort();
    vigil = spawnNode(['bin/vigil.js', 'serve'], { VIGIL_DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', VIGIL_LOG_LEVEL: 'warn' });
    await vigil.waitFor(/ready at/);
    const base = `http://127.0.0.1:${port}`;
    const pid = vigil.process.pid!;
    process.stderr.write(`[${kind} N=${n}] warming up for one interval…\n`);
    await new Promise((r) => setTimeout(r, INTERVAL_S * 1000));

    const m0 = await scrape(base);
    const cpu0 = cpuTimeMs(pid)!;
    const size0 = await sizeOf();
    const results0 = await resultCount(url);
    const t0 = performance.now();
    process.stderr.write(`[${kind} N=${n}] measuring for ${SECONDS}s…\n`);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const m1 = await scrape(base);
    const cpu1 = cpuTimeMs(pid)!;
    const elapsedS = (performance.now() - t0) / 1000;
    const rss = peakRssMb(pid);
    await vigil.stop();
    vigil = null;
    const size1 = await sizeOf();
    const results1 = await resultCount(url);

    const written = results1 - results0;
    return {
      database: kind,
      n,
      completed: checksTotal(m1) - checksTotal(m0),
      expected: (n * elapsedS) / INTERVAL_S,
      lagP50: windowQuantile(m0, m1, 0.5),
      lagP99: windowQuantile(m0, m1, 0.99),
      cpuPct: ((cpu1 - cpu0) / 1000 / elapsedS) * 100,
      peakRssMb: rss,
      bytesPerMillion: written > 0 ? ((size1 - size0) / written) * 1e6 : Number.NaN,
      dropped: m1.get('vigil_monitor_results_dropped_total') ?? 0,
      loopP99: m1.get('nodejs_eventloop_lag_p99_seconds') ?? Number.NaN,
      heapMb: (m1.get('nodejs_heap_size_used_bytes') ?? Number.NaN) / 1024 / 1024,
    };
  } finally {
    await vigil?.stop();
    await cleanup();
  }
}

function fmt(row: Row): string {
  const ratio = row.completed / row.expected;
  return [
    row.database.padEnd(9),
    String(row.n).padStart(6),
    `${Math.round(row.completed)}/${Math.round(row.expected)}`.padStart(16),
    ratio.toFixed(3).padStart(6),
    `${(row.lagP50 * 1000).toFixed(0)} ms`.padStart(8),
    `${(row.lagP99 * 1000).toFixed(0)} ms`.padStart(8),
    `${row.cpuPct.toFixed(0)}%`.padStart(5),
    `${row.peakRssMb.toFixed(0)} MB`.padStart(8),
    `${(row.bytesPerMillion / 1e6).toFixed(0)} MB`.padStart(8),
    `${(row.loopP99 * 1000).toFixed(0)} ms`.padStart(8),
    `${row.heapMb.toFixed(0)} MB`.padStart(7),
  ].join('  ');
}

async function main() {
  const targetPort = await freePort();
  const target = spawnNode(['--import', 'tsx', 'bench/monitor-target.ts'], { TARGET_PORT: String(targetPort) });
  await target.waitFor(/target listening/);
  const targetBase = `http://127.0.0.1:${targetPort}`;
  const rows: Row[] = [];
  try {
    for (const kind of DATABASES) {
      for (const n of NS) {
        const row = await runOne(kind, n, targetBase);
        rows.push(row);
        process.stdout.write(`${fmt(row)}\n`);
      }
    }
  } finally {
    await target.stop();
  }
  process.stdout.write(`\n${'database'.padEnd(9)}  ${'N'.padStart(6)}  ${'completed/expect'.padStart(16)}  ${'ratio'.padStart(6)}  ${'lag p50'.padStart(8)}  ${'lag p99'.padStart(8)}  ${'CPU'.padStart(5)}  ${'peak RSS'.padStart(8)}  ${'DB/1M'.padStart(8)}  ${'loop p99'.padStart(8)}  ${'heap'.padStart(7)}\n`);
  for (const row of rows) process.stdout.write(`${fmt(row)}\n`);
  const atTarget = rows.filter((r) => r.n === TARGET.n);
  const pass = atTarget.length > 0 && atTarget.every((r) => r.completed / r.expected >= TARGET.ratio && r.lagP99 < TARGET.p99LagS && r.peakRssMb < TARGET.rssMb);
  process.stdout.write(
    `\nbench:monitors ${rows.map((r) => `${r.database}/${r.n}: ratio ${(r.completed / r.expected).toFixed(3)} p99 ${(r.lagP99 * 1000).toFixed(0)}ms cpu ${r.cpuPct.toFixed(0)}% rss ${r.peakRssMb.toFixed(0)}MB`).join('; ')} — target at N=${TARGET.n}: ${pass ? 'met' : 'not met'}\n`,
  );
}

await main();
