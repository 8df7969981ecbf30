// Daily uptime for the public model, memoised. Between two loads on the same
// day only today's figures move, unless the component's status history did, so
// the finished days are computed once per day and history instead of at every
// rebuild (they were most of the time spent building the model).
import { startOfUtcDay } from '../../domain/time.js';
import { dailyUptime, type DayUptime, type StatusChange } from '../../domain/uptime.js';

/** Distinct histories remembered; past it the memo starts over (a crawler cannot add histories, writers barely do). */
const MEMO_LIMIT = 10_000;
const finishedDays = new Map<string, readonly DayUptime[]>();

/** Exactly `dailyUptime(history, { days, now })`, with every day before today taken from the memo when it can be. */
export function memoDailyUptime(history: readonly StatusChange[], days: number, now: string): DayUptime[] {
  const nowMs = Date.parse(now);
  if (!(days >= 2) || Number.isNaN(nowMs)) return dailyUptime([...history], { days, now });
  const today = startOfUtcDay(nowMs);
  const key = `${Math.floor(days)}|${today}|${history.map((c) => `${c.status}@${c.at}`).join(',')}`;
  let finished = finishedDays.get(key);
  if (!finished) {
    // Up to the start of today: the finished days are whole, and today's bucket comes out empty.
    finished = dailyUptime([...history], { days, now: new Date(today).toISOString() }).slice(0, -1);
    if (finishedDays.size >= MEMO_LIMIT) finishedDays.clear();
    finishedDays.set(key, finished);
  }
  return [...finished, ...dailyUptime([...history], { days: 1, now })];
}
