// SQLite keeps working on a file that was deleted or moved away while it is
// open: in WAL mode writes go on succeeding into an unlinked inode and are
// lost at the next start, with no error at all. So the file's identity is
// remembered at open and checked before every write transaction and by the
// readiness check; a mismatch is an outage (503), not silent data loss.
import { statSync } from 'node:fs';
import type { Kysely } from 'kysely';

export interface SqliteFileGuard {
  /** Throws a SQLITE_READONLY_DBMOVED error when the path no longer names the file that was opened. */
  check(): void;
}

const guards = new WeakMap<Kysely<any>, SqliteFileGuard>();

export function sqliteFileGuard(path: string): SqliteFileGuard {
  const opened = statSync(path);
  return {
    check() {
      let now: { dev: number; ino: number } | null = null;
      try {
        now = statSync(path);
      } catch {
        now = null;
      }
      if (now && now.dev === opened.dev && now.ino === opened.ino) return;
      // SQLite's own code for this condition (it detects it in rollback-journal mode only).
      throw Object.assign(new Error(`the SQLite database file ${path} was moved or deleted while Vigil was running; put it back, or restart Vigil`), {
        code: 'SQLITE_READONLY_DBMOVED',
      });
    },
  };
}

export function registerSqliteFileGuard(db: Kysely<any>, guard: SqliteFileGuard): void {
  guards.set(db, guard);
}

/** The guard of a SQLite database opened from a file; undefined for PostgreSQL and `:memory:`. */
export function sqliteFileGuardOf(db: Kysely<any>): SqliteFileGuard | undefined {
  return guards.get(db);
}
