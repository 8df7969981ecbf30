// Pausing stops a monitor's checks (the engine skips it) and keeps its last
// state; each change is an event on the monitor's timeline and an audit row.
import { notFound } from '../../domain/errors.js';
import { insertMonitorEvents } from '../../store/monitor-engine.js';
import { getMonitor, updateMonitor } from '../../store/monitors.js';
import { transact, type ServiceContext, type Tx } from '../context.js';
import { presentMonitorConfig } from './present.js';
import type { Monitor } from './schemas.js';
import { presentOne, type MonitorViewOptions } from './view.js';

export function pauseMonitor(ctx: ServiceContext, id: string, view: MonitorViewOptions): Promise<Monitor> {
  return setPaused(ctx, id, true, view);
}

export function resumeMonitor(ctx: ServiceContext, id: string, view: MonitorViewOptions): Promise<Monitor> {
  return setPaused(ctx, id, false, view);
}

/** Records a pause or resume on the monitor's event timeline (also used by edits and vigil.yaml). */
export async function recordPauseChange(tx: Tx, monitorId: string, paused: boolean): Promise<void> {
  await insertMonitorEvents(tx.db, [{ monitor_id: monitorId, at: tx.now, kind: paused ? 'paused' : 'resumed', reason: null, incident_id: null }]);
}

async function setPaused(ctx: ServiceContext, id: string, paused: boolean, view: MonitorViewOptions): Promise<Monitor> {
  return transact(ctx, async (tx) => {
    const before = await getMonitor(tx.db, id);
    if (!before) throw notFound('monitor', id);
    // Already so: nothing changes, so nothing is recorded.
    if ((before.paused === 1) === paused) return presentOne(tx.db, before, view);
    await updateMonitor(tx.db, id, { paused: paused ? 1 : 0, updated_at: tx.now });
    await recordPauseChange(tx, id, paused);
    const after = (await getMonitor(tx.db, id))!;
    await tx.audit(paused ? 'monitor.pause' : 'monitor.resume', { type: 'monitor', id }, presentMonitorConfig(before), presentMonitorConfig(after));
    return presentOne(tx.db, after, view);
  });
}
