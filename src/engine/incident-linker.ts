// Turns confirmed DOWN/UP transitions into page changes and incidents, one at
// a time (a single queue, so two transitions never race for the same
// incident). A DOWN that should open an incident is marked pending on the
// monitor row; after `groupWaitMs` its incident opens — one storm incident
// naming the likely shared cause if enough monitors went down together — and
// later DOWNs join the storm's. The timers here only wake the work early: the
// engine's loop sweeps the pending marks too, so a restart opens every incident
// exactly once (docs/adr/0013).
import type { Logger } from 'pino';
import type { StormPolicy } from '../domain/monitor-storms.js';
import type { ServiceContext } from '../services/context.js';
import { openPendingIncidents, type LinkedIncident, type OpenPendingOptions } from '../services/engine/openPendingIncidents.js';
import { recordMonitorTransition } from '../services/engine/recordMonitorTransition.js';
import { resolveRecoveredIncidents, type ResolvedIncident } from '../services/engine/resolveRecoveredIncidents.js';
import type { MonitorRow } from '../store/schema.js';

export interface LinkerOptions {
  storm: StormPolicy;
  groupWaitMs: number;
}

export interface TransitionInfo {
  reason: string | null;
  flapping: boolean;
  /** For DOWN: epoch ms of the first failing check of the confirmed streak. */
  since?: number;
  detail?: Record<string, unknown>;
}

export class IncidentLinker {
  private queue: Promise<unknown> = Promise.resolve();
  private timers = new Set<NodeJS.Timeout>();
  private sweeping = false;
  /** Sweeps finished so far: lets tests wait for "a few more sweeps" instead of sleeping. */
  private sweepsDone = 0;

  constructor(
    private readonly context: () => ServiceContext,
    private readonly options: LinkerOptions,
    private readonly logger: Logger | null,
  ) {}

  /** Queues a transition; the returned promise settles when it (and everything before it) is handled. */
  transition(monitor: MonitorRow, kind: 'down' | 'up', info: TransitionInfo): Promise<void> {
    return this.enqueue(() => this.handle(monitor, kind, info));
  }

  /**
   * Opens or joins every incident whose wait is over and resolves recovered ones, from the database
   * (the engine's loop calls this while it holds the lease). Skipped while the previous sweep is queued.
   */
  sweep(): Promise<void> {
    if (this.sweeping) return Promise.resolve();
    this.sweeping = true;
    return this.enqueue(async () => {
      try {
        await this.link({});
        await resolveRecoveredIncidents(this.context(), (r) => this.logResolved(r));
      } finally {
        this.sweeping = false;
        this.sweepsDone += 1;
      }
    });
  }

  get sweeps(): number {
    return this.sweepsDone;
  }

  /** Waits for everything queued so far. */
  idle(): Promise<void> {
    return this.enqueue(async () => {});
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch((err: unknown) => this.logger?.error({ err: String(err) }, 'monitor transition failed'));
    this.queue = next;
    return next;
  }

  private async handle(monitor: MonitorRow, kind: 'down' | 'up', info: TransitionInfo) {
    const ctx = this.context();
    const address = typeof info.detail?.address === 'string' ? info.detail.address : null;
    const outcome = await recordMonitorTransition(ctx, monitor.id, { kind, reason: info.reason, flapping: info.flapping, since: info.since, address });
    if (!outcome) return;
    const suppressed = outcome.suppressed ? ' (a maintenance covers its component: the page is unchanged)' : '';
    this.logger?.info(
      { monitor_id: monitor.id, monitor: monitor.name, state: kind, reason: info.reason, flapping: info.flapping, suppressed: outcome.suppressed },
      `monitor "${monitor.name}" is ${kind}${info.reason ? `: ${info.reason}` : ''}${suppressed}`,
    );
    if (!outcome.pending) return;
    // Joins a storm under way at once; otherwise waits, and this timer (or the engine's sweep) opens it.
    await this.link({ only: [monitor.id] });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.enqueue(() => this.link({ only: [monitor.id], due: new Set([monitor.id]) }));
    }, this.options.groupWaitMs);
    this.timers.add(timer);
  }

  private async link(options: OpenPendingOptions): Promise<void> {
    const linked = await openPendingIncidents(this.context(), this.options, options);
    for (const l of linked) this.logLinked(l);
  }

  private logLinked(l: LinkedIncident): void {
    const names = l.monitors.map((m) => m.name);
    const ids = l.monitors.map((m) => m.id);
    if (l.kind === 'joined') {
      const m = l.monitors[0]!;
      this.logger?.info({ incident_id: l.incident_id, monitor_id: m.id, monitor: m.name, reason: m.reason }, `monitor "${m.name}" joined the storm incident ${l.incident_id}: ${m.reason ?? 'down'}`);
      return;
    }
    const why = l.kind === 'storm' ? `${names.length} monitors went down together (${names.join(', ')})` : `monitor "${names[0]}" is down: ${l.monitors[0]?.reason ?? 'no details'}`;
    this.logger?.info({ incident_id: l.incident_id, incident: l.incident_name, monitor_ids: ids, monitors: names, storm: l.kind === 'storm' }, `opened incident "${l.incident_name}": ${why}`);
    for (const id of l.folded) {
      this.logger?.info({ incident_id: id, into: l.incident_id }, `resolved incident ${id}: it continues in the storm incident "${l.incident_name}"`);
    }
  }

  private logResolved(r: ResolvedIncident): void {
    this.logger?.info(
      { incident_id: r.incident_id, incident: r.incident_name, monitors: r.monitors },
      `resolved incident "${r.incident_name}": ${r.monitors.length === 1 ? `monitor "${r.monitors[0]}" has` : `all ${r.monitors.length} monitors have`} been up for their quiet period`,
    );
  }
}
