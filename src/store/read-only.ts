// Whether the database accepts changes. A read-only database still answers
// every read, so without this it would look healthy until the first write
// failed with a generic error. SQLite decides at open: a file it cannot open
// for writing (permissions, immutable flag, read-only mount) is opened
// read-only for the life of the connection. PostgreSQL says so per session
// (`transaction_read_only`: a hot standby, or default_transaction_read_only).
import { openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql, type Kysely } from 'kysely';

/** The reason given at start, by /readyz and in the 503 answer to a write. */
export const READ_ONLY_REASON = 'database is read-only';

/** Why each SQLite database opened from a file is read-only; null when it is writable. */
const sqliteReadOnly = new WeakMap<Kysely<any>, string | null>();

/**
 * Mirrors what SQLite does at open: it tries the file for reading and writing and falls back to read-only
 * on any error. Returns why the file is read-only, or null when it is writable (or does not exist yet).
 */
export function sqliteFileReadOnlyCause(path: string): string | null {
  try {
    closeSync(openSync(path, 'r+'));
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EROFS') return `${path} is on a read-only file system`;
    return `${path} is not writable by this process (${code ?? 'error'})`;
  }
}

/** SQLite's error when it cannot create its -wal/-shm files next to the database: reads fail too. */
export function sqliteDirectoryReadOnlyMessage(path: string): string {
  return `${READ_ONLY_REASON}: SQLite needs to create its -wal and -shm files in ${dirname(path)}, which is not writable by this process`;
}

export function registerSqliteReadOnly(db: Kysely<any>, cause: string | null): void {
  sqliteReadOnly.set(db, cause);
}

/**
 * Why the database refuses changes, or null when it accepts them. Takes the database as opened (not a
 * transaction); rejects when it cannot be reached.
 */
export async function databaseReadOnlyCause(db: Kysely<any>): Promise<string | null> {
  const sqlite = sqliteReadOnly.get(db);
  if (sqlite !== undefined) return sqlite;
  const { rows } = await sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`.execute(db);
  return rows[0]?.ro === 'on' ? 'the PostgreSQL server refuses changes (transaction_read_only is on: a standby, or default_transaction_read_only)' : null;
}
