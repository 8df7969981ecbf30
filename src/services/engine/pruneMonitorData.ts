// Retention: raw results are kept `results_days`, rollups longer, each
// resolution its own time. Deleted per monitor so every delete walks the
// (monitor, time) key; derived data, so no audit rows.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { deleteResultsBefore, deleteRollupsBefore, listMonitorIds } from '../../store/monitor-engine.js';
import type { ServiceContext } from '../context.js';

export interface Retention {
  results_days: number;
  minute_days: number;
  hour_days: number;
  day_days: number;
}

export const DEFAULT_RETENTION: Retention = { results_days: 30, minute_days: 45, hour_days: 400, day_days: 1825 };

const DAY = 86_400_000;

export async function pruneMonitorData(ctx: ServiceContext, retention: Retention = DEFAULT_RETENTION): Promise<number> {
  const now = ctx.clock.now().getTime();
  let deleted = 0;
  const ids = await listMonitorIds(ctx.db);
  for (const [i, id] of ids.entries()) {
    // SQLite runs each delete synchronously: give running checks a turn now and then.
    if (i % 25 === 0) await yieldToEventLoop();
    deleted += await deleteResultsBefore(ctx.db, id, now - retention.results_days * DAY);
    deleted += await deleteRollupsBefore(ctx.db, id, 'minute', now - retention.minute_days * DAY);
    deleted += await deleteRollupsBefore(ctx.db, id, 'hour', now - retention.hour_days * DAY);
    deleted += await deleteRollupsBefore(ctx.db, id, 'day', now - retention.day_days * DAY);
  }
  return deleted;
}
