import { getSettingsRow } from '../../store/settings.js';
import { read, type ServiceContext } from '../context.js';
import { presentSettings } from './present.js';
import type { PageSettings } from './schemas.js';

/** The page settings (the row migration 0002 inserted, as last changed). */
export function getSettings(ctx: ServiceContext): Promise<PageSettings> {
  return read(ctx, async (db) => presentSettings(await getSettingsRow(db)));
}
