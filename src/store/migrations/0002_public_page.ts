// What the public page and the Statuspage-compatible API need beyond the
// core model: a stable page id, branding, shortlinks, and the update fields
// Statuspage documents (kept so imported pages round-trip unchanged).
import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.js';

export const publicPage = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('settings').addColumn('page_id', 'text').execute();
    await db.schema.alterTable('settings').addColumn('logo_url', 'text').execute();
    await db.schema.alterTable('settings').addColumn('accent_color', 'text').execute();
    // The page exists from the start, so its id is stable across instances and restarts.
    const now = new Date().toISOString();
    const existing = await db.selectFrom('settings').select('id').where('id', '=', 1).executeTakeFirst();
    if (existing) await db.updateTable('settings').set({ page_id: newId() }).where('id', '=', 1).execute();
    else await db.insertInto('settings').values({ id: 1, name: 'Vigil', public_url: null, time_zone: 'UTC', updated_at: now, page_id: newId() }).execute();

    await db.schema.alterTable('incidents').addColumn('shortlink', 'text').execute();
    await db.schema.alterTable('maintenances').addColumn('shortlink', 'text').execute();
    for (const table of ['incident_updates', 'maintenance_updates']) {
      await db.schema.alterTable(table).addColumn('deliver_notifications', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable(table).addColumn('custom_tweet', 'text').execute();
      await db.schema.alterTable(table).addColumn('tweet_id', 'text').execute();
    }
  },
};
