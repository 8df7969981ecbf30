// Every scheduled job of the `scheduler` role, declared in one list. On
// PostgreSQL several instances may run the same job at the same moment, so a
// job must be safe to run concurrently (the database coordinates, not us).
import type { MonitoringConfig } from '../config/env.js';
import type { Actor, ServiceContext } from '../services/context.js';
import { advanceMaintenances } from '../services/maintenances/advanceMaintenances.js';
import { remindMaintenances } from '../services/maintenances/remindMaintenances.js';
import { pruneMonitorData } from '../services/engine/pruneMonitorData.js';
import { rollUpResults } from '../services/engine/rollUpResults.js';
import type { Job } from './scheduler.js';

export const SCHEDULER_ACTOR: Actor = { type: 'system', id: null, name: 'scheduler' };

export function scheduledJobs(monitoring: Pick<MonitoringConfig, 'retention'>): readonly Job<ServiceContext>[] {
  return [
    // Moves maintenances through scheduled → in_progress → completed at their times.
    { name: 'advanceMaintenances', everyMs: 15_000, run: advanceMaintenances },
    // Reminds subscribers before a maintenance begins (once each: the outbox dedupes).
    { name: 'remindMaintenances', everyMs: 30_000, run: remindMaintenances },
    // Opening and resolving monitor incidents is not here: the monitor engine does it from the
    // database on its loop, where its lease makes it the only one (docs/adr/0013).
    { name: 'rollUpResults', everyMs: 30_000, run: (ctx) => rollUpResults(ctx) },
    { name: 'pruneMonitorData', everyMs: 3_600_000, run: (ctx) => pruneMonitorData(ctx, monitoring.retention) },
  ];
}
