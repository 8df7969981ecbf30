// The engine's Prometheus metrics. Kept in a registry the composition root
// hands to both the engine and the /metrics route.
import { Counter, Gauge, Histogram, Registry, Summary } from 'prom-client';

export interface EngineMetrics {
  registry: Registry;
  checks: Counter<'type' | 'result'>;
  checkDuration: Histogram<'type'>;
  lag: Summary<string>;
  lagHistogram: Histogram<string>;
  inFlight: Gauge<string>;
  scheduled: Gauge<string>;
  monitorState: Gauge<'monitor_id' | 'type'>;
  buffered: Gauge<string>;
  dropped: Counter<string>;
  writeErrors: Counter<string>;
}

export function createEngineMetrics(registry: Registry = new Registry()): EngineMetrics {
  const r = { registers: [registry] };
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
    monitorState: new Gauge({
      name: 'vigil_monitor_up',
      help: 'Confirmed monitor state: 1 up, 0 down, -1 pending',
      labelNames: ['monitor_id', 'type'],
      ...r,
    }),
    buffered: new Gauge({ name: 'vigil_monitor_results_buffered', help: 'Results waiting to be written', ...r }),
    dropped: new Counter({ name: 'vigil_monitor_results_dropped_total', help: 'Results dropped because the database was unavailable too long', ...r }),
    writeErrors: new Counter({ name: 'vigil_monitor_result_write_errors_total', help: 'Failed result batch writes (retried)', ...r }),
  };
}
