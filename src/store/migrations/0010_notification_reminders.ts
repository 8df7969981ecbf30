// When subscribers are reminded of a scheduled maintenance: minutes before its
// start, as a JSON list ("[1440,60]"); null: the default, one reminder an hour
// before (Statuspage's scheduled_remind_prior); "[]": no reminder.
import type { Kysely } from 'kysely';

export const notificationReminders = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('maintenances').addColumn('reminder_minutes', 'text').execute();
  },
};
