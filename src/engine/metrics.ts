// The engine's Prometheus metrics. Kept in a registry the composition root
// hands to both the engine and the /metrics route.
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';
import { listComponents } from '../store/components.js';
import type { DB } from '../store/schema.js';

export interface EngineMetrics {
  registry: Registry;
  checks: Counter<'type' | 'result'>;
  checkDuration: Histogram<'type'>;
  lag: Summary<string>;
  lagHistogram: Histogram<string>;
  inFlight: Gauge<string>;
  scheduled: Gauge<string>;
  monitorState: MonitorStates;
  buffered: Gauge<string>;
  dropped: Counter<string>;
  writeErrors: Counter<string>;
}

/** What a monitor's series is labelled with; a monitor row has all of it. */
export interface MonitorLabelSource {
  id: string;
  name: string;
  type: string;
  component_id: string | null;
}

const STATE_LABELS = ['monitor_id', 'monitor', 'type', 'component_id', 'component'] as const;
/** Long names are cut: a label is for finding the monitor, not for its whole description. */
const MAX_LABEL_CHARS = 100;

/**
 * `vigil_monitor_up`, one series per monitor labelled with its id, name, type and component (id and
 * name). The engine sets values by monitor; the series are rebuilt from them at each scrape, so a
 * renamed monitor or component is relabelled and a deleted one disappears (no stale series).
 * Cardinality stays one series per monitor.
 */
export class MonitorStates {
  private readonly monitors = new Map<string, { labels: MonitorLabelSource; value: number }>();
  private componentNames: ReadonlyMap<string, string> = new Map();
  readonly gauge: Gauge<(typeof STATE_LABELS)[number]>;

  constructor(registry: Registry, private readonly loadComponentNames?: () => Promise<ReadonlyMap<string, string>>) {
    this.gauge = new Gauge({
      name: 'vigil_monitor_up',
      help: 'Confirmed monitor state: 1 up, 0 down, -1 pending',
      labelNames: STATE_LABELS,
      registers: [registry],
      collect: () => this.collect(),
    });
  }

  set(monitor: MonitorLabelSource, value: number): void {
    this.monitors.set(monitor.id, { labels: labelSource(monitor), value });
  }

  /** The monitor was edited: same value, current name and component. */
  relabel(monitor: MonitorLabelSource): void {
    const known = this.monitors.get(monitor.id);
    if (known) known.labels = labelSource(monitor);
  }

  remove(id: string): void {
    this.monitors.delete(id);
  }

  reset(): void {
    this.monitors.clear();
  }

  private async collect(): Promise<void> {
    if (this.loadComponentNames) {
      // Unreachable database: the last known names are good enough for a scrape.
      this.componentNames = await this.loadComponentNames().catch(() => this.componentNames);
    }
    this.gauge.reset();
    for (const { labels, value } of this.monitors.values()) {
      const component = labels.component_id === null ? '' : (this.componentNames.get(labels.component_id) ?? '');
      this.gauge.set(
        { monitor_id: labels.id, monitor: labels.name, type: labels.type, component_id: labels.component_id ?? '', component: component.slice(0, MAX_LABEL_CHARS) },
        value,
      );
    }
  }
}

function labelSource(m: MonitorLabelSource): MonitorLabelSource {
  return { id: m.id, name: m.name.slice(0, MAX_LABEL_CHARS), type: m.type, component_id: m.component_id };
}

export interface EngineMetricsOptions {
  /** Where component names for the monitor series are read from (at scrape time). */
  db?: Kysely<DB>;
}

export function createEngineMetrics(registry: Registry = new Registry(), options: EngineMetricsOptions = {}): EngineMetrics {
  const r = { registers: [registry] };
  const db = options.db;
  const componentNames = db ? async () => new Map((await listComponents(db)).map((c) => [c.id, c.name])) : undefined;
  return {
    registry,
    checks: new Counter({ name: 'vigil_monitor_checks_total', help: 'Checks completed, by type and result', labelNames: ['type', 'result'], ...r }),
    checkDuration: new Histogram({
      name: 'vigil_monitor_check_duration_seconds',
      help: 'How long checks took, by type',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      ...r,
    }),
    lag: new Summary({
      name: 'vigil_scheduler_lag_seconds',
      help: 'How late checks started after they were due (last 5 minutes)',
      percentiles: [0.5, 0.9, 0.99, 0.999],
      maxAgeSeconds: 300,
      ageBuckets: 5,
      ...r,
    }),
    lagHistogram: new Histogram({
      name: 'vigil_scheduler_lag_histogram_seconds',
      help: 'How late checks started after they were due',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30],
      ...r,
    }),
    inFlight: new Gauge({ name: 'vigil_scheduler_in_flight', help: 'Checks running now', ...r }),
    scheduled: new Gauge({ name: 'vigil_scheduler_monitors', help: 'Monitors the scheduler runs (not paused)', ...r }),
    monitorState: new MonitorStates(registry, componentNames),
    buffered: new Gauge({ name: 'vigil_monitor_results_buffered', help: 'Results waiting to be written', ...r }),
    dropped: new Counter({ name: 'vigil_monitor_results_dropped_total', help: 'Results dropped because the database was unavailable too long', ...r }),
    writeErrors: new Counter({ name: 'vigil_monitor_result_write_errors_total', help: 'Failed result batch writes (retried)', ...r }),
  };
}
