import { Migrator, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

/** Applies pending migrations; returns the names applied. Throws with the failing migration's name. */
function migrator(database: Database): Migrator {
  return new Migrator({ db: database.db, provider: { getMigrations: async () => migrations(database.dialect) } });
}

/** Names of the migrations not yet applied to this database. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  return (await migrator(database).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error) {
    const what = failed ? `migration ${failed.migrationName} failed` : 'migration failed';
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
