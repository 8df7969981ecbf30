// Opens the one SQL database Vigil runs on. SQLite (better-sqlite3) is the
// embedded default; PostgreSQL (pg) is chosen by a postgres:// URL. Nothing
// outside store/ learns which one it is talking to, nor sees a driver error
// (errors.ts codes them in the driver).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import { maskPassword, parseDatabaseUrl } from '../lib/database-url.js';
import type { Dialect } from './migrations/columns.js';
import type { DB } from './schema.js';
import { registerSqliteReadOnly, sqliteDirectoryReadOnlyMessage, sqliteFileReadOnlyCause } from './read-only.js';
import { translatingDialect } from './errors.js';
import { registerSqliteFileGuard, sqliteFileGuard, type SqliteFileGuard } from './sqlite-file.js';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the data lives, safe to print (no password). */
  location: string;
  close(): Promise<void>;
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  const { dialect, target } = parseDatabaseUrl(url);
  return dialect === 'sqlite' ? openSqlite(target) : openPostgres(target, options.poolSize ?? 10);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  const inMemory = file === ':memory:' || file === '';
  // SQLite opens a file it cannot write read-only, silently; asking the same question it did tells us.
  const readOnly = inMemory ? null : sqliteFileReadOnlyCause(file);
  try {
    // WAL lets readers run beside the writer; FULL sync means an acknowledged
    // commit survives power loss, not only a process crash (docs/adr/0002).
    // A read-only file keeps the journal mode it has (changing it is a write).
    if (readOnly === null) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    sqlite.close();
    if ((err as { code?: string }).code === 'SQLITE_READONLY_DIRECTORY') throw new Error(sqliteDirectoryReadOnlyMessage(file));
    throw err;
  }
  const guard = inMemory ? null : sqliteFileGuard(file);
  const db = new Kysely<DB>({ dialect: translatingDialect(new ImmediateSqliteDialect({ database: sqlite }, guard)) });
  if (guard) registerSqliteFileGuard(db, guard);
  registerSqliteReadOnly(db, readOnly);
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Transactions take the write lock up front (BEGIN IMMEDIATE). With a plain
 * BEGIN, a transaction that reads and then writes while another process (the
 * CLI beside the server) has written fails at once with SQLITE_BUSY; taking
 * the lock first makes it wait for busy_timeout instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly guard: SqliteFileGuard | null,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      // A write into a file that was moved or deleted would be lost: refuse it (see sqlite-file.ts).
      this.guard?.check();
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    // int8 (bigint identity columns, count(*)) as numbers: our ids stay far below 2^53.
    types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor one that loses it while checked out: the query in flight rejects, which is how callers hear of it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: translatingDialect(new PostgresDialect({ pool })) });
  return { db, dialect: 'postgres', location: maskPassword(url), close: () => db.destroy() };
}
