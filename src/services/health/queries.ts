// Whether this process can serve: the database answers and accepts changes.
// Read by /readyz; the web layer turns the answer into HTTP.
import { databaseReachable } from '../../store/health.js';
import { databaseReadOnlyCause, READ_ONLY_REASON } from '../../store/read-only.js';
import type { ServiceContext } from '../context.js';

export type DatabaseReadiness =
  | { database: 'ok' }
  | { database: 'unreachable' }
  /** `reason` is the public one; the cause (which names paths) is logged at start, not told to callers. */
  | { database: 'read-only'; reason: string };

export async function databaseReadiness(db: ServiceContext['db']): Promise<DatabaseReadiness> {
  if (!(await databaseReachable(db))) return { database: 'unreachable' };
  // Reads work on a read-only database, so it is named as such rather than left to fail each write.
  const readOnly = await databaseReadOnlyCause(db).catch(() => null);
  return readOnly === null ? { database: 'ok' } : { database: 'read-only', reason: READ_ONLY_REASON };
}
