// Opening the database the way every command wants it: reachable, described
// without its password, and failing with one line that says why.
import { describeDatabase } from '../lib/database-url.js';
import { openDatabase, type Database } from '../store/database.js';
import { driverCause } from '../store/errors.js';
import { reason, StartupError } from './errors.js';

export { reason, StartupError };

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
    // The driver's own words (refused, bad password, no such database) tell the operator what to fix.
    throw new StartupError(`cannot reach the database at ${where}: ${reason(driverCause(err))}`);
  }
  return database;
}
