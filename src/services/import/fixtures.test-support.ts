// Test support for the import suites: the fixture documents (a realistic
// Statuspage page, see fixtures/README.md) and a dump of every table, so a
// test can assert that a rejected import wrote nothing at all.
import { readdirSync, readFileSync } from 'node:fs';
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

/** A file of fixtures/real/ without `.json`, e.g. `github-incidents-2026`. */
export type RealFixtureName = string;

const REAL = new URL('./fixtures/real/', import.meta.url);

/** Documents served by real Statuspage pages (fixtures/README.md and fixtures/real/SOURCES.md say where each comes from). */
export function realFixtureText(name: RealFixtureName): string {
  return readFileSync(new URL(`${name}.json`, REAL), 'utf8');
}

/** Every real document there is, by name, sorted. */
export function realFixtureNames(): RealFixtureName[] {
  return readdirSync(REAL)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
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
