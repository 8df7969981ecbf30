// What every service receives: who acts, the clock, and the database.
// `transact` runs a change and its audit row in one transaction.
import type { Kysely } from 'kysely';
import type { Clock } from '../lib/clock.js';
import { insertAudit } from '../store/audit-log.js';
import { translateDbError } from '../store/errors.js';
import type { DB } from '../store/schema.js';

export type ActorType = 'api_key' | 'cli' | 'config' | 'system' | 'import' | 'monitor';

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export interface ServiceContext {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
}

export interface Tx {
  db: Kysely<DB>;
  /** The transaction's single timestamp, used for every row it writes. */
  now: string;
  audit(action: string, entity: { type: string; id: string }, before: unknown, after: unknown): Promise<void>;
}

export interface TransactOptions {
  /** PostgreSQL isolation level; SQLite transactions are always serializable. */
  isolation?: 'serializable';
}

export async function transact<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  const now = ctx.clock.now().toISOString();
  const builder = options.isolation ? ctx.db.transaction().setIsolationLevel(options.isolation) : ctx.db.transaction();
  try {
    return await builder.execute(async (trx) => {
      const tx: Tx = {
        db: trx,
        now,
        audit: (action, entity, before, after) =>
          insertAudit(trx, {
            at: now,
            actor_type: ctx.actor.type,
            actor_id: ctx.actor.id,
            actor_name: ctx.actor.name,
            action,
            entity_type: entity.type,
            entity_id: entity.id,
            before,
            after,
          }),
      };
      return work(tx);
    });
  } catch (err) {
    throw translateDbError(err);
  }
}

/** Runs a read, translating driver errors like `transact` does. */
export async function read<T>(ctx: ServiceContext, query: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await query(ctx.db);
  } catch (err) {
    throw translateDbError(err);
  }
}
