// What an imported Statuspage page needs to come back as it was
// (docs/adr/0014): the order of the flat component list where positions tie
// (`sequence`, shared by groups and components), the order an incident or a
// maintenance listed its components in (`position` on the links), an
// incident's reminder intervals, and of incident updates the legacy "no
// components" note of old exports and whether the tweet id was a JSON number.
import { sql, type Kysely } from 'kysely';

export const statuspageOrder = {
  async up(db: Kysely<any>): Promise<void> {
    // One sequence over groups and components: Statuspage interleaves them in its flat list.
    await db.schema.alterTable('component_groups').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('components').addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // Existing rows are numbered in the order they were created (the tie-breaker they had), from 1.
    const rank = (table: string) => sql`(
      select count(*) from (select id, created_at from component_groups union all select id, created_at from components) as e
      where e.created_at < ${sql.table(table)}.created_at or (e.created_at = ${sql.table(table)}.created_at and e.id <= ${sql.table(table)}.id)
    )`;
    await sql`update component_groups set sequence = ${rank('component_groups')}`.execute(db);
    await sql`update components set sequence = ${rank('components')}`.execute(db);

    // Existing links keep 0 and fall back to the page's display order among themselves, as before.
    await db.schema.alterTable('incident_components').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('maintenance_components').addColumn('position', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    // The JSON list as the page gave it ("[15,30]"); null: none (Vigil has no reminders of its own).
    await db.schema.alterTable('incidents').addColumn('reminder_intervals', 'text').execute();
    // Statuspage exports from 2016–2017 list `[{"name": "No components were affected by this update."}]`
    // where later ones write null; the name is kept so the update comes back as it was.
    await db.schema.alterTable('incident_updates').addColumn('no_components_note', 'text').execute();
    await db.schema.alterTable('maintenance_updates').addColumn('no_components_note', 'text').execute();
    // 1: the page wrote the tweet id as a JSON number (kept as its digits in tweet_id), served as one again.
    await db.schema.alterTable('incident_updates').addColumn('tweet_id_is_number', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('maintenance_updates').addColumn('tweet_id_is_number', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
