import { SETTINGS_ROW_ID, getSettingsRow, updateSettingsRow } from '../../store/settings.js';
import { transact, type ServiceContext } from '../context.js';
import { parseInput } from '../validation.js';
import { presentSettings } from './present.js';
import { updateSettingsInput, type PageSettings } from './schemas.js';

/** Changes the given settings and keeps the others (the row always exists: migration 0002 inserts it). */
export async function updateSettings(ctx: ServiceContext, raw: unknown): Promise<PageSettings> {
  const input = parseInput(updateSettingsInput, raw);
  return transact(ctx, async (tx) => {
    const before = presentSettings(await getSettingsRow(tx.db));
    await updateSettingsRow(tx.db, { ...input, updated_at: tx.now });
    const after = presentSettings(await getSettingsRow(tx.db));
    await tx.audit('settings.update', { type: 'settings', id: String(SETTINGS_ROW_ID) }, before, after);
    return after;
  });
}
