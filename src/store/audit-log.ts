import { sql, type Kysely } from 'kysely';
import type { AuditLogRow, DB } from './schema.js';

export interface AuditEntry {
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export async function insertAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_type: e.actor_type,
      actor_id: e.actor_id,
      actor_name: e.actor_name,
      action: e.action,
      entity_type: e.entity_type,
      entity_id: e.entity_id,
      before_json: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      after_json: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditFilter {
  entity_type?: string;
  entity_id?: string;
  action?: string;
  /** Only rows with an id below this one (keyset pagination, newest first). */
  before_id?: number;
  limit: number;
}

export async function listAudit(db: Kysely<DB>, f: AuditFilter): Promise<AuditLogRow[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.entity_type) q = q.where('entity_type', '=', f.entity_type);
  if (f.entity_id) q = q.where('entity_id', '=', f.entity_id);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.before_id !== undefined) q = q.where('id', '<', f.before_id);
  return q.execute();
}

/** How far below the newest audit id `auditChangeToken` looks for rows that committed late. */
const LATE_COMMIT_WINDOW = 1000;

/**
 * A cheap "has anything changed?" token: every change writes an audit row in its transaction, so
 * the newest id moves. On PostgreSQL ids are handed out at insert but rows appear at commit, so a
 * slow transaction can commit an id below the newest one; counting the ids in a window below the
 * top catches that too. Both are index range reads.
 */
export async function auditChangeToken(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.max('id').as('top'), eb.fn.countAll().as('recent')])
    .where('id', '>', (eb) => eb.selectFrom('audit_log').select(sql<number>`coalesce(max(id), 0) - ${sql.lit(LATE_COMMIT_WINDOW)}`.as('floor')))
    .executeTakeFirst();
  return `${Number(row?.top ?? 0)}/${Number(row?.recent ?? 0)}`;
}
