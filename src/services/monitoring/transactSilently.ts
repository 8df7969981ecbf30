// A transaction without an audit row, for data the engine derives or measures
// (results, rollups, retention) rather than changes someone made.
import type { Kysely } from 'kysely';
import { translateDbError } from '../../store/errors.js';
import type { DB } from '../../store/schema.js';
import type { ServiceContext } from '../context.js';

export async function transactSilently<T>(ctx: ServiceContext, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (err) {
    throw translateDbError(err);
  }
}
