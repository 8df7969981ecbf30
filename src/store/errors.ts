// Driver errors from either dialect turned into coded errors, so no SQL or
// constraint names leak to API users and both databases answer alike. The
// translation sits in the driver (translatingDialect), so every query, read
// or write, in a transaction or not, leaves store/ with a coded error.
import type { DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';
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

/** A coded error for a driver error we recognise (the driver's own error kept as `cause`, for logs); others unchanged. */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError || typeof err !== 'object' || err === null) return err;
  const { code, message = '' } = err as DriverError;
  const coded = (...args: ConstructorParameters<typeof AppError>) => new AppError(args[0], args[1], args[2], { cause: err });
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return coded('CONFLICT', 'a record with the same identifier or key already exists');
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return coded('VALIDATION', 'a referenced record does not exist', { issues: [] });
  }
  if (code === 'SQLITE_READONLY_DBMOVED') {
    return coded('UNAVAILABLE', 'the database file was moved or deleted while Vigil was running; changes are refused until it is back (or Vigil is restarted)');
  }
  // PostgreSQL 25006: a write in a read-only transaction (a standby, default_transaction_read_only).
  if (code === '25006' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) {
    return coded('UNAVAILABLE', `${READ_ONLY_REASON}: changes are refused until it is writable again`);
  }
  if ((typeof code === 'string' && isUnavailableCode(code)) || UNAVAILABLE_MESSAGE.test(message)) {
    return coded('UNAVAILABLE', 'the database is unavailable; try again shortly');
  }
  return err;
}

/** The driver's own error behind a translated one (for messages to the operator, never to API users). */
export function driverCause(err: unknown): unknown {
  return err instanceof AppError && err.cause !== undefined ? err.cause : err;
}

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translateDbError(err);
  }
}

/**
 * The dialect with every driver call translating its errors. Connections are wrapped for the queries
 * and unwrapped again for the driver, which may keep private state on its own connection objects.
 */
export function translatingDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new TranslatingDriver(dialect.createDriver()),
  };
}

class TranslatingDriver implements Driver {
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
  private readonly outer = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(private readonly driver: Driver) {
    // Kysely asks for savepoints only where the driver has them; so does this wrapper.
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = driver;
    type Savepoint = NonNullable<Driver['savepoint']>;
    const wrapSavepoint = (method: Savepoint | undefined): Savepoint | undefined =>
      method && ((connection, name, compile) => translated(() => method.call(driver, this.unwrap(connection), name, compile)));
    this.savepoint = wrapSavepoint(savepoint);
    this.rollbackToSavepoint = wrapSavepoint(rollbackToSavepoint);
    this.releaseSavepoint = wrapSavepoint(releaseSavepoint);
  }

  readonly savepoint?: Driver['savepoint'];
  readonly rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  readonly releaseSavepoint?: Driver['releaseSavepoint'];

  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }

  private wrap(connection: DatabaseConnection): DatabaseConnection {
    let wrapped = this.outer.get(connection);
    if (!wrapped) {
      wrapped = {
        executeQuery: <R>(query: Parameters<DatabaseConnection['executeQuery']>[0]): Promise<QueryResult<R>> => translated(() => connection.executeQuery<R>(query)),
        streamQuery: <R>(query: Parameters<DatabaseConnection['streamQuery']>[0], chunkSize?: number) => streamTranslated<R>(connection.streamQuery<R>(query, chunkSize)),
      };
      this.outer.set(connection, wrapped);
      this.inner.set(wrapped, connection);
    }
    return wrapped;
  }

  init() {
    return translated(() => this.driver.init());
  }
  async acquireConnection() {
    return this.wrap(await translated(() => this.driver.acquireConnection()));
  }
  beginTransaction(connection: DatabaseConnection, settings: Parameters<Driver['beginTransaction']>[1]) {
    return translated(() => this.driver.beginTransaction(this.unwrap(connection), settings));
  }
  commitTransaction(connection: DatabaseConnection) {
    return translated(() => this.driver.commitTransaction(this.unwrap(connection)));
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return translated(() => this.driver.rollbackTransaction(this.unwrap(connection)));
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.driver.releaseConnection(this.unwrap(connection));
  }
  destroy() {
    return this.driver.destroy();
  }
}

async function* streamTranslated<R>(stream: AsyncIterableIterator<QueryResult<R>>): AsyncIterableIterator<QueryResult<R>> {
  try {
    yield* stream;
  } catch (err) {
    throw translateDbError(err);
  }
}
