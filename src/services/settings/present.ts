import type { SettingsRow } from '../../store/schema.js';
import type { PageSettings } from './schemas.js';

export function presentSettings(row: SettingsRow): PageSettings {
  return {
    name: row.name,
    public_url: row.public_url,
    time_zone: row.time_zone,
    logo_url: row.logo_url ?? null,
    accent_color: row.accent_color ?? null,
    updated_at: row.updated_at,
  };
}
