// Driver errors from either dialect turned into coded errors, so no SQL or
// constraint names leak to API users and both databases answer alike.
import { AppError } from '../domain/errors.js';
import { READ_ONLY_REASON } from './read-only.js';

interface DriverError {
  code?: string;
  message?: string;
}

/** Socket errors (pg) when the server or the network between is gone. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL: class 08 (connection exception), 57P01–57P05 (shutdown, crash, cannot connect now, …),
 * 53300 too many connections, 53100 disk full.
 * SQLite (better-sqlite3 reports extended codes, e.g. SQLITE_IOERR_WRITE): locked past busy_timeout,
 * I/O errors, disk full, a file that cannot be opened or has become read-only, or was moved away
 * (SQLITE_READONLY_DBMOVED, also raised by sqlite-file.ts).
 */
function isUnavailableCode(code: string): boolean {
  return (
    NETWORK_CODES.has(code) ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '53300' ||
    code === '53100' ||
    /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL)(_|$)/.test(code)
  );
}

/** pg's own messages for a connection that broke or never came up (these carry no code). */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|is not queryable|Connection closed/i;

export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError || typeof err !== 'object' || err === null) return err;
  const { code, message = '' } = err as DriverError;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'a record with the same identifier or key already exists');
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('VALIDATION', 'a referenced record does not exist', { issues: [] });
  }
  if (code === 'SQLITE_READONLY_DBMOVED') {
    return new AppError('UNAVAILABLE', 'the database file was moved or deleted while Vigil was running; changes are refused until it is back (or Vigil is restarted)');
  }
  // PostgreSQL 25006: a write in a read-only transaction (a standby, default_transaction_read_only).
  if (code === '25006' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) {
    return new AppError('UNAVAILABLE', `${READ_ONLY_REASON}: changes are refused until it is writable again`);
  }
  if ((typeof code === 'string' && isUnavailableCode(code)) || UNAVAILABLE_MESSAGE.test(message)) {
    return new AppError('UNAVAILABLE', 'the database is unavailable; try again shortly');
  }
  return err;
}
