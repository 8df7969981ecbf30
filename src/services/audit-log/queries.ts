import { auditChangeToken, listAudit } from '../../store/audit-log.js';
import { read, type ServiceContext } from '../context.js';
import { presentAuditEntry } from './present.js';
import type { AuditEntry, ListAuditQuery } from './schemas.js';

/** Newest first; page on with `before_id` set to the last id received. */
export function listAuditLog(ctx: ServiceContext, q: ListAuditQuery): Promise<AuditEntry[]> {
  return read(ctx, async (db) => (await listAudit(db, q)).map(presentAuditEntry));
}

/** Changes whenever any change is committed, by this process or another (the CLI, other instances). */
export function changeToken(ctx: ServiceContext): Promise<string> {
  return read(ctx, (db) => auditChangeToken(db));
}
