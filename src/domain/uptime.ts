// Per-day uptime from a component's status history, by Statuspage's rule:
// a major outage counts 100% of its minutes as downtime, a partial outage 30%,
// degraded performance and maintenance 0% (reported, but not downtime).

import type { ComponentStatus } from './statuses.js';
import { MS_PER_DAY, MS_PER_MINUTE, round2, startOfUtcDay, toEpochMs, utcDateString } from './time.js';

/** One history entry: `status` holds from `at` until the next entry (or now). */
export interface StatusChange {
  status: ComponentStatus;
  at: string;
}

export interface DayUptime {
  /** YYYY-MM-DD, UTC. */
  date: string;
  /** Percent 0..100, 2 decimals; null when no history covers any of the day. */
  uptime: number | null;
  major_outage_minutes: number;
  partial_outage_minutes: number;
  degraded_minutes: number;
  maintenance_minutes: number;
  /** major + 0.3 × partial, 2 decimals. */
  downtime_minutes: number;
  /** Minutes of the day with history (up to now for today); the weight in uptimeOverPeriod. */
  covered_minutes: number;
}

export const PARTIAL_OUTAGE_WEIGHT = 0.3;

type Totals = Record<ComponentStatus, number>;
const emptyTotals = (): Totals => ({
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0,
  major_outage: 0,
});

/** The last `days` UTC days ending today (counted up to `now`), oldest first. */
export function dailyUptime(history: StatusChange[], opts: { days: number; now: string }): DayUptime[] {
  const days = Math.floor(opts.days);
  if (!(days >= 1)) return [];
  const nowMs = toEpochMs(opts.now, 'now');
  const rangeStart = startOfUtcDay(nowMs) - (days - 1) * MS_PER_DAY;
  const buckets = Array.from({ length: days }, emptyTotals);

  // Sorted defensively (stable, so same-instant entries keep their order and the last one wins).
  const changes = history
    .map((c) => ({ status: c.status, ms: toEpochMs(c.at, 'history.at') }))
    .sort((a, b) => a.ms - b.ms);

  changes.forEach((change, i) => {
    const from = Math.max(change.ms, rangeStart);
    const to = Math.min(changes[i + 1]?.ms ?? nowMs, nowMs);
    // Walk the segment day by day so a change crossing midnight splits correctly.
    for (let cursor = from; cursor < to; ) {
      const day = Math.floor((cursor - rangeStart) / MS_PER_DAY);
      const end = Math.min(to, rangeStart + (day + 1) * MS_PER_DAY);
      const bucket = buckets[day];
      if (bucket) bucket[change.status] += end - cursor;
      cursor = end;
    }
  });

  return buckets.map((t, day) => {
    const min = (ms: number) => ms / MS_PER_MINUTE;
    const covered = min(t.operational + t.under_maintenance + t.degraded_performance + t.partial_outage + t.major_outage);
    const downtime = min(t.major_outage) + PARTIAL_OUTAGE_WEIGHT * min(t.partial_outage);
    return {
      date: utcDateString(rangeStart + day * MS_PER_DAY),
      uptime: covered > 0 ? round2((100 * (covered - downtime)) / covered) : null,
      major_outage_minutes: round2(min(t.major_outage)),
      partial_outage_minutes: round2(min(t.partial_outage)),
      degraded_minutes: round2(min(t.degraded_performance)),
      maintenance_minutes: round2(min(t.under_maintenance)),
      downtime_minutes: round2(downtime),
      covered_minutes: round2(covered),
    };
  });
}

/** Overall percentage across days with data, weighted by covered minutes; null when none. */
export function uptimeOverPeriod(days: DayUptime[]): number | null {
  let covered = 0;
  let downtime = 0;
  for (const d of days) {
    if (d.uptime === null || !(d.covered_minutes > 0)) continue;
    covered += d.covered_minutes;
    downtime += d.downtime_minutes;
  }
  return covered > 0 ? round2((100 * (covered - downtime)) / covered) : null;
}

/** Checks a component's monitors ran on one UTC day, and how many failed. */
export interface DayChecks {
  checks: number;
  failures: number;
}

/**
 * Where monitors drive a component, its uptime is what they measured: the share of passing checks
 * each day (a day's downtime becomes that share of its covered minutes, so uptimeOverPeriod weighs it
 * the same way). Days without checks keep the figure from the status history.
 */
export function withMonitorChecks(days: DayUptime[], checks: ReadonlyMap<string, DayChecks>): DayUptime[] {
  return days.map((d) => {
    const c = checks.get(d.date);
    if (!c || c.checks <= 0) return d;
    const failed = c.failures / c.checks;
    const covered = d.covered_minutes > 0 ? d.covered_minutes : MS_PER_DAY / MS_PER_MINUTE;
    return { ...d, uptime: round2(100 * (1 - failed)), downtime_minutes: round2(covered * failed), covered_minutes: covered };
  });
}
