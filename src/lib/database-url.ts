// What VIGIL_DATABASE_URL names, decided without opening anything. Shared by
// config (which validates it at start-up) and store (which opens it), so the
// two never disagree, and by everything that prints where the data lives.

export type DatabaseDialect = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  dialect: DatabaseDialect;
  /** A file path (or `:memory:`) for SQLite, a connection URL for PostgreSQL. */
  target: string;
}

/** Parses `VIGIL_DATABASE_URL`: `postgres://…`, `sqlite:path`, `sqlite://path` or a bare file path. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite://')) return { dialect: 'sqlite', target: url.slice('sqlite://'.length) };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`unsupported database URL scheme in "${maskPassword(url)}" (use postgres://… or a SQLite file path)`);
  }
  return { dialect: 'sqlite', target: url };
}

/** `postgres://vigil:secret@host/db` → `postgres://vigil:***@host/db`: safe to print and log. */
export function maskPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** `sqlite ./data/vigil.db` or the PostgreSQL URL with its password masked. */
export function describeDatabase(url: string): string {
  const { dialect, target } = parseDatabaseUrl(url);
  return dialect === 'sqlite' ? `sqlite ${target}` : maskPassword(target);
}
