// Restart-safe incident opening (docs/adr/0013): a DOWN that waits for its
// storm group window is recorded on the monitor row, so the engine opens or
// joins its incident from the database even after a restart. Also kept: when
// the failing streak began (the incident's started_at) and the address the
// check reached (storm detection groups by network).
import type { Kysely } from 'kysely';

export const monitorIncidentPending = {
  async up(db: Kysely<any>): Promise<void> {
    // ISO text like the other runtime columns; null when no incident is waiting to open.
    await db.schema.alterTable('monitors').addColumn('incident_pending_since', 'text').execute();
    await db.schema.alterTable('monitors').addColumn('failing_since', 'text').execute();
    await db.schema.alterTable('monitors').addColumn('down_address', 'text').execute();
    // The engine looks for waiting DOWNs every couple of seconds.
    await db.schema.createIndex('monitors_incident_pending_idx').on('monitors').column('incident_pending_since').execute();
  },
};
