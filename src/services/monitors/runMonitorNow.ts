import { AppError, notFound } from '../../domain/errors.js';
import { getMonitor } from '../../store/monitors.js';
import { read, type ServiceContext } from '../context.js';
import type { MonitorRunner, RunNowResult } from './schemas.js';

/** Runs the monitor's check at once through the engine of this process, which records the result. */
export async function runMonitorNow(ctx: ServiceContext, runner: MonitorRunner | undefined, id: string): Promise<RunNowResult> {
  const exists = await read(ctx, (db) => getMonitor(db, id));
  if (!exists) throw notFound('monitor', id);
  if (!runner) throw new AppError('UNAVAILABLE', 'no scheduler runs in this process');
  return runner.runNow(id);
}
