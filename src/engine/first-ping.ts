// A heartbeat monitor is UP on its first ping: pings arrive through the web
// role (perhaps on another instance), so the engine looks for pending heartbeat
// monitors with a new ping on each loop and judges them at once instead of at
// their next interval; the ping's success then settles them by itself.
import type { Kysely } from 'kysely';
import type { CheckResult } from './checks/types.js';
import { pingedPendingHeartbeats } from '../store/monitor-incident-pending.js';
import type { DB } from '../store/schema.js';

/** A heartbeat success backed by a ping is the job's own word that it ran: conclusive on its own. */
export function isConclusive(type: string, result: CheckResult): boolean {
  return type === 'heartbeat' && result.ok && typeof result.detail?.last_ping_at === 'string';
}

export class FirstPings {
  private seen = new Map<string, string>();

  /** Pending heartbeat monitors pinged since the last call. */
  async newlyPinged(db: Kysely<DB>): Promise<string[]> {
    const rows = await pingedPendingHeartbeats(db);
    const fresh: string[] = [];
    const next = new Map<string, string>();
    for (const r of rows) {
      if (!r.last_ping_at) continue;
      next.set(r.id, r.last_ping_at);
      if (this.seen.get(r.id) !== r.last_ping_at) fresh.push(r.id);
    }
    this.seen = next;
    return fresh;
  }
}
