// The monitoring engine: keeps every monitor on an absolute schedule, runs
// due checks with bounded concurrency, feeds results through confirmation,
// writes them in batches and hands state changes to the incident linker.
// One engine per database holds the lease; other instances stand by.
import { setMaxListeners } from 'node:events';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { applyResult, isRetrying } from '../domain/monitor-confirmation.js';
import { nextDueAt, retryDueAt } from '../domain/monitor-schedule.js';
import type { MonitorState, MonitorType } from '../domain/monitor-types.js';
import { notFound } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { ServiceContext } from '../services/context.js';
import type { RunNowResult } from '../services/monitors/schemas.js';
import { acquireLease, releaseLease } from '../store/leases.js';
import { getEngineMonitor, heartbeatState, listEngineMonitors, monitorsVersion } from '../store/monitor-engine.js';
import type { DB, MonitorRow } from '../store/schema.js';
import { checks as defaultChecks, runCheck, type CheckRegistry } from './checks/registry.js';
import type { CheckResult, CheckTarget } from './checks/types.js';
import type { RegexMatcher } from './checks/safe-regex.js';
import { RegexPool } from './regex/pool.js';
import type { OutboundGuard } from '../outbound/guard.js';
import { defaultMonitorGuard } from '../outbound/guards.js';
import { DueQueue } from './due-queue.js';
import { newEntry, policyOf, stateValue, storedDetail, type Entry } from './entry.js';
import { FirstPings, isConclusive } from './first-ping.js';
import { IncidentLinker } from './incident-linker.js';
import { createEngineMetrics, type EngineMetrics } from './metrics.js';
import { ResultBuffer } from './result-buffer.js';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from './config.js';
import { certificateThreshold, recordCertificateExpiry } from '../services/engine/recordCertificateExpiry.js';

export interface EngineOptions {
  db: Kysely<DB>;
  clock: Clock;
  logger?: Logger | null;
  config?: Partial<EngineConfig>;
  metrics?: EngineMetrics;
  checks?: CheckRegistry;
  /** Runs user regexes off the event loop; by default the engine starts its own pool and closes it on stop. */
  regex?: RegexMatcher;
  /** The monitor outbound policy every check connects through; the built-in monitor policy by default. */
  outbound?: OutboundGuard;
}

export type CheckOutcome = RunNowResult;


const LEASE = 'monitor-engine';

export class MonitorEngine {
  readonly config: EngineConfig;
  readonly metrics: EngineMetrics;
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new DueQueue();
  /** Due runs waiting for a free slot, oldest first (a FIFO with a moving head: shift() would be O(n)). */
  private ready: { id: string; generation: number; dueAt: number }[] = [];
  private readyHead = 0;
  private readonly buffer: ResultBuffer;
  private readonly linker: IncidentLinker;
  private readonly firstPings = new FirstPings();
  private readonly holder = `engine-${newId()}`;
  private readonly stopController = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private housekeeping: NodeJS.Timeout | null = null;
  private version: string | null = null;
  private active = false;
  /** Set until the first reload after (re)gaining the lease queues every monitor. */
  private needsFullSchedule = true;
  private stopped = false;
  private inFlight = 0;
  private readonly running = new Set<Promise<unknown>>();
  private readonly regex: RegexMatcher;
  private readonly outbound: OutboundGuard;
  /** Set when the engine created the pool, so it is the one that closes it. */
  private readonly ownRegexPool: RegexPool | null;
  /** Per monitor, the certificate expiry and threshold responders were last told of (saves a write per check). */
  private readonly certificateTold = new Map<string, string>();

  constructor(private readonly options: EngineOptions) {
    this.config = { ...DEFAULT_ENGINE_CONFIG, ...options.config };
    this.metrics = options.metrics ?? createEngineMetrics(undefined, { db: options.db });
    this.ownRegexPool = options.regex ? null : new RegexPool();
    this.regex = options.regex ?? this.ownRegexPool!;
    this.outbound = options.outbound ?? defaultMonitorGuard();
    const logger = options.logger ?? null;
    this.buffer = new ResultBuffer(options.db, { flushIntervalMs: this.config.flushIntervalMs, maxRows: this.config.flushMaxRows, maxHeld: this.config.maxHeldResults }, this.metrics, logger);
    this.linker = new IncidentLinker(() => this.context(), { storm: this.config.storm, groupWaitMs: this.config.groupWaitMs }, logger);
    this.metrics.monitorState.reset();
    // Every running check listens for shutdown on this one signal.
    setMaxListeners(0, this.stopController.signal);
  }

  /** Starts competing for the lease; the instance holding it runs the checks. */
  async start(): Promise<void> {
    this.buffer.start();
    await this.tick();
    this.housekeeping = setInterval(() => void this.tick(), this.config.reloadIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.housekeeping) clearInterval(this.housekeeping);
    this.deactivate();
    this.stopController.abort(new Error('engine stopping'));
    await Promise.allSettled([...this.running]);
    await this.ownRegexPool?.close();
    await this.linker.idle();
    this.linker.stop();
    await this.buffer.stop();
    await releaseLease(this.options.db, LEASE, this.holder).catch(() => {});
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Sweeps of pending incidents finished so far (at most one per round, while it holds the lease); tests wait on it instead of sleeping. */
  get sweeps(): number {
    return this.linker.sweeps;
  }

  /** Runs a monitor's check now, outside its schedule, and waits until its effects are written. */
  async runNow(id: string): Promise<CheckOutcome> {
    const entry = this.entries.get(id) ?? (await this.loadOne(id));
    const outcome = await this.execute(entry, null);
    this.requeueAfterRun(entry);
    await this.linker.idle();
    await this.buffer.flush();
    return outcome;
  }

  /** Waits for queued transitions and writes buffered results (tests, shutdown). */
  async settle(): Promise<void> {
    await this.linker.idle();
    await this.buffer.flush();
  }

  // ── lease, reload ─────────────────────────────────────────────────────────

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = this.now();
      const held = await acquireLease(this.options.db, LEASE, this.holder, now, now + this.config.leaseMs);
      if (!held) {
        if (this.active) this.options.logger?.warn('lost the monitor engine lease; standing by');
        this.deactivate();
        return;
      }
      if (!this.active) {
        this.active = true;
        this.version = null;
        this.options.logger?.info('monitor engine active');
      }
      const version = await monitorsVersion(this.options.db);
      if (version !== this.version) {
        await this.reload();
        this.version = version;
      }
      for (const id of await this.firstPings.newlyPinged(this.options.db)) this.checkSoon(id);
      // Incidents waiting for their group window live in the database: restart-safe (docs/adr/0013).
      void this.linker.sweep();
    } catch (err) {
      this.options.logger?.warn({ err: String(err) }, 'monitor engine housekeeping failed; retrying');
    }
  }

  private deactivate(): void {
    this.active = false;
    this.needsFullSchedule = true;
    this.queue.clear();
    this.ready = [];
    this.readyHead = 0;
    for (const e of this.entries.values()) {
      e.generation += 1;
      e.queued = false;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    // Group-wait timers only wake the lease holder early; a standby's sweep is the new holder's job.
    this.linker.stop();
  }

  private async reload(): Promise<void> {
    const rows = await listEngineMonitors(this.options.db);
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const entry = this.entries.get(row.id);
      if (!entry) {
        const fresh = this.entryOf(row);
        this.entries.set(row.id, fresh);
        this.reschedule(fresh);
      } else if (entry.row.updated_at !== row.updated_at) {
        const timingChanged = entry.row.interval_seconds !== row.interval_seconds || entry.row.paused !== row.paused;
        Object.assign(entry, { row, options: JSON.parse(row.options_json), policy: policyOf(row) });
        this.metrics.monitorState.relabel(row);
        if (timingChanged) this.reschedule(entry);
      }
    }
    for (const [id, entry] of this.entries) {
      if (seen.has(id)) continue;
      entry.generation += 1;
      this.entries.delete(id);
      this.metrics.monitorState.remove(id);
    }
    if (this.needsFullSchedule) {
      this.needsFullSchedule = false;
      for (const e of this.entries.values()) if (!e.queued) this.reschedule(e);
    }
    this.metrics.scheduled.set([...this.entries.values()].filter((e) => e.row.paused === 0).length);
  }

  /** Drops the monitor's queued run and queues it afresh (a running check requeues itself when done). */
  private reschedule(entry: Entry): void {
    entry.generation += 1;
    entry.queued = false;
    if (!entry.running) this.schedule(entry, this.now());
  }

  /** Runs a pending monitor's check now instead of at its next interval (a heartbeat's first ping). */
  private checkSoon(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.running || entry.row.paused === 1 || entry.confirmation.state !== 'pending') return;
    entry.generation += 1;
    const now = this.now();
    this.queue.push({ dueAt: now, id, generation: entry.generation });
    entry.queued = true;
    this.arm(now);
  }

  private async loadOne(id: string): Promise<Entry> {
    const row = await getEngineMonitor(this.options.db, id);
    if (!row) throw notFound('monitor', id);
    const entry = this.entryOf(row);
    this.entries.set(id, entry);
    return entry;
  }

  private entryOf(row: MonitorRow): Entry {
    this.metrics.monitorState.set(row, stateValue(row.state as MonitorState));
    return newEntry(row);
  }

  // ── scheduling ────────────────────────────────────────────────────────────

  private schedule(entry: Entry, now: number): void {
    if (!this.active || this.stopped || entry.row.paused === 1) return;
    const unit = this.config.timeUnitMs;
    const dueAt = isRetrying(entry.confirmation, entry.policy)
      ? Math.max(now, retryDueAt(entry.lastRunAt, entry.row.retry_interval_seconds * unit))
      : nextDueAt(entry.row.id, entry.row.interval_seconds * unit, now);
    this.queue.push({ dueAt, id: entry.row.id, generation: entry.generation });
    entry.queued = true;
    this.arm(dueAt);
  }

  private arm(dueAt: number): void {
    if (dueAt >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = dueAt;
    this.timer = setTimeout(() => this.fire(), Math.max(0, dueAt - this.now()));
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (let top = this.queue.peek(); top && top.dueAt <= now; top = this.queue.peek()) {
      this.queue.pop();
      const entry = this.entries.get(top.id);
      if (!entry || entry.generation !== top.generation) continue;
      entry.queued = false;
      // Still running (e.g. a run-now): it requeues itself when it finishes.
      if (!entry.running) this.ready.push(top);
    }
    this.drain();
    const next = this.queue.peek();
    if (next) this.arm(next.dueAt);
  }

  private drain(): void {
    while (this.inFlight < this.config.concurrency && this.readyHead < this.ready.length) {
      const due = this.ready[this.readyHead++]!;
      if (this.readyHead === this.ready.length) {
        this.ready = [];
        this.readyHead = 0;
      }
      const entry = this.entries.get(due.id);
      if (!entry || entry.generation !== due.generation || entry.running) continue;
      const run = this.execute(entry, due.dueAt)
        .catch((err: unknown) => this.options.logger?.error({ err: String(err), monitor: due.id }, 'check run failed'))
        .finally(() => {
          this.running.delete(run);
          this.requeueAfterRun(entry);
          this.drain();
        });
      this.running.add(run);
    }
  }

  private requeueAfterRun(entry: Entry): void {
    if (this.entries.get(entry.row.id) === entry && !entry.queued) this.schedule(entry, this.now());
  }

  // ── one check ─────────────────────────────────────────────────────────────

  /** `dueAt` is when the run was scheduled for (null for run-now, which has no lateness). */
  private async execute(entry: Entry, dueAt: number | null): Promise<CheckOutcome> {
    if (dueAt !== null) {
      const lateSeconds = Math.max(0, this.now() - dueAt) / 1000;
      this.metrics.lag.observe(lateSeconds);
      this.metrics.lagHistogram.observe(lateSeconds);
    }
    entry.running = true;
    this.inFlight += 1;
    this.metrics.inFlight.set(this.inFlight);
    try {
      const type = entry.row.type as MonitorType;
      const target = await this.targetOf(entry);
      const result = await runCheck(type, target as CheckTarget<never>, {
        signal: this.stopController.signal,
        timeoutMs: entry.row.timeout_seconds * 1000,
        now: () => this.options.clock.now(),
        regex: this.regex,
        outbound: this.outbound,
      }, this.options.checks ?? defaultChecks);
      // Cut short by shutdown: not a verdict on the target, so it is neither recorded nor counted.
      if (this.stopController.signal.aborted) return this.outcome(result, entry.confirmation.state, this.now(), {});
      return this.ingest(entry, result);
    } finally {
      entry.running = false;
      entry.lastRunAt = this.now();
      this.inFlight -= 1;
      this.metrics.inFlight.set(this.inFlight);
    }
  }

  private async targetOf(entry: Entry): Promise<CheckTarget<unknown>> {
    const { row } = entry;
    const target: CheckTarget<unknown> = { id: row.id, options: entry.options, interval_seconds: row.interval_seconds, created_at: row.created_at };
    if (row.type === 'heartbeat') {
      // Pings arrive through the web role (maybe another instance): read the latest from the database.
      const ping = await heartbeatState(this.options.db, row.id);
      target.last_ping_at = ping?.last_ping_at ?? null;
      target.last_ping_ok = ping?.last_ping_ok === null || ping?.last_ping_ok === undefined ? null : ping.last_ping_ok === 1;
    }
    return target;
  }

  private ingest(entry: Entry, result: CheckResult): CheckOutcome {
    const at = this.now();
    const { row } = entry;
    this.metrics.checks.inc({ type: row.type, result: result.ok ? 'ok' : 'fail' });
    if (result.latency_ms !== null) this.metrics.checkDuration.observe({ type: row.type }, result.latency_ms / 1000);
    const detail = { ...result.detail, ...(result.timings ? { timings: result.timings } : {}), ...(result.warning ? { warning: result.warning } : {}) };
    this.buffer.addResult({
      monitor_id: row.id,
      checked_at: at,
      ok: result.ok ? 1 : 0,
      latency_ms: result.latency_ms === null ? null : Math.round(result.latency_ms),
      reason: result.reason,
      detail_json: storedDetail(detail),
    });
    this.noteWarning(entry, result, at);
    this.noteCertificate(entry, result);

    const step = applyResult(entry.confirmation, { ok: result.ok, reason: result.reason, at, conclusive: isConclusive(row.type, result) }, entry.policy);
    entry.confirmation = step.state;
    const iso = new Date(at).toISOString();
    for (const event of step.events) {
      if (event.kind === 'down' || event.kind === 'up') {
        this.metrics.monitorState.set(row, stateValue(event.kind));
        void this.linker.transition(row, event.kind, { reason: event.reason, flapping: step.state.flapping, since: event.since, detail: result.detail });
      } else {
        this.buffer.addEvent({ monitor_id: row.id, at: iso, kind: event.kind, reason: event.reason, incident_id: null });
      }
    }
    return this.outcome(result, step.state.state, at, detail);
  }

  private outcome(result: CheckResult, state: MonitorState, at: number, detail: Record<string, unknown>): CheckOutcome {
    return {
      checked_at: new Date(at).toISOString(),
      ok: result.ok,
      latency_ms: result.latency_ms,
      reason: result.reason,
      warning: result.warning ?? null,
      detail: Object.keys(detail).length > 0 ? detail : null,
      state,
    };
  }

  /** A TLS certificate crossing a new warning threshold is an event, once per threshold. */
  private noteWarning(entry: Entry, result: CheckResult, at: number): void {
    const threshold = typeof result.detail?.warn_threshold === 'number' ? result.detail.warn_threshold : null;
    if (threshold !== null && threshold !== entry.warnThreshold && result.warning) {
      this.buffer.addEvent({ monitor_id: entry.row.id, at: new Date(at).toISOString(), kind: 'warning', reason: result.warning, incident_id: null });
    }
    entry.warnThreshold = threshold;
  }

  /** Responders hear once per threshold (the outbox's dedupe key makes it once across restarts and engines). */
  private noteCertificate(entry: Entry, result: CheckResult): void {
    const daysLeft = result.detail?.days_left;
    const expiresAt = result.detail?.valid_to;
    if (typeof daysLeft !== 'number' || typeof expiresAt !== 'string') return;
    const threshold = certificateThreshold(daysLeft);
    if (threshold === null) return;
    const key = `${expiresAt}:${threshold}`;
    if (this.certificateTold.get(entry.row.id) === key) return;
    this.certificateTold.set(entry.row.id, key);
    const run = recordCertificateExpiry(this.context(), entry.row.id, { days_left: daysLeft, expires_at: expiresAt })
      .catch((err: unknown) => {
        this.certificateTold.delete(entry.row.id);
        this.options.logger?.error({ err: String(err), monitor: entry.row.id }, 'could not record the certificate warning');
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private context(): ServiceContext {
    return { db: this.options.db, clock: this.options.clock, actor: { type: 'monitor', id: null, name: 'monitor engine' } };
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
