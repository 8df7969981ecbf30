// Read-only queries for the public read model: every table the public page
// shows, each read whole in one statement (no per-incident or per-component
// queries, no IN lists that grow with the page), inside one read snapshot so
// the pieces agree with each other even while writers are busy.
import { componentDailyChecks, type ComponentDayChecks } from './monitor-uptime.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type {
  ComponentGroupRow,
  ComponentRow,
  DB,
  IncidentRow,
  IncidentUpdateComponentRow,
  IncidentUpdateRow,
  MaintenanceRow,
  MaintenanceUpdateComponentRow,
  MaintenanceUpdateRow,
  SettingsRow,
} from './schema.js';
import { SETTINGS_ROW_ID } from './settings.js';

export interface PublicRows {
  settings: SettingsRow | undefined;
  groups: ComponentGroupRow[];
  components: ComponentRow[];
  incidents: IncidentRow[];
  /** Each incident's components in the order it lists them (position; ties: page order, see loadPublicModel). */
  incidentComponents: { incident_id: string; component_id: string; position: number }[];
  /** Newest first: display_at, then created_at, then id. */
  incidentUpdates: IncidentUpdateRow[];
  /** Each update's changes in the order it listed them (position). */
  incidentUpdateComponents: IncidentUpdateComponentRow[];
  publishedPostmortems: { incident_id: string; sections: string; published_at: string }[];
  maintenances: MaintenanceRow[];
  /** Like incidentComponents. */
  maintenanceComponents: { maintenance_id: string; component_id: string; position: number }[];
  /** Newest first, like incident updates. */
  maintenanceUpdates: MaintenanceUpdateRow[];
  /** Like incidentUpdateComponents. */
  maintenanceUpdateComponents: MaintenanceUpdateComponentRow[];
  /** Per component, oldest first: every change since `historySince`, plus the last one before it (the status the window opens with). */
  statusChanges: { component_id: string; status: string; at: string }[];
  /** Checks run by monitors that drive components, per component and UTC day (uptime where monitored). */
  monitorChecks: ComponentDayChecks[];
}

/**
 * Reads everything the public side shows in one consistent snapshot: a
 * read-only REPEATABLE READ transaction on PostgreSQL, a deferred (WAL
 * snapshot) transaction on SQLite — never the write lock.
 */
/** `todayStartMs`: the start of the current UTC day (monitored uptime reads today from hour rollups). */
export async function readPublicRows(db: Kysely<DB>, historySince: string, todayStartMs: number): Promise<PublicRows> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.connection().execute(async (conn) => {
    await sql.raw(postgres ? 'begin isolation level repeatable read read only' : 'begin').execute(conn);
    try {
      const rows = await readAll(conn, historySince, todayStartMs);
      await sql.raw('commit').execute(conn);
      return rows;
    } catch (err) {
      await sql.raw('rollback').execute(conn).catch(() => {});
      throw err;
    }
  });
}

/**
 * Sequential on purpose: one connection, one snapshot. SQLite answers synchronously, so the reads
 * would hold the event loop for their whole sum; yielding between them lets requests through,
 * and the longest pause is one statement.
 */
async function readAll(db: Kysely<DB>, historySince: string, todayStartMs: number): Promise<PublicRows> {
  const settings = await db.selectFrom('settings').selectAll().where('id', '=', SETTINGS_ROW_ID).executeTakeFirst();
  const groups = await db.selectFrom('component_groups').selectAll().orderBy('position').orderBy('sequence').orderBy('created_at').orderBy('id').execute();
  const components = await db.selectFrom('components').selectAll().orderBy('position').orderBy('sequence').orderBy('created_at').orderBy('id').execute();
  await yieldToEventLoop();
  const incidents = await db.selectFrom('incidents').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  await yieldToEventLoop();
  const incidentComponents = await db.selectFrom('incident_components').select(['incident_id', 'component_id', 'position']).execute();
  await yieldToEventLoop();
  const incidentUpdates = await db
    .selectFrom('incident_updates')
    .selectAll()
    .orderBy('display_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  await yieldToEventLoop();
  const incidentUpdateComponents = await db
    .selectFrom('incident_update_components')
    .selectAll()
    .orderBy('update_id')
    .orderBy('position')
    .orderBy('component_name')
    .orderBy('component_id')
    .execute();
  await yieldToEventLoop();
  const postmortems = await db
    .selectFrom('postmortems')
    .select(['incident_id', 'sections', 'published_at'])
    .where('published_at', 'is not', null)
    .execute();
  const maintenances = await db
    .selectFrom('maintenances')
    .selectAll()
    .orderBy('scheduled_for', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  await yieldToEventLoop();
  const maintenanceComponents = await db.selectFrom('maintenance_components').select(['maintenance_id', 'component_id', 'position']).execute();
  const maintenanceUpdates = await db
    .selectFrom('maintenance_updates')
    .selectAll()
    .orderBy('display_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const maintenanceUpdateComponents = await db
    .selectFrom('maintenance_update_components')
    .selectAll()
    .orderBy('update_id')
    .orderBy('position')
    .orderBy('component_name')
    .orderBy('component_id')
    .execute();
  await yieldToEventLoop();
  const statusChanges = await db
    .selectFrom('component_status_changes as c')
    .select(['c.component_id', 'c.status', 'c.at'])
    .where((eb) =>
      eb.or([
        eb('c.at', '>=', historySince),
        eb(
          'c.at',
          '=',
          eb
            .selectFrom('component_status_changes as p')
            .select((p) => p.fn.max('p.at').as('at'))
            .whereRef('p.component_id', '=', 'c.component_id')
            .where('p.at', '<', historySince),
        ),
      ]),
    )
    .orderBy('c.component_id')
    .orderBy('c.at')
    .orderBy('c.id')
    .execute();
  await yieldToEventLoop();
  const monitorChecks = await componentDailyChecks(db, Date.parse(historySince), todayStartMs);
  return {
    settings,
    groups,
    components,
    incidents,
    incidentComponents,
    incidentUpdates,
    incidentUpdateComponents,
    publishedPostmortems: postmortems.map((p) => ({ incident_id: p.incident_id, sections: p.sections, published_at: p.published_at! })),
    maintenances,
    maintenanceComponents,
    maintenanceUpdates,
    maintenanceUpdateComponents,
    statusChanges,
    monitorChecks,
  };
}
