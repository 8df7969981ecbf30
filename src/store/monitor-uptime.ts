// Checks per component per UTC day, from the rollups of the monitors that
// drive components: complete days from day rollups, today from hour rollups.
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface ComponentDayChecks {
  component_id: string;
  /** Epoch ms of the UTC day's start. */
  day_start: number;
  checks: number;
  failures: number;
}

const DAY_MS = 86_400_000;

export async function componentDailyChecks(db: Kysely<DB>, sinceMs: number, todayStartMs: number): Promise<ComponentDayChecks[]> {
  const read = (resolution: 'day' | 'hour', from: number, to: number) =>
    db
      .selectFrom('monitor_rollups as r')
      .innerJoin('monitors as m', 'm.id', 'r.monitor_id')
      .select(['m.component_id', 'r.bucket_start', 'r.checks', 'r.failures'])
      .where('m.component_id', 'is not', null)
      .where('r.resolution', '=', resolution)
      .where('r.bucket_start', '>=', from)
      .where('r.bucket_start', '<', to)
      .execute();
  const rows = [...(await read('day', sinceMs, todayStartMs)), ...(await read('hour', todayStartMs, todayStartMs + DAY_MS))];
  const totals = new Map<string, ComponentDayChecks>();
  for (const r of rows) {
    const dayStart = Math.floor(Number(r.bucket_start) / DAY_MS) * DAY_MS;
    const key = `${r.component_id}@${dayStart}`;
    const t = totals.get(key) ?? { component_id: r.component_id!, day_start: dayStart, checks: 0, failures: 0 };
    t.checks += Number(r.checks);
    t.failures += Number(r.failures);
    totals.set(key, t);
  }
  return [...totals.values()];
}
