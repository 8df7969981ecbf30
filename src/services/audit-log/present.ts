import type { AuditLogRow } from '../../store/schema.js';
import type { AuditEntry } from './schemas.js';

export function presentAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  };
}
