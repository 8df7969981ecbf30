// The scheduled job that moves auto-transitioning maintenances along with
// the clock: scheduled → in_progress at scheduled_for, → completed at
// scheduled_until, each with Statuspage's automatic update text.
import { maintenanceStatusAt, type MaintenanceWindow } from '../../domain/maintenance.js';
import type { MaintenanceStatus } from '../../domain/statuses.js';
import { isoNow } from '../../lib/clock.js';
import { getMaintenance, listAutoTransitionCandidates } from '../../store/maintenances.js';
import type { MaintenanceRow } from '../../store/schema.js';
import { read, transact, type ServiceContext } from '../context.js';
import { STANDARD_BODY } from './messages.js';
import { recordMaintenanceUpdate } from './recordUpdate.js';

function windowOf(row: MaintenanceRow): MaintenanceWindow {
  return {
    status: row.status as MaintenanceStatus,
    scheduled_for: row.scheduled_for,
    scheduled_until: row.scheduled_until,
    auto_transition: row.auto_transition === 1,
  };
}

/**
 * Returns how many maintenances changed status. Each moves in its own
 * transaction; one that fails does not hold the others back, and the first
 * failure is rethrown once all were tried. Safe to run on several instances
 * at once: a maintenance already moved by another is skipped.
 */
export async function advanceMaintenances(ctx: ServiceContext): Promise<number> {
  const now = isoNow(ctx.clock);
  const due = (await read(ctx, listAutoTransitionCandidates)).filter((m) => maintenanceStatusAt(windowOf(m), now) !== m.status);
  let changed = 0;
  const failures: unknown[] = [];
  for (const candidate of due) {
    try {
      const moved = await transact(ctx, async (tx) => {
        const fresh = await getMaintenance(tx.db, candidate.id);
        if (!fresh) return false;
        const next = maintenanceStatusAt(windowOf(fresh), tx.now);
        if (next === fresh.status) return false;
        return (await recordMaintenanceUpdate(tx, fresh, { status: next, body: STANDARD_BODY[next], display_at: tx.now })) !== null;
      });
      if (moved) changed++;
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures[0];
  return changed;
}
