// A heartbeat ping: the job reports in (or reports its failure). The token in
// the URL is the only credential, so an unknown token is simply not found.
import { AppError } from '../../domain/errors.js';
import { getMonitorByHeartbeatToken, recordPing as recordPingRow } from '../../store/monitors.js';
import { transact, type ServiceContext } from '../context.js';

export interface PingOutcome {
  ok: boolean;
  reason: string | null;
}

/** `/ping/<token>` (success), `/fail`, or an exit code: 0 is success, 1–255 a failure. */
export function pingOutcome(report: { fail?: boolean; exitCode?: number }): PingOutcome {
  if (report.fail) return { ok: false, reason: 'the job reported a failure' };
  if (report.exitCode !== undefined && report.exitCode !== 0) return { ok: false, reason: `exit code ${report.exitCode}` };
  return { ok: true, reason: null };
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Records the ping as a result and as the monitor's last ping, in one
 * transaction. Pings are data, like check results, so they write no audit
 * row. A paused monitor still records them: its history shows the job ran,
 * and the engine does not judge them while it is paused.
 */
export async function recordPing(ctx: ServiceContext, token: string, outcome: PingOutcome, options: { storeResult?: boolean } = {}): Promise<void> {
  const unknown = () => new AppError('NOT_FOUND', 'no heartbeat monitor has this ping URL');
  if (!TOKEN.test(token)) throw unknown();
  await transact(ctx, async (tx) => {
    const monitor = await getMonitorByHeartbeatToken(tx.db, token);
    if (!monitor || monitor.type !== 'heartbeat') throw unknown();
    await recordPingRow(tx.db, { monitor_id: monitor.id, checked_at: Date.parse(tx.now), at: tx.now, ...outcome, result: options.storeResult });
    // A ping is a measurement, like a check result: no audit row.
  }, { audit: false });
}
