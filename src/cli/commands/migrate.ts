// `vigil migrate`: applies pending migrations and says which.
import { reason, StartupError } from '../../server/open-database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { withDatabase } from '../database.js';
import type { CliIo } from '../io.js';
import { parseCommandLine } from '../usage.js';

export const migrateUsage = `Usage: vigil migrate

Applies pending database migrations to VIGIL_DATABASE_URL and prints the name
of each one applied, or "already up to date". Safe to run any number of times
and from several machines at once. \`vigil serve\` also migrates at start.
`;

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  parseCommandLine('migrate', args, {});
  const applied = await withDatabase(io, (database) =>
    migrateToLatest(database).catch((err: unknown) => {
      throw new StartupError(reason(err));
    }),
  );
  if (applied.length === 0) io.stdout.write('already up to date\n');
  for (const name of applied) io.stdout.write(`applied ${name}\n`);
  return 0;
}
