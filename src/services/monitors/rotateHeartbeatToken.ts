// A ping URL that leaked (a log, a shared crontab) is replaced at once: the
// new token works, the old one is unknown from the moment this commits.
import { conflict, notFound } from '../../domain/errors.js';
import { getMonitor, updateMonitor } from '../../store/monitors.js';
import { transact, type ServiceContext } from '../context.js';
import { newHeartbeatToken } from './columns.js';
import { presentMonitorConfig } from './present.js';
import type { Monitor } from './schemas.js';
import { presentOne, type MonitorViewOptions } from './view.js';

/** The monitor with its new ping_url. The audit row records the rotation, never a token. */
export async function rotateHeartbeatToken(ctx: ServiceContext, id: string, view: MonitorViewOptions): Promise<Monitor> {
  return transact(ctx, async (tx) => {
    const before = await getMonitor(tx.db, id);
    if (!before) throw notFound('monitor', id);
    if (before.type !== 'heartbeat') throw conflict(`monitor ${id} is a ${before.type} monitor; only heartbeat monitors have a ping URL`);
    await updateMonitor(tx.db, id, { heartbeat_token: newHeartbeatToken(), updated_at: tx.now });
    const after = (await getMonitor(tx.db, id))!;
    await tx.audit('monitor.rotate_token', { type: 'monitor', id }, presentMonitorConfig(before), presentMonitorConfig(after));
    return presentOne(tx.db, after, view);
  });
}
