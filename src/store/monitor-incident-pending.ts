// What restart-safe incident opening reads (docs/adr/0013): DOWNs waiting for
// their incident, the recent DOWNs a storm is detected from, the storm
// incident later DOWNs join, and first pings of pending heartbeat monitors.
import { sql, type Kysely } from 'kysely';
import type { DB, MonitorRow } from './schema.js';

/** Monitors (all, or those of `ids`) whose incident is waiting to be opened or joined, the longest-waiting first. */
export function monitorsWithPendingIncident(db: Kysely<DB>, ids?: readonly string[]): Promise<MonitorRow[]> {
  let query = db.selectFrom('monitors').selectAll().where('incident_pending_since', 'is not', null);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    query = query.where('id', 'in', [...ids]);
  }
  return query.orderBy('incident_pending_since').orderBy('id').execute();
}

/**
 * Monitors that went DOWN at or after `sinceIso` and asked for an incident (waiting for one, or in
 * their own): the candidates a storm is made of.
 */
export function recentDownsForStorms(db: Kysely<DB>, sinceIso: string): Promise<MonitorRow[]> {
  return db
    .selectFrom('monitors')
    .selectAll()
    .where('state', '=', 'down')
    .where('paused', '=', 0)
    .where('auto_incident', '=', 1)
    .where('state_changed_at', '>=', sinceIso)
    .where((eb) => eb.or([eb('incident_pending_since', 'is not', null), eb('incident_id', 'is not', null)]))
    .execute();
}

export interface StormIncident {
  incident_id: string;
  /** ISO: the later of when it opened and when its last member went DOWN. */
  last_join_at: string;
}

/**
 * Open incidents shared by at least `threshold` monitors (only a storm links that many), the most
 * recently joined first.
 */
export async function openStormIncidents(db: Kysely<DB>, threshold: number): Promise<StormIncident[]> {
  const rows = await db
    .selectFrom('monitors as m')
    .innerJoin('incidents as i', 'i.id', 'm.incident_id')
    .select(['i.id as incident_id', 'i.created_at', sql<string | null>`max(case when m.state = 'down' then m.state_changed_at end)`.as('last_down')])
    .where('i.status', 'not in', ['resolved', 'postmortem'])
    .groupBy(['i.id', 'i.created_at'])
    .having(sql<number>`count(*)`, '>=', Math.max(1, threshold))
    .execute();
  return rows
    .map((r) => ({ incident_id: r.incident_id, last_join_at: r.last_down && r.last_down > r.created_at ? r.last_down : r.created_at }))
    .sort((a, b) => (a.last_join_at < b.last_join_at ? 1 : a.last_join_at > b.last_join_at ? -1 : 0));
}

/** Pending heartbeat monitors that have been pinged, with their last ping (ISO). */
export function pingedPendingHeartbeats(db: Kysely<DB>): Promise<{ id: string; last_ping_at: string | null }[]> {
  return db
    .selectFrom('monitors')
    .select(['id', 'last_ping_at'])
    .where('type', '=', 'heartbeat')
    .where('state', '=', 'pending')
    .where('paused', '=', 0)
    .where('last_ping_at', 'is not', null)
    .execute();
}
