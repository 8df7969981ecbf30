// A migrated database for the declarative-config suites: `apply` runs a
// vigil.yaml text through applyConfig as an admin key, and `dump` reads back
// every table it can touch, so a suite can assert that nothing changed.
import { parseVigilYaml } from '../config/vigil-yaml.js';
import { ManualClock } from '../lib/clock.js';
import { applyConfig } from '../services/config/applyConfig.js';
import type { ServiceContext } from '../services/context.js';
import type { Database } from '../store/database.js';
import type { Dialect } from '../store/migrations/columns.js';
import { openTestDatabase } from './databases.test-support.js';
import { defaultMonitorGuard } from '../outbound/guards.js';

export interface ConfigTestEnv {
  database: Database;
  clock: ManualClock;
  ctx: ServiceContext;
  apply(text: string, options?: { prune?: boolean; dryRun?: boolean }): ReturnType<typeof applyConfig>;
  dump(): Promise<Record<string, unknown[]>>;
}

/** Runs `work` against a fresh database and drops it afterwards, whatever happens. */
export async function withConfigDatabase(dialect: Dialect, work: (env: ConfigTestEnv) => Promise<void>): Promise<void> {
  const { database, close } = await openTestDatabase(dialect);
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const ctx: ServiceContext = { db: database.db, clock, actor: { type: 'api_key', id: 'k1', name: 'admin' } };
  const db = database.db;
  const env: ConfigTestEnv = {
    database,
    clock,
    ctx,
    apply: (text, o = {}) => {
      clock.advance(60_000); // so any write shows up as a changed updated_at
      return applyConfig(ctx, parseVigilYaml(text, 'vigil.yaml'), { prune: o.prune ?? false, dryRun: o.dryRun ?? false, outbound: defaultMonitorGuard() });
    },
    dump: async () => ({
      settings: await db.selectFrom('settings').selectAll().execute(),
      groups: await db.selectFrom('component_groups').selectAll().orderBy('id').execute(),
      components: await db.selectFrom('components').selectAll().orderBy('id').execute(),
      history: await db.selectFrom('component_status_changes').selectAll().orderBy('id').execute(),
      monitors: await db.selectFrom('monitors').selectAll().orderBy('id').execute(),
      monitorEvents: await db.selectFrom('monitor_events').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    }),
  };
  try {
    await work(env);
  } finally {
    await close();
  }
}
