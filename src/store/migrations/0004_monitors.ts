// The monitoring engine's tables. Results and rollups are a time series:
// `checked_at`/`bucket_start` are epoch milliseconds (integers, unlike the ISO
// text elsewhere) and the primary key is (monitor, time), clustered on SQLite
// (WITHOUT ROWID), so they stay compact and per-monitor range reads and
// retention deletes walk one index; a second index by time serves the rollup
// job (docs/adr/0010).
import { sql, type Kysely } from 'kysely';
import { serialId, type Dialect } from './columns.js';

export function monitorsSchema(dialect: Dialect) {
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('monitors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
        .addColumn('retry_interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('down_after', 'integer', (c) => c.notNull())
        .addColumn('up_after', 'integer', (c) => c.notNull())
        .addColumn('component_id', 'text', (c) => c.references('components.id').onDelete('set null'))
        .addColumn('component_status_on_down', 'text', (c) => c.notNull())
        .addColumn('auto_incident', 'integer', (c) => c.notNull())
        .addColumn('incident_impact', 'text', (c) => c.notNull())
        .addColumn('incident_title', 'text')
        .addColumn('incident_body', 'text')
        .addColumn('resolve_after_seconds', 'integer', (c) => c.notNull())
        .addColumn('paused', 'integer', (c) => c.notNull())
        .addColumn('heartbeat_token', 'text', (c) => c.unique())
        // Runtime state, written only when it changes (not on every check).
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_changed_at', 'text')
        .addColumn('state_reason', 'text')
        .addColumn('flapping', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('set null'))
        .addColumn('recovered_at', 'text')
        .addColumn('last_ping_at', 'text')
        .addColumn('last_ping_ok', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('monitors_component_idx').on('monitors').column('component_id').execute();

      await db.schema
        .createTable('monitor_results')
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('checked_at', 'bigint', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('latency_ms', 'integer')
        .addColumn('reason', 'text')
        .addColumn('detail_json', 'text')
        .addPrimaryKeyConstraint('monitor_results_pk', ['monitor_id', 'checked_at'])
        .modifyEnd(clustered)
        .execute();
      // The rollup job reads one minute of everyone's results at a time.
      await db.schema.createIndex('monitor_results_time_idx').on('monitor_results').column('checked_at').execute();

      await db.schema
        .createTable('monitor_rollups')
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('bucket_start', 'bigint', (c) => c.notNull())
        .addColumn('checks', 'integer', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('latency_min', 'integer')
        .addColumn('latency_max', 'integer')
        .addColumn('latency_sum', 'bigint', (c) => c.notNull())
        .addColumn('latency_count', 'integer', (c) => c.notNull())
        .addColumn('histogram', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitor_rollups_pk', ['monitor_id', 'resolution', 'bucket_start'])
        .modifyEnd(clustered)
        .execute();
      await db.schema.createIndex('monitor_rollups_bucket_idx').on('monitor_rollups').columns(['resolution', 'bucket_start']).execute();

      await serialId(dialect, db.schema.createTable('monitor_events'))
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('incident_id', 'text')
        .execute();
      await db.schema.createIndex('monitor_events_monitor_idx').on('monitor_events').columns(['monitor_id', 'at']).execute();

      // Which rollup buckets are complete: the rollup job resumes from here after a restart.
      await db.schema
        .createTable('monitor_rollup_marks')
        .addColumn('resolution', 'text', (c) => c.primaryKey())
        .addColumn('done_until', 'bigint', (c) => c.notNull())
        .execute();

      // A named lease (e.g. the monitor engine's): one holder at a time across instances, until it expires.
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
