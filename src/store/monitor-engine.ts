// What the monitoring engine reads and writes at volume: results in batches,
// runtime state on change, rollups and retention. CRUD lives in monitors.ts.
import { sql, type Kysely } from 'kysely';
import type { DB, MonitorEventTable, MonitorPatch, MonitorResultTable, MonitorRollupTable, MonitorRow } from './schema.js';
import type { Insertable } from 'kysely';

/** Rows per INSERT: 6 columns × 150 stays far below both drivers' parameter limits. */
const CHUNK = 150;

export function listEngineMonitors(db: Kysely<DB>): Promise<MonitorRow[]> {
  return db.selectFrom('monitors').selectAll().execute();
}

export function getEngineMonitor(db: Kysely<DB>, id: string): Promise<MonitorRow | undefined> {
  return db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes whenever a monitor is created, edited or deleted: the engine reloads when it moves. */
export async function monitorsVersion(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('monitors')
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(updated_at)`.as('at')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}:${row.at ?? ''}`;
}

export async function insertResults(db: Kysely<DB>, rows: readonly Insertable<MonitorResultTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Two results of one monitor in the same millisecond (run-now beside a scheduled run) keep the first.
    await db.insertInto('monitor_results').values(rows.slice(i, i + CHUNK)).onConflict((oc) => oc.doNothing()).execute();
  }
}

export async function insertMonitorEvents(db: Kysely<DB>, rows: readonly Insertable<MonitorEventTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('monitor_events').values([...rows]).execute();
}

export async function updateMonitorRuntime(db: Kysely<DB>, id: string, patch: MonitorPatch): Promise<void> {
  await db.updateTable('monitors').set(patch).where('id', '=', id).execute();
}

export function heartbeatState(db: Kysely<DB>, id: string) {
  return db.selectFrom('monitors').select(['last_ping_at', 'last_ping_ok']).where('id', '=', id).executeTakeFirst();
}

/** Other monitors, currently down, that drive the same component (it must stay down for them). */
export async function otherDownMonitorsOnComponent(db: Kysely<DB>, componentId: string, exceptId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('monitors')
    .select('id')
    .where('component_id', '=', componentId)
    .where('state', '=', 'down')
    .where('paused', '=', 0)
    .where('id', '!=', exceptId)
    .execute();
  return rows.map((r) => r.id);
}

export function monitorsInIncident(db: Kysely<DB>, incidentId: string): Promise<MonitorRow[]> {
  return db.selectFrom('monitors').selectAll().where('incident_id', '=', incidentId).execute();
}

/** Monitors whose auto-opened incident may be due for resolution. */
export function recoveredMonitorsWithIncidents(db: Kysely<DB>): Promise<MonitorRow[]> {
  return db.selectFrom('monitors').selectAll().where('incident_id', 'is not', null).where('recovered_at', 'is not', null).execute();
}

export function resultsBetween(db: Kysely<DB>, from: number, to: number) {
  return db
    .selectFrom('monitor_results')
    .select(['monitor_id', 'ok', 'latency_ms'])
    .where('checked_at', '>=', from)
    .where('checked_at', '<', to)
    .execute();
}

export function rollupsBetween(db: Kysely<DB>, resolution: string, from: number, to: number) {
  return db
    .selectFrom('monitor_rollups')
    .selectAll()
    .where('resolution', '=', resolution)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to)
    .execute();
}

export async function upsertRollups(db: Kysely<DB>, rows: readonly MonitorRollupTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 60) {
    await db
      .insertInto('monitor_rollups')
      .values(rows.slice(i, i + 60))
      .onConflict((oc) =>
        oc.columns(['monitor_id', 'resolution', 'bucket_start']).doUpdateSet((eb) => ({
          checks: eb.ref('excluded.checks'),
          failures: eb.ref('excluded.failures'),
          latency_min: eb.ref('excluded.latency_min'),
          latency_max: eb.ref('excluded.latency_max'),
          latency_sum: eb.ref('excluded.latency_sum'),
          latency_count: eb.ref('excluded.latency_count'),
          histogram: eb.ref('excluded.histogram'),
        })),
      )
      .execute();
  }
}

export async function rollupMark(db: Kysely<DB>, resolution: string): Promise<number | null> {
  const row = await db.selectFrom('monitor_rollup_marks').select('done_until').where('resolution', '=', resolution).executeTakeFirst();
  return row ? Number(row.done_until) : null;
}

export async function setRollupMark(db: Kysely<DB>, resolution: string, doneUntil: number): Promise<void> {
  await db
    .insertInto('monitor_rollup_marks')
    .values({ resolution, done_until: doneUntil })
    .onConflict((oc) => oc.column('resolution').doUpdateSet({ done_until: doneUntil }))
    .execute();
}

export async function earliestResultAt(db: Kysely<DB>): Promise<number | null> {
  const row = await db.selectFrom('monitor_results').select(sql<number | null>`min(checked_at)`.as('at')).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

export async function listMonitorIds(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('monitors').select('id').execute()).map((r) => r.id);
}

/** Per monitor, so each delete walks the (monitor_id, checked_at) key instead of scanning the table. */
export async function deleteResultsBefore(db: Kysely<DB>, monitorId: string, cutoff: number): Promise<number> {
  const r = await db.deleteFrom('monitor_results').where('monitor_id', '=', monitorId).where('checked_at', '<', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteRollupsBefore(db: Kysely<DB>, monitorId: string, resolution: string, cutoff: number): Promise<number> {
  const r = await db
    .deleteFrom('monitor_rollups')
    .where('monitor_id', '=', monitorId)
    .where('resolution', '=', resolution)
    .where('bucket_start', '<', cutoff)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
