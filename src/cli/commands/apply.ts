// `vigil apply [vigil.yaml] [--prune] [--dry-run]`: makes the database match
// the file. Prints one line per change and a summary; problems go to stderr
// as `<file>:<line>: <path>: <message>` and nothing is written.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/env.js';
import { loadVigilYaml } from '../../config/vigil-yaml.js';
import { ConfigFileError } from '../../services/config/config-file.js';
import { AppError } from '../../domain/errors.js';
import { systemClock } from '../../lib/clock.js';
import { applyConfig } from '../../services/config/applyConfig.js';
import { formatReport } from '../../services/config/report.js';
import { parseDatabaseUrl } from '../../lib/database-url.js';
import { openDatabase, type Database } from '../../store/database.js';
import { migrateToLatest, pendingMigrations } from '../../store/migrate.js';
import type { CliIo, Output } from '../io.js';
import { createOutboundGuards } from '../../outbound/guards.js';

const USAGE = `usage: vigil apply [file] [--prune] [--dry-run]

Makes page settings, groups, components and monitors match the file (default: vigil.yaml).
  --prune     remove keyed entries that the file no longer lists
  --dry-run   print what would change and write nothing
`;

class UsageError extends Error {}

export async function applyCommand(args: string[], io: CliIo): Promise<number> {
  const say = (stream: Output, line: string) => stream.write(`${line}\n`);
  let options: { file: string; prune: boolean; dryRun: boolean };
  try {
    options = parseOptions(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    say(io.stderr, `vigil apply: ${err.message}`);
    io.stderr.write(USAGE);
    return 2;
  }

  let database: Database | undefined;
  try {
    // The file is checked before the database is opened: a typo costs no connection.
    const loaded = await loadVigilYaml(options.file);
    const config = loadConfig(io.env);
    database = await openForApply(config.databaseUrl, options.dryRun);
    // applyConfig records the change as made by the file itself (actor type `config`).
    const ctx = { db: database.db, clock: systemClock, actor: { type: 'config' as const, id: null, name: basename(options.file) } };
    const guards = createOutboundGuards(config.outbound);
    const report = await applyConfig(ctx, loaded, { prune: options.prune, dryRun: options.dryRun, outbound: guards.monitors, strictOutbound: guards.strict });
    for (const line of formatReport(report)) say(io.stdout, line);
    return 0;
  } catch (err) {
    if (err instanceof ConfigFileError) {
      for (const line of err.lines()) say(io.stderr, line);
    } else if (err instanceof AppError) {
      say(io.stderr, `${options.file}: ${err.message}`);
    } else {
      say(io.stderr, `vigil apply: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  } finally {
    await database?.close();
  }
}

function parseOptions(args: string[]): { file: string; prune: boolean; dryRun: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { prune: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) throw new UsageError('help');
  if (parsed.positionals.length > 1) throw new UsageError(`expected one file, got ${parsed.positionals.length}`);
  return { file: parsed.positionals[0] ?? 'vigil.yaml', prune: parsed.values.prune ?? false, dryRun: parsed.values['dry-run'] ?? false };
}

/**
 * A real apply brings the schema up to date first. A dry run must not change
 * anything, schema included, so it refuses a database that is missing or not
 * yet migrated instead of creating or upgrading it.
 */
async function openForApply(url: string, dryRun: boolean): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (dryRun && target.dialect === 'sqlite' && target.target !== ':memory:' && !existsSync(target.target)) {
    throw new Error(`there is no database at ${target.target} yet; apply without --dry-run to create it`);
  }
  const database = openDatabase(url, { poolSize: 2 });
  try {
    if (!dryRun) {
      await migrateToLatest(database);
    } else {
      const pending = await pendingMigrations(database);
      if (pending.length > 0) {
        throw new Error(`the database at ${database.location} needs migrations (${pending.join(', ')}); run "vigil migrate" or apply without --dry-run`);
      }
    }
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
