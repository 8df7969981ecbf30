// The heartbeat check is passive: jobs ping Vigil, and this only decides from
// the last ping and the clock whether the job is late or reported failure. No I/O.
import type { HeartbeatOptions } from '../../services/monitors/check-options.js';
import type { Check, CheckContext, CheckResult, CheckTarget } from './types.js';
import { formatSeconds } from './format.js';

function time(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The verdict for a heartbeat monitor at `now`. Lateness wins over a failed ping: it is the newer fact. */
export function judgeHeartbeat(target: CheckTarget<HeartbeatOptions>, now: Date): CheckResult {
  const lastPing = time(target.last_ping_at);
  const created = time(target.created_at);
  const since = lastPing ?? created;
  const allowanceMs = (target.interval_seconds + target.options.grace_seconds) * 1000;
  const expected = `expected every ${formatSeconds(target.interval_seconds)} + ${formatSeconds(target.options.grace_seconds)} grace`;
  const detail: Record<string, unknown> = { last_ping_at: target.last_ping_at ?? null };
  if (since === null) return { ok: false, reason: 'no ping yet and no creation time to count the grace from', latency_ms: null, detail };
  detail.expected_by = new Date(since + allowanceMs).toISOString();
  const silentMs = now.getTime() - since;
  if (silentMs > allowanceMs) {
    const reason =
      lastPing === null
        ? `no ping since the monitor was created ${formatSeconds(silentMs / 1000)} ago (${expected})`
        : `no ping for ${formatSeconds(silentMs / 1000)} (${expected})`;
    return { ok: false, reason, latency_ms: null, detail };
  }
  if (lastPing !== null && target.last_ping_ok === false) return { ok: false, reason: 'the job reported failure', latency_ms: null, detail };
  return { ok: true, reason: null, latency_ms: null, detail };
}

export const heartbeatCheck: Check<HeartbeatOptions> = {
  type: 'heartbeat',
  run(target: CheckTarget<HeartbeatOptions>, ctx: CheckContext): Promise<CheckResult> {
    try {
      return Promise.resolve(judgeHeartbeat(target, ctx.now()));
    } catch (err) {
      return Promise.resolve({ ok: false, reason: `check failed: ${(err as Error).message}`, latency_ms: null });
    }
  },
};
