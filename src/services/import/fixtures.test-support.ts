// Test support for the import suites: the fixture documents (a realistic
// Statuspage page, see fixtures/README.md) and a dump of every table, so a
// test can assert that a rejected import wrote nothing at all.
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export type FixtureName = 'summary' | 'components' | 'incidents' | 'scheduled-maintenances';

export function fixtureText(name: FixtureName): string {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
}

/** A fresh, mutable copy of a fixture document. */
export function fixture(name: FixtureName): any {
  return JSON.parse(fixtureText(name));
}

export type RealFixtureName = 'discord-components' | 'discord-incidents' | 'discord-scheduled-maintenances' | 'github-components' | 'github-incidents';

/** Documents served by real Statuspage pages (fixtures/real/README.md says where each comes from). */
export function realFixtureText(name: RealFixtureName): string {
  return readFileSync(new URL(`./fixtures/real/${name}.json`, import.meta.url), 'utf8');
}

export const TABLES = [
  'settings',
  'component_groups',
  'components',
  'component_status_changes',
  'incidents',
  'incident_components',
  'incident_updates',
  'incident_update_components',
  'maintenances',
  'maintenance_components',
  'maintenance_updates',
  'postmortems',
  'api_keys',
  'audit_log',
] as const;

/** Every row of every table, in a stable order (rows sorted by their JSON). */
export async function dumpAll(db: Kysely<DB>): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as unknown[];
    dump[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
}

export async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
