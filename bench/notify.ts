// npm run bench:notify — one incident update fanned out to 11,000 subscribers.
//
// Starts two sinks, each in a process of its own on loopback: an SMTP server
// (smtp-server, bench/notify/smtp-sink.ts) and a webhook receiver (node:http,
// bench/notify/http-sink.ts), both counting what they accept by recipient and by
// idempotency key. Then, per database (SQLite in a temp dir; PostgreSQL in a
// fresh database on BENCH_DATABASE_URL's or VIGIL_TEST_DATABASE_URL's server,
// when one is set), starts `vigil serve` (the built bin) pointed at the sinks,
// with 10,000 confirmed email subscribers and 1,000 confirmed webhook
// subscribers, and posts ONE incident update through the API:
//   1. the time from the API's 2xx until every recipient has its message, deliveries/s, delivered vs
//      expected, lost, duplicates (the same idempotency key accepted twice);
//   2. the reference in the same run: bench/notify/bare-sender.ts sends the same 11,000 messages
//      (Vigil's own email and webhook bodies) straight to the same sinks with the same concurrency;
//      ratio = bare time / Vigil time (1.0: Vigil as fast as bare sending; target ≥ 0.5);
//   3. another update while the SMTP sink answers 421 to every message for its first 10 s: all must
//      arrive after retries, none twice.
// Targets (ISSUE 9): all 11,000 in under 15 s, ratio ≥ 0.5, zero lost; 421 phase all delivered, no duplicates.
//
// BENCH_EMAILS (10000), BENCH_WEBHOOKS (1000), BENCH_SMTP_POOL (VIGIL_SMTP_POOL and the bare pool, 5),
// BENCH_WEBHOOK_CONCURRENCY (VIGIL_WEBHOOK_CONCURRENCY and the bare width, 50), BENCH_REFUSE_SECONDS (10),
// BENCH_TIMEOUT_SECONDS (per phase, 120), BENCH_DATABASES (default sqlite, plus postgres when a URL is set),
// BENCH_REFERENCE_ONLY=1 (only the bare sender against the sinks: checks the sinks and the reference),
// BENCH_FROM_SOURCE=1 (runs `src/cli/run.ts serve` through tsx instead of the built bin; no build needed),
// BENCH_VIGIL_NODE_ARGS (extra node flags for the Vigil process, e.g. `--cpu-prof` to see where its time goes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SinkClient } from './notify/control.js';
import { Outbox, type DeliveryStates } from './notify/outbox.js';
import { buildPlan } from './notify/plan.js';
import { seedSubscribers } from './notify/subscribers.js';
import { preciseNow, type SinkStatus } from './notify/tally.js';
import { cpuTimeMs, freePort, spawnNode, type Child } from './processes.js';

const EMAILS = positive('BENCH_EMAILS', 10_000);
const WEBHOOKS = positive('BENCH_WEBHOOKS', 1_000);
const POOL = positive('BENCH_SMTP_POOL', 5);
const CONCURRENCY = positive('BENCH_WEBHOOK_CONCURRENCY', 50);
const REFUSE_MS = positive('BENCH_REFUSE_SECONDS', 10) * 1000;
const TIMEOUT_MS = positive('BENCH_TIMEOUT_SECONDS', 120) * 1000;
const PG_URL = process.env.BENCH_DATABASE_URL?.trim() || process.env.VIGIL_TEST_DATABASE_URL?.trim() || null;
const DATABASES = process.env.BENCH_DATABASES?.trim() ? process.env.BENCH_DATABASES.split(',').map((d) => d.trim()) : PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const REFERENCE_ONLY = process.env.BENCH_REFERENCE_ONLY === '1';
const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';
const NODE_ARGS = process.env.BENCH_VIGIL_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const TARGET = { seconds: 15, ratio: 0.5 };
const FULL_SIZE = EMAILS === 10_000 && WEBHOOKS === 1_000;
const EMAIL_KEY_HEADER = 'X-Vigil-Delivery';
const WEBHOOK_KEY_HEADER = 'Idempotency-Key';
const MAIL_FROM = 'Bench Status <status@example.com>';

const ADDRESSES = Array.from({ length: EMAILS }, (_, i) => `sub-${String(i).padStart(5, '0')}@example.com`);
const hookPath = (i: number) => `/hook/${String(i).padStart(5, '0')}`;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

interface Sinks {
  smtp: SinkClient;
  http: SinkClient;
  smtpPort: number;
  httpBase: string;
  pids: number[];
}

interface Phase {
  expected: number;
  /** Distinct expected recipients that got their message. */
  delivered: number;
  lost: number;
  /** From the start (the 2xx, or the bare sender's first message) until the last recipient had its message; null if some never did. */
  seconds: number | null;
  /** From the start until the first message reached a sink. */
  firstSeconds: number | null;
  duplicates: number;
  repeatedRecipients: number;
  withoutKey: number;
  refused: number;
  accepted: number;
  /** CPU seconds of the sender (Vigil or bare) and of both sinks during the phase. */
  senderCpuS: number | null;
  sinksCpuS: number | null;
}

function sinksCpuMs(sinks: Sinks): number | null {
  let total = 0;
  for (const pid of sinks.pids) {
    const ms = cpuTimeMs(pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}

async function resetSinks(sinks: Sinks, refuseFirstMs = 0): Promise<void> {
  await sinks.smtp.reset({ expect: EMAILS, refuseFirstMs });
  await sinks.http.reset({ expect: WEBHOOKS });
}

/** Polls both sinks until every recipient has a message or the deadline passes. */
async function waitForRecipients(sinks: Sinks, timeoutMs: number): Promise<{ smtp: SinkStatus; http: SinkStatus }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const [smtp, http] = await Promise.all([sinks.smtp.status(), sinks.http.status()]);
    if ((smtp.completeAt !== null && http.completeAt !== null) || performance.now() > deadline) return { smtp, http };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function settle(sinks: Sinks, startedAt: number, cpu: { sender: () => number | null; senderBefore: number | null; sinksBefore: number | null }): Promise<Phase> {
  const [smtp, http] = await Promise.all([sinks.smtp.status(), sinks.http.status()]);
  const [mailed, hooked] = await Promise.all([sinks.smtp.recipients(), sinks.http.recipients()]);
  const wantedMail = new Set(ADDRESSES);
  const wantedHooks = new Set(Array.from({ length: WEBHOOKS }, (_, i) => hookPath(i)));
  const delivered = mailed.filter((a) => wantedMail.has(a)).length + hooked.filter((p) => wantedHooks.has(p)).length;
  const expected = EMAILS + WEBHOOKS;
  const complete = smtp.completeAt !== null && http.completeAt !== null && delivered === expected;
  const senderNow = cpu.sender();
  const sinksNow = sinksCpuMs(sinks);
  return {
    expected,
    delivered,
    lost: expected - delivered,
    seconds: complete ? (Math.max(smtp.completeAt!, http.completeAt!) - startedAt) / 1000 : null,
    firstSeconds: smtp.firstAt === null && http.firstAt === null ? null : (Math.min(smtp.firstAt ?? Infinity, http.firstAt ?? Infinity) - startedAt) / 1000,
    duplicates: smtp.duplicateKeys + http.duplicateKeys,
    repeatedRecipients: smtp.repeatedRecipients + http.repeatedRecipients,
    withoutKey: smtp.withoutKey + http.withoutKey,
    refused: smtp.refused,
    accepted: smtp.accepted + http.accepted,
    senderCpuS: senderNow === null || cpu.senderBefore === null ? null : (senderNow - cpu.senderBefore) / 1000,
    sinksCpuS: sinksNow === null || cpu.sinksBefore === null ? null : (sinksNow - cpu.sinksBefore) / 1000,
  };
}

async function startSinks(children: Child[]): Promise<Sinks> {
  const smtp = spawnNode(['--import', 'tsx', 'bench/notify/smtp-sink.ts'], {});
  children.push(smtp);
  const http = spawnNode(['--import', 'tsx', 'bench/notify/http-sink.ts'], {});
  children.push(http);
  const [, smtpPort, controlPort] = await smtp.waitFor(/smtp-sink listening smtp=(\d+) control=(\d+)/);
  const [, httpPort] = await http.waitFor(/http-sink listening (\d+)/);
  const httpBase = `http://127.0.0.1:${httpPort}`;
  return {
    smtp: new SinkClient(`http://127.0.0.1:${controlPort}`),
    http: new SinkClient(`${httpBase}/_sink`),
    smtpPort: Number(smtpPort),
    httpBase,
    pids: [smtp.process.pid!, http.process.pid!],
  };
}

/** The reference: the bare sender with Vigil's bodies (or similar ones), timed from its first message. */
async function runBare(sinks: Sinks, dir: string): Promise<{ phase: Phase; source: string }> {
  const [emailSample, webhookSample] = await Promise.all([sinks.smtp.sample(), sinks.http.sample()]);
  const { plan, source, emailBytes, webhookBytes } = await buildPlan({
    smtp: { host: '127.0.0.1', port: sinks.smtpPort, pool: POOL },
    concurrency: CONCURRENCY,
    addresses: ADDRESSES,
    urls: Array.from({ length: WEBHOOKS }, (_, i) => sinks.httpBase + hookPath(i)),
    emailSample,
    webhookSample,
    emailKeyHeader: EMAIL_KEY_HEADER,
    webhookKeyHeader: WEBHOOK_KEY_HEADER,
  });
  const planFile = join(dir, 'bare-plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  await resetSinks(sinks);
  const sinksBefore = sinksCpuMs(sinks);
  const bare = spawnNode(['--import', 'tsx', 'bench/notify/bare-sender.ts', planFile], {});
  try {
    const startedAt = Number((await bare.waitFor(/bare started at ([\d.]+)/))[1]);
    await waitForRecipients(sinks, TIMEOUT_MS);
    const done = await bare.waitFor(/bare done at [\d.]+ emails=(\d+)\/\d+ webhooks=(\d+)\/\d+ failed=(\d+) cpu=(\d+)/);
    const phase = await settle(sinks, startedAt, { sender: () => null, senderBefore: null, sinksBefore });
    phase.senderCpuS = Number(done[4]) / 1000;
    return { phase, source: `${source} (${emailBytes} bytes per email, ${webhookBytes} per webhook body)` };
  } finally {
    await stopWithin(bare, 10_000, 'the bare sender');
  }
}

/** SIGTERM, then SIGKILL if the process is still there after `ms` (said on stderr: a process should stop on SIGTERM). */
async function stopWithin(child: Child, ms: number, what: string): Promise<void> {
  const timer = setTimeout(() => {
    process.stderr.write(`${what} did not exit ${ms / 1000} s after SIGTERM; killing it\n`);
    child.process.kill('SIGKILL');
  }, ms);
  await child.stop();
  clearTimeout(timer);
}

interface Database {
  url: string;
  cleanup(): Promise<void>;
}

async function prepareDatabase(kind: string, dir: string): Promise<Database> {
  if (kind === 'sqlite') return { url: join(dir, 'vigil.db'), cleanup: async () => {} };
  if (kind !== 'postgres') throw new Error(`unknown database ${kind} in BENCH_DATABASES`);
  if (!PG_URL) throw new Error('postgres needs BENCH_DATABASE_URL or VIGIL_TEST_DATABASE_URL');
  const name = `vigil_bench_notify_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function api(base: string, key: string, method: string, path: string, body: unknown): Promise<{ status: number; at: number; json: any }> {
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const at = preciseNow();
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { text };
  }
  return { status: res.status, at, json };
}

async function waitForQuietOutbox(outbox: Outbox, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await outbox.unfinished()) > 0) {
    if (performance.now() > deadline) throw new Error('the outbox did not drain (is the worker running?)');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface DatabaseResult {
  kind: string;
  vigil: Phase;
  vigilStates: DeliveryStates;
  bare: Phase;
  bareSource: string;
  refused: Phase;
  refusedStates: DeliveryStates;
}

async function runDatabase(kind: string, sinks: Sinks, dir: string): Promise<DatabaseResult> {
  const database = await prepareDatabase(kind, dir);
  let vigil: Child | null = null;
  let outbox: Outbox | null = null;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    vigil = spawnNode([...NODE_ARGS, ...(FROM_SOURCE ? ['--import', 'tsx', 'src/cli/run.ts', 'serve'] : ['bin/vigil.js', 'serve'])], {
      VIGIL_DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      VIGIL_PUBLIC_URL: base,
      VIGIL_LOG_LEVEL: 'warn',
      VIGIL_SMTP_URL: `smtp://127.0.0.1:${sinks.smtpPort}`,
      VIGIL_MAIL_FROM: MAIL_FROM,
      VIGIL_SMTP_POOL: String(POOL),
      VIGIL_WEBHOOK_CONCURRENCY: String(CONCURRENCY),
      // Webhooks to loopback are refused by the strict outbound policy unless allowed.
      VIGIL_OUTBOUND_ALLOW: '127.0.0.1/32',
    });
    const key = (await vigil.waitFor(/^\s+(vgl_\S+)$/m))[1]!;
    await vigil.waitFor(/ready at /);
    outbox = new Outbox(database.url);

    // The incident exists before anyone subscribes: what is measured is the update alone.
    const component = await api(base, key, 'POST', '/components', { name: 'API' });
    if (component.status !== 201) throw new Error(`creating the component answered ${component.status}: ${JSON.stringify(component.json)}`);
    const incident = await api(base, key, 'POST', '/incidents', { name: 'Elevated API errors', status: 'investigating', impact: 'major', body: 'We are investigating elevated error rates on the API.', component_ids: [component.json.id], deliver_notifications: false });
    if (incident.status !== 201) throw new Error(`creating the incident answered ${incident.status}: ${JSON.stringify(incident.json)}`);
    await waitForQuietOutbox(outbox, 30_000);
    const seeding = performance.now();
    const how = await seedSubscribers(database.url, ADDRESSES, Array.from({ length: WEBHOOKS }, (_, i) => sinks.httpBase + hookPath(i)), (csv) =>
      api(base, key, 'POST', '/subscribers/import', { csv }),
    );
    console.log(`${kind}: ${EMAILS} email and ${WEBHOOKS} webhook subscribers ${how} in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    await waitForQuietOutbox(outbox, 30_000);

    const phase = async (label: string, refuseFirstMs: number, body: string): Promise<{ phase: Phase; states: DeliveryStates }> => {
      await resetSinks(sinks, refuseFirstMs);
      const afterEvent = await outbox!.lastEventId();
      const pid = vigil!.process.pid;
      const cpu = { sender: () => cpuTimeMs(pid), senderBefore: cpuTimeMs(pid), sinksBefore: sinksCpuMs(sinks) };
      process.stderr.write(`[${kind}] ${label}: posting one incident update…\n`);
      const posted = await api(base, key, 'POST', `/incidents/${incident.json.id}/updates`, { status: 'identified', body });
      if (posted.status !== 201) throw new Error(`posting the update answered ${posted.status}: ${JSON.stringify(posted.json)}`);
      await waitForRecipients(sinks, TIMEOUT_MS + refuseFirstMs);
      // Late retries would show up as duplicates: measure once the outbox has nothing left to send.
      await waitForQuietOutbox(outbox!, 30_000).catch((err: Error) => process.stderr.write(`[${kind}] ${label}: ${err.message}\n`));
      return { phase: await settle(sinks, posted.at, cpu), states: await outbox!.statesAfter(afterEvent) };
    };

    const body =
      'We have identified the cause of the elevated error rates on the API: a configuration change to the load balancers rolled out at 14:02 UTC. ' +
      'We are rolling it back region by region; requests in the affected regions may still fail or time out for the next few minutes. Next update within 30 minutes.';
    const normal = await phase('normal', 0, body);
    console.log(phaseLine(`${kind} vigil`, normal.phase, normal.states));
    const bare = await runBare(sinks, dir);
    console.log(phaseLine(`${kind} bare `, bare.phase, null));
    const refused = await phase(`SMTP 421 for the first ${REFUSE_MS / 1000} s`, REFUSE_MS, `${body} (Rollback in progress.)`);
    console.log(phaseLine(`${kind} 421  `, refused.phase, refused.states));
    return { kind, vigil: normal.phase, vigilStates: normal.states, bare: bare.phase, bareSource: bare.source, refused: refused.phase, refusedStates: refused.states };
  } finally {
    await outbox?.close();
    if (vigil) await stopWithin(vigil, 20_000, 'vigil serve');
    await database.cleanup();
  }
}

const s = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

function phaseLine(label: string, p: Phase, states: DeliveryStates | null): string {
  const rate = p.seconds === null ? '—' : Math.round(p.delivered / p.seconds);
  const outbox = states ? ` outbox ${Object.entries(states.byState).map(([k, v]) => `${k} ${v}`).join(', ') || 'empty'}, ${states.attempts} attempts` : '';
  return (
    `${label}  ${p.delivered}/${p.expected} delivered in ${s(p.seconds)} s (${rate}/s, first after ${s(p.firstSeconds, 2)} s), lost ${p.lost}, duplicate keys ${p.duplicates}, ` +
    `repeated recipients ${p.repeatedRecipients}, without key ${p.withoutKey}, 421s ${p.refused}; cpu sender ${s(p.senderCpuS)} s, sinks ${s(p.sinksCpuS)} s;${outbox}`
  );
}

function finalLine(r: DatabaseResult): string {
  const v = r.vigil;
  const ratio = v.seconds !== null && r.bare.seconds !== null ? r.bare.seconds / v.seconds : null;
  const met =
    v.seconds !== null && v.seconds < TARGET.seconds && ratio !== null && ratio >= TARGET.ratio && v.lost === 0 && v.duplicates === 0 && r.refused.lost === 0 && r.refused.duplicates === 0;
  return (
    `bench:notify ${r.kind}: ${v.delivered}/${v.expected} delivered in ${s(v.seconds)} s (${v.seconds === null ? '—' : Math.round(v.delivered / v.seconds)}/s), ` +
    `${v.lost} lost, ${v.duplicates} duplicates; bare ${s(r.bare.seconds)} s, ratio ${s(ratio, 2)} (bare time / Vigil time); ` +
    `421-phase: ${r.refused.delivered}/${r.refused.expected} in ${s(r.refused.seconds)} s, ${r.refused.lost} lost, ${r.refused.duplicates} duplicates — ` +
    (FULL_SIZE ? `targets ${met ? 'met' : 'NOT met'}` : 'targets apply to 10,000 + 1,000 recipients')
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-notify-'));
  const children: Child[] = [];
  const finals: string[] = [];
  try {
    const sinks = await startSinks(children);
    console.log(
      `bench:notify: ${EMAILS} email + ${WEBHOOKS} webhook recipients; SMTP pool ${POOL}, ${CONCURRENCY} webhook POSTs in flight; ` +
        `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`,
    );
    if (REFERENCE_ONLY) {
      const bare = await runBare(sinks, dir);
      console.log(phaseLine('bare', bare.phase, null));
      console.log(`bench:notify reference only: ${bare.phase.delivered}/${bare.phase.expected} in ${s(bare.phase.seconds)} s with ${bare.source}`);
      return;
    }
    for (const kind of DATABASES) {
      const result = await runDatabase(kind, sinks, dir);
      console.log(`${kind}: the reference sent ${result.bareSource}`);
      finals.push(finalLine(result));
    }
    console.log(`machine load average after the runs: ${loadavg()[0]!.toFixed(1)}`);
    for (const line of finals) console.log(line);
  } finally {
    for (const child of children.reverse()) await stopWithin(child, 5_000, 'a sink');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:notify failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
