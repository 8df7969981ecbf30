// Back-dated status history: a component status change made by an incident
// update remembers which update made it and which of its times it follows
// (the update's display_at, or the incident's started_at for the update that
// opened it), so editing those times moves the change with them.
import type { Kysely } from 'kysely';

export const statusChangeLinks = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('component_status_changes').addColumn('update_id', 'text').execute();
    // 'display_at' | 'started_at'; null for changes no update made (manual, maintenance, monitors, imports, older rows).
    await db.schema.alterTable('component_status_changes').addColumn('follows', 'text').execute();
    await db.schema.createIndex('component_status_changes_update_idx').on('component_status_changes').column('update_id').execute();
    await db.schema.createIndex('component_status_changes_source_idx').on('component_status_changes').column('source_id').execute();
  },
};
