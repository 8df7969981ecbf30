import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { sqliteFileGuardOf } from './sqlite-file.js';

/**
 * True when a trivial query round-trips within the timeout and, on SQLite, the file that was opened
 * is still the one at its path (a moved or deleted file answers queries but would lose every write).
 */
export async function databaseReachable(db: Kysely<DB>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = async () => {
    await sql`select 1`.execute(db);
    sqliteFileGuardOf(db)?.check();
    return true;
  };
  try {
    return await Promise.race([probe().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
