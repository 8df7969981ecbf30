// Reads for monitors: the monitors themselves, and their results, rollups and events.
import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors.js';
import { MS_PER_DAY } from '../../domain/time.js';
import { getMonitor as getRow, listEvents, listMonitors as listRows, listResults, listRollups } from '../../store/monitors.js';
import type { DB } from '../../store/schema.js';
import { componentRefs } from '../components/refs.js';
import { read, type ServiceContext } from '../context.js';
import { presentEvent, presentResult, presentRollup } from './present.js';
import type { Monitor, MonitorEvent, MonitorListQuery, MonitorResult, MonitorRollup, ResultsQuery, RollupResolution, RollupsQuery } from './schemas.js';
import { presentMonitors, presentOne, type MonitorViewOptions } from './view.js';

/** Oldest first, one page at a time. */
export function listMonitors(ctx: ServiceContext, q: MonitorListQuery, view: MonitorViewOptions): Promise<Monitor[]> {
  return read(ctx, async (db) => {
    // A filter naming no component matches no monitor, as an unknown id always did.
    const component = q.component_id === undefined ? undefined : ((await componentRefs(db, [q.component_id])).idOf(q.component_id) ?? q.component_id);
    const rows = await listRows(db, {
      type: q.type,
      state: q.state,
      component_id: component,
      paused: q.paused,
      limit: q.per_page,
      offset: (q.page - 1) * q.per_page,
    });
    return presentMonitors(db, rows, view);
  });
}

export function getMonitor(ctx: ServiceContext, id: string, view: MonitorViewOptions): Promise<Monitor> {
  return read(ctx, async (db) => presentOne(db, await existing(db, id), view));
}

/** Newest first. */
export function listMonitorResults(ctx: ServiceContext, id: string, q: ResultsQuery): Promise<MonitorResult[]> {
  return read(ctx, async (db) => {
    await existing(db, id);
    const rows = await listResults(db, id, { since: epoch(q.since), until: epoch(q.until), limit: q.limit });
    return rows.map(presentResult);
  });
}

/** The default window ends now and holds a day of minutes, 30 days of hours or a year of days. */
const DEFAULT_WINDOW_MS: Record<RollupResolution, number> = { minute: MS_PER_DAY, hour: 30 * MS_PER_DAY, day: 365 * MS_PER_DAY };

/** Oldest first: chart order. */
export function listMonitorRollups(ctx: ServiceContext, id: string, q: RollupsQuery): Promise<MonitorRollup[]> {
  return read(ctx, async (db) => {
    await existing(db, id);
    // `until` is exclusive: by default the bucket holding now is included.
    const until = epoch(q.until) ?? ctx.clock.now().getTime() + 1;
    const since = epoch(q.since) ?? until - DEFAULT_WINDOW_MS[q.resolution];
    const rows = await listRollups(db, id, q.resolution, { since, until, limit: q.limit });
    return rows.map(presentRollup);
  });
}

/** Newest first. */
export function listMonitorEvents(ctx: ServiceContext, id: string, q: { limit: number }): Promise<MonitorEvent[]> {
  return read(ctx, async (db) => {
    await existing(db, id);
    return (await listEvents(db, id, q.limit)).map(presentEvent);
  });
}

async function existing(db: Kysely<DB>, id: string) {
  const row = await getRow(db, id);
  if (!row) throw notFound('monitor', id);
  return row;
}

function epoch(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}
