// What every service receives: who acts, the clock, and the database.
// `transact` runs a change and its audit row in one transaction, and enforces
// the audit rule: a transaction that writes must write an audit row too.
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Role } from '../domain/roles.js';
import type { Clock } from '../lib/clock.js';
import { insertAudit } from '../store/audit-log.js';
import type { DB } from '../store/schema.js';

export type ActorType = 'user' | 'api_key' | 'cli' | 'config' | 'system' | 'import' | 'monitor';

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
  /**
   * What a person or an API key may do (services/authorize.ts). Vigil's own actors (the CLI run by the
   * operator, vigil.yaml, the engine, imports) carry none: they act with the host's authority.
   */
  role?: Role;
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
  /** Who makes the change (notifications tell responders about changes not made by the monitor engine). */
  actor: Actor;
  audit(action: string, entity: { type: string; id: string }, before: unknown, after: unknown): Promise<void>;
}

export interface TransactOptions {
  /** PostgreSQL isolation level; SQLite transactions are always serializable. */
  isolation?: 'serializable';
  /**
   * `false` for writes that are data rather than changes someone made (pings, measurements); callers
   * say why in a comment. Otherwise a transaction that writes any row without an audit row fails.
   */
  audit?: false;
}

/** Thrown (and the transaction rolled back) when a change would go unaudited. */
export class UnauditedChangeError extends Error {
  constructor(actor: Actor) {
    super(`a transaction by ${actor.type}${actor.name ? ` "${actor.name}"` : ''} wrote rows without an audit row`);
    this.name = 'UnauditedChangeError';
  }
}

/**
 * Counts rows inserted, updated or deleted through it (reads and raw SQL are not writes here). Rows,
 * not statements: a compare-and-set that matched nothing changed nothing and needs no audit row.
 */
class WriteCounter implements KyselyPlugin {
  writes = 0;
  private readonly pending = new WeakSet<object>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') this.pending.add(args.queryId);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.pending.has(args.queryId)) {
      // With RETURNING, SQLite reports rows but no count: the rows are the ones written.
      const affected = args.result.numAffectedRows ?? BigInt(args.result.rows.length);
      if (affected > 0n) this.writes += 1;
    }
    return Promise.resolve(args.result);
  }
}

export async function transact<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  const now = ctx.clock.now().toISOString();
  const builder = options.isolation ? ctx.db.transaction().setIsolationLevel(options.isolation) : ctx.db.transaction();
  return builder.execute(async (trx) => {
    const counter = new WriteCounter();
    let audited = 0;
    const tx: Tx = {
      db: trx.withPlugin(counter),
      now,
      actor: ctx.actor,
      audit: (action, entity, before, after) => {
        audited += 1;
        return insertAudit(trx, {
          at: now,
          actor_type: ctx.actor.type,
          actor_id: ctx.actor.id,
          actor_name: ctx.actor.name,
          action,
          entity_type: entity.type,
          entity_id: entity.id,
          before,
          after,
        });
      },
    };
    const result = await work(tx);
    if (options.audit !== false && counter.writes > 0 && audited === 0) throw new UnauditedChangeError(ctx.actor);
    return result;
  });
}

/** Runs a read outside a transaction (driver errors arrive coded from store/, as in `transact`). */
export function read<T>(ctx: ServiceContext, query: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return query(ctx.db);
}
