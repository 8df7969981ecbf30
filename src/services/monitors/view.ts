// What presenting a monitor needs beyond its row: the page's public URL (for
// a heartbeat's ping URL) and its newest result.
import type { Kysely } from 'kysely';
import { latestResults } from '../../store/monitors.js';
import type { DB, MonitorRow } from '../../store/schema.js';
import { getSettingsRow } from '../../store/settings.js';
import { presentMonitor } from './present.js';
import type { Monitor } from './schemas.js';

export interface MonitorViewOptions {
  /** VIGIL_PUBLIC_URL: where pings are sent when the settings name no public_url. */
  publicUrl: string;
}

export async function presentMonitors(db: Kysely<DB>, rows: readonly MonitorRow[], options: MonitorViewOptions): Promise<Monitor[]> {
  if (rows.length === 0) return [];
  const settings = await getSettingsRow(db);
  const pingBase = settings.public_url ?? options.publicUrl;
  const latest = new Map((await latestResults(db, rows.map((r) => r.id))).map((r) => [r.monitor_id, r]));
  return rows.map((row) => presentMonitor(row, { pingBase, lastResult: latest.get(row.id) }));
}

export async function presentOne(db: Kysely<DB>, row: MonitorRow, options: MonitorViewOptions): Promise<Monitor> {
  return (await presentMonitors(db, [row], options))[0]!;
}
