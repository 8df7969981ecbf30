// The scheduled job that reminds subscribers of a maintenance before it
// begins, once per reminder (minutes before scheduled_for; default one hour).
// The dedupe key names the start time, so a rescheduled maintenance is
// reminded again, and several instances running the job remind once.
import { toEpochMs } from '../../domain/time.js';
import { isoNow } from '../../lib/clock.js';
import { scheduledMaintenancesStartingBetween } from '../../store/notification-facts.js';
import type { MaintenanceRow } from '../../store/schema.js';
import { read, transact, type ServiceContext } from '../context.js';
import { emitMaintenanceEvent } from '../notifications/emitMaintenanceEvents.js';
import { reminderMinutesOf } from './present.js';

/** Reminders are at most this far ahead (the schema's limit). */
const MAX_REMINDER_MS = 43_200 * 60_000;

/**
 * The reminder due now: the nearest to the start among those whose time has come. Earlier ones it
 * supersedes (the job was not running) are not sent late; one whose time passed before the
 * maintenance was created is not sent at all (its announcement just went out).
 */
export function dueReminder(row: Pick<MaintenanceRow, 'scheduled_for' | 'created_at' | 'reminder_minutes'>, nowMs: number): number | null {
  const start = toEpochMs(row.scheduled_for);
  const due = reminderMinutesOf(row.reminder_minutes)
    .filter((m) => {
      const at = start - m * 60_000;
      return at <= nowMs && at >= toEpochMs(row.created_at);
    })
    .sort((a, b) => a - b);
  return due[0] ?? null;
}

/** Returns how many reminders it wrote. */
export async function remindMaintenances(ctx: ServiceContext): Promise<number> {
  const now = isoNow(ctx.clock);
  const nowMs = toEpochMs(now);
  const upcoming = await read(ctx, (db) => scheduledMaintenancesStartingBetween(db, now, new Date(nowMs + MAX_REMINDER_MS).toISOString()));
  let told = 0;
  for (const row of upcoming) {
    const minutes = dueReminder(row, nowMs);
    if (minutes === null) continue;
    const wrote = await transact(ctx, async (tx) => {
      const dedupeKey = `reminder:${row.id}:${row.scheduled_for}:${minutes}`;
      const emitted = await emitMaintenanceEvent(tx, { maintenanceId: row.id, kind: 'maintenance.reminder', updateId: null, reminderMinutes: minutes, dedupeKey });
      if (emitted) await tx.audit('maintenance.remind', { type: 'maintenance', id: row.id }, null, { minutes_before: minutes, scheduled_for: row.scheduled_for });
      return emitted;
    });
    if (wrote) told += 1;
  }
  return told;
}
