// Opening the database the way every command wants it: reachable, described
// without its password, and failing with one line that says why.
import { openDatabase, parseDatabaseUrl, type Database } from '../store/database.js';
import { reason, StartupError } from './errors.js';

export { reason, StartupError };

/** `sqlite ./data/vigil.db` or the PostgreSQL URL with its password masked. */
export function describeDatabase(url: string): string {
  const { dialect, target } = parseDatabaseUrl(url);
  return dialect === 'sqlite' ? `sqlite ${target}` : target.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** Opens the database and acquires one connection, so an unreachable server or bad credentials are reported as such. */
export async function openReachableDatabase(url: string): Promise<Database> {
  const where = describeDatabase(url);
  let database: Database;
  try {
    database = openDatabase(url);
  } catch (err) {
    throw new StartupError(`cannot open the database at ${where}: ${reason(err)}`);
  }
  try {
    await database.db.connection().execute(async () => {});
  } catch (err) {
    await database.close().catch(() => {});
    throw new StartupError(`cannot reach the database at ${where}: ${reason(err)}`);
  }
  return database;
}
