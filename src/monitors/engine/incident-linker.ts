// Turns confirmed DOWN/UP transitions into page changes and incidents, one at
// a time (a single queue, so two transitions never race for the same
// incident). A DOWN that should open an incident waits `groupWaitMs` first: if
// enough monitors go down together (a storm), they get one incident naming the
// likely shared cause instead of one each; later DOWNs join the storm's incident.
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { detectStorm, type DownTransition, type StormPolicy } from '../../domain/monitor-storms.js';
import type { ServiceContext } from '../../services/context.js';
import { joinMonitorIncident, openMonitorIncident } from '../../services/monitoring/openMonitorIncident.js';
import { recordMonitorTransition } from '../../services/monitoring/recordMonitorTransition.js';
import type { MonitorRow } from '../../store/schema.js';

export interface LinkerOptions {
  storm: StormPolicy;
  groupWaitMs: number;
}

interface OpenStorm {
  incidentId: string;
  lastJoinAt: number;
}

export class IncidentLinker {
  private queue: Promise<unknown> = Promise.resolve();
  private recentDowns: DownTransition[] = [];
  private waiting = new Set<string>();
  private storm: OpenStorm | null = null;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly context: () => ServiceContext,
    private readonly options: LinkerOptions,
    private readonly logger: Logger | null,
  ) {}

  /** Queues a transition; the returned promise settles when it (and everything before it) is handled. */
  transition(monitor: MonitorRow, kind: 'down' | 'up', reason: string | null, flapping: boolean, detail?: Record<string, unknown>): Promise<void> {
    return this.enqueue(() => this.handle(monitor, kind, reason, flapping, detail));
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

  private async handle(monitor: MonitorRow, kind: 'down' | 'up', reason: string | null, flapping: boolean, detail?: Record<string, unknown>) {
    const ctx = this.context();
    const outcome = await recordMonitorTransition(ctx, monitor.id, { kind, reason, flapping });
    if (kind === 'up') {
      this.waiting.delete(monitor.id);
      return;
    }
    if (!outcome || outcome.suppressed || outcome.inIncident || outcome.monitor.auto_incident !== 1) return;
    const now = ctx.clock.now().getTime();
    this.recentDowns = this.recentDowns.filter((d) => now - d.at <= this.options.storm.window_ms && d.monitor_id !== monitor.id);
    this.recentDowns.push(downOf(outcome.monitor, now, detail));

    if (this.storm && now - this.storm.lastJoinAt <= this.options.storm.window_ms) {
      if (await joinMonitorIncident(ctx, this.storm.incidentId, monitor.id)) {
        this.storm.lastJoinAt = now;
        return;
      }
      this.storm = null;
    }
    this.waiting.add(monitor.id);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.enqueue(() => this.openWaiting(monitor.id));
    }, this.options.groupWaitMs);
    this.timers.add(timer);
  }

  /** After a DOWN's group wait: one storm incident if enough went down together, else its own incident. */
  private async openWaiting(monitorId: string): Promise<void> {
    if (!this.waiting.has(monitorId)) return;
    const ctx = this.context();
    const now = ctx.clock.now().getTime();
    const storm = detectStorm(this.recentDowns, this.options.storm, now);
    if (storm) {
      const incidentId = await openMonitorIncident(ctx, storm.members, { cause: storm.shared_cause });
      if (incidentId) this.storm = { incidentId, lastJoinAt: now };
      for (const id of storm.members) this.waiting.delete(id);
      return;
    }
    this.waiting.delete(monitorId);
    await openMonitorIncident(ctx, [monitorId], null);
  }
}

function downOf(monitor: MonitorRow, at: number, detail?: Record<string, unknown>): DownTransition {
  const options = JSON.parse(monitor.options_json) as { url?: string; host?: string };
  const host = options.url ? safeHostname(options.url) : (options.host ?? null);
  const reported = typeof detail?.address === 'string' ? detail.address : null;
  return {
    monitor_id: monitor.id,
    name: monitor.name,
    at,
    host,
    address: reported ?? (host && isIP(host) ? host : null),
    upstream: monitor.type === 'statuspage' ? host : null,
  };
}

function safeHostname(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}
