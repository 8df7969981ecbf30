// Incident durations as users read them ("lasting 2h 49m"). Two units at most:
// more precision than that is noise on a status page.

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, toEpochMs } from './time.js';

/** "3d 4h", "2h 49m", "47m", "under 1m"; minutes are floored, negative/NaN count as 0. */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const totalMinutes = Math.floor(safe / MS_PER_MINUTE);
  if (totalMinutes < 1) return 'under 1m';
  const days = Math.floor(safe / MS_PER_DAY);
  const hours = Math.floor((safe % MS_PER_DAY) / MS_PER_HOUR);
  const minutes = totalMinutes % 60;
  if (days >= 1) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours >= 1) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/**
 * started_at → resolved_at, or → now while unresolved. Never negative: started_at
 * is user-editable and may be set after resolved_at by mistake.
 */
export function incidentDurationMs(startedAt: string, resolvedAt: string | null, now: string): number {
  const start = toEpochMs(startedAt, 'started_at');
  const end = resolvedAt === null ? toEpochMs(now, 'now') : toEpochMs(resolvedAt, 'resolved_at');
  return Math.max(0, end - start);
}
