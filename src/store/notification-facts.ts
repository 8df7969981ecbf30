// Reads the notification side needs beyond each area's own: maintenances
// about to begin (their reminders).
import type { Kysely } from 'kysely';
import type { DB, MaintenanceRow } from './schema.js';

/** Maintenances still scheduled whose start is after `from` and not after `until` (ISO times). */
export function scheduledMaintenancesStartingBetween(db: Kysely<DB>, from: string, until: string): Promise<MaintenanceRow[]> {
  return db
    .selectFrom('maintenances')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('scheduled_for', '>', from)
    .where('scheduled_for', '<=', until)
    .orderBy('scheduled_for')
    .orderBy('id')
    .execute();
}

/** What the page indicator is computed from: every component's status and the open incidents' impacts. */
export async function pageStatusInputs(db: Kysely<DB>): Promise<{ componentStatuses: string[]; openIncidentImpacts: string[] }> {
  const components = await db.selectFrom('components').select('status').execute();
  const incidents = await db.selectFrom('incidents').select('impact').where('status', 'not in', ['resolved', 'postmortem']).execute();
  return { componentStatuses: components.map((c) => c.status), openIncidentImpacts: incidents.map((i) => i.impact) };
}
