// A transaction without an audit row, for data the engine derives or measures
// (results, rollups, retention) rather than changes someone made.
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';
import { transact, type ServiceContext } from '../context.js';

export function transactSilently<T>(ctx: ServiceContext, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  // Measurements and derived data, not changes: the audit rule does not apply.
  return transact(ctx, (tx) => work(tx.db), { audit: false });
}
