// The page's settings: one row (id 1), inserted by migration 0002 so the page
// has a stable id from the start; every later change updates it.
import type { Kysely } from 'kysely';
import type { DB, SettingsRow } from './schema.js';

export const SETTINGS_ROW_ID = 1;

type SettingsPatch = Partial<Omit<SettingsRow, 'id'>>;

/** A missing row means the database was not migrated (or was tampered with): a bug, not a user error. */
function missingRow(): Error {
  return new Error(`the settings row (id ${SETTINGS_ROW_ID}) is missing; the migrations insert it`);
}

export function getSettingsRow(db: Kysely<DB>): Promise<SettingsRow> {
  return db.selectFrom('settings').selectAll().where('id', '=', SETTINGS_ROW_ID).executeTakeFirstOrThrow(missingRow);
}

export async function updateSettingsRow(db: Kysely<DB>, patch: SettingsPatch): Promise<void> {
  const result = await db.updateTable('settings').set(patch).where('id', '=', SETTINGS_ROW_ID).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw missingRow();
}

