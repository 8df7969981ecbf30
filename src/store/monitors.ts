// Monitors as the admin API and vigil.yaml see them: their configuration, the
// reads of their results, rollups and events, and heartbeat pings. What the
// engine writes at volume lives in monitor-engine.ts.
import { sql, type Kysely } from 'kysely';
import type { DB, MonitorEventRow, MonitorPatch, MonitorResultRow, MonitorRollupRow, MonitorRow, NewMonitorRow } from './schema.js';

export interface MonitorFilter {
  type?: string;
  state?: string;
  component_id?: string;
  paused?: boolean;
  limit: number;
  offset: number;
}

/** Oldest first by created_at; id breaks ties so pages never overlap. */
export function listMonitors(db: Kysely<DB>, f: MonitorFilter): Promise<MonitorRow[]> {
  let q = db.selectFrom('monitors').selectAll().orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset);
  if (f.type !== undefined) q = q.where('type', '=', f.type);
  if (f.state !== undefined) q = q.where('state', '=', f.state);
  if (f.component_id !== undefined) q = q.where('component_id', '=', f.component_id);
  if (f.paused !== undefined) q = q.where('paused', '=', f.paused ? 1 : 0);
  return q.execute();
}

/** Every monitor, for vigil.yaml planning. */
export function listAllMonitors(db: Kysely<DB>): Promise<MonitorRow[]> {
  return db.selectFrom('monitors').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function getMonitor(db: Kysely<DB>, id: string): Promise<MonitorRow | undefined> {
  return db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getMonitorByKey(db: Kysely<DB>, key: string): Promise<MonitorRow | undefined> {
  return db.selectFrom('monitors').selectAll().where('key', '=', key).executeTakeFirst();
}

export function getMonitorByHeartbeatToken(db: Kysely<DB>, token: string) {
  return db.selectFrom('monitors').select(['id', 'type', 'paused']).where('heartbeat_token', '=', token).executeTakeFirst();
}

export async function insertMonitor(db: Kysely<DB>, row: NewMonitorRow): Promise<void> {
  await db.insertInto('monitors').values(row).execute();
}

export async function updateMonitor(db: Kysely<DB>, id: string, patch: MonitorPatch): Promise<void> {
  await db.updateTable('monitors').set(patch).where('id', '=', id).execute();
}

export async function deleteMonitor(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('monitors').where('id', '=', id).execute();
}

/**
 * The newest result of each monitor. Per monitor the max(checked_at) is one
 * step down the (monitor_id, checked_at) key and the row one more lookup, so
 * this stays cheap however many results are kept.
 */
export async function latestResults(db: Kysely<DB>, monitorIds: readonly string[]): Promise<MonitorResultRow[]> {
  if (monitorIds.length === 0) return [];
  return db
    .selectFrom('monitors as m')
    .innerJoin('monitor_results as r', (join) =>
      join
        .onRef('r.monitor_id', '=', 'm.id')
        .on('r.checked_at', '=', (eb) =>
          eb.selectFrom('monitor_results as n').select(sql<number>`max(n.checked_at)`.as('at')).whereRef('n.monitor_id', '=', 'm.id'),
        ),
    )
    .selectAll('r')
    .where('m.id', 'in', [...monitorIds])
    .execute();
}

export interface TimeRange {
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Epoch milliseconds, exclusive. */
  until?: number;
}

/** Newest first. */
export function listResults(db: Kysely<DB>, monitorId: string, range: TimeRange & { limit: number }): Promise<MonitorResultRow[]> {
  let q = db.selectFrom('monitor_results').selectAll().where('monitor_id', '=', monitorId).orderBy('checked_at', 'desc').limit(range.limit);
  if (range.since !== undefined) q = q.where('checked_at', '>=', range.since);
  if (range.until !== undefined) q = q.where('checked_at', '<', range.until);
  return q.execute();
}

/** Oldest first, `limit` buckets from `since`. */
export function listRollups(
  db: Kysely<DB>,
  monitorId: string,
  resolution: string,
  range: Required<TimeRange> & { limit: number },
): Promise<MonitorRollupRow[]> {
  return db
    .selectFrom('monitor_rollups')
    .selectAll()
    .where('monitor_id', '=', monitorId)
    .where('resolution', '=', resolution)
    .where('bucket_start', '>=', range.since)
    .where('bucket_start', '<', range.until)
    .orderBy('bucket_start')
    .limit(range.limit)
    .execute();
}

/** Newest first; id breaks ties between events of one instant. */
export function listEvents(db: Kysely<DB>, monitorId: string, limit: number): Promise<MonitorEventRow[]> {
  return db.selectFrom('monitor_events').selectAll().where('monitor_id', '=', monitorId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface Ping {
  monitor_id: string;
  /** Epoch milliseconds. */
  checked_at: number;
  /** The same instant as ISO text, for monitors.last_ping_at. */
  at: string;
  ok: boolean;
  reason: string | null;
  /** False for a ping folded into the second's stored one: only the monitor's last ping moves. */
  result?: boolean;
}

/** A heartbeat ping as a result row plus the monitor's last ping. A result already in that millisecond keeps its row. */
export async function recordPing(db: Kysely<DB>, ping: Ping): Promise<void> {
  // A check result in the same millisecond keeps its row, but the ping itself always counts.
  if (ping.result !== false) {
    await db
      .insertInto('monitor_results')
      .values({ monitor_id: ping.monitor_id, checked_at: ping.checked_at, ok: ping.ok ? 1 : 0, latency_ms: null, reason: ping.reason, detail_json: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await db.updateTable('monitors').set({ last_ping_at: ping.at, last_ping_ok: ping.ok ? 1 : 0 }).where('id', '=', ping.monitor_id).execute();
}
