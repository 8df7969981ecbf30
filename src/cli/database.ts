// Commands other than `serve` open the database for one job and close it
// again. Pending migrations are applied first so `vigil keys create` works on
// a brand-new database, just as `vigil serve` does.
import { loadConfig } from '../config/env.js';
import { systemClock } from '../lib/clock.js';
import { openReachableDatabase, reason, StartupError } from '../server/open-database.js';
import type { ServiceContext } from '../services/context.js';
import type { Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { cliActor, type CliIo } from './io.js';

export async function withDatabase<T>(io: CliIo, work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openReachableDatabase(config.databaseUrl);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Runs `work` as the CLI user on an up-to-date database; applied migrations are mentioned on stderr. */
export function withCliContext<T>(io: CliIo, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return withDatabase(io, async (database) => {
    const applied = await migrateToLatest(database).catch((err: unknown) => {
      throw new StartupError(`cannot migrate the database: ${reason(err)}`);
    });
    if (applied.length > 0) io.stderr.write(`applied migrations first: ${applied.join(', ')}\n`);
    return work({ db: database.db, clock: systemClock, actor: cliActor(io.env) });
  });
}
