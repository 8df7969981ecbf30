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
  // The few monitors that drive components first, then their rollups by primary key: this runs on
  // every public rebuild, and a join led by the rollups would walk every monitor's history.
  const drivers = await db.selectFrom('monitors').select(['id', 'component_id']).where('component_id', 'is not', null).execute();
  if (drivers.length === 0) return [];
  const componentOf = new Map(drivers.map((m) => [m.id, m.component_id!]));
  const read = (resolution: 'day' | 'hour', from: number, to: number) =>
    db
      .selectFrom('monitor_rollups')
      .select(['monitor_id', 'bucket_start', 'checks', 'failures'])
      .where('monitor_id', 'in', [...componentOf.keys()])
      .where('resolution', '=', resolution)
      .where('bucket_start', '>=', from)
      .where('bucket_start', '<', to)
      .execute();
  const rows = [...(await read('day', sinceMs, todayStartMs)), ...(await read('hour', todayStartMs, todayStartMs + DAY_MS))];
  const totals = new Map<string, ComponentDayChecks>();
  for (const r of rows) {
    const dayStart = Math.floor(Number(r.bucket_start) / DAY_MS) * DAY_MS;
    const componentId = componentOf.get(r.monitor_id)!;
    const key = `${componentId}@${dayStart}`;
    const t = totals.get(key) ?? { component_id: componentId, day_start: dayStart, checks: 0, failures: 0 };
    t.checks += Number(r.checks);
    t.failures += Number(r.failures);
    totals.set(key, t);
  }
  return [...totals.values()];
}
