import { z } from 'zod';
import { isoTime } from '../validation.js';

const filterText = z.string().min(1).max(100);

export const listAuditQuery = z.strictObject({
  entity_type: filterText.optional(),
  entity_id: filterText.optional(),
  action: filterText.optional(),
  before_id: z.coerce.number().int().min(1).optional().describe('only entries older than this id (for the next page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.output<typeof listAuditQuery>;

export const auditEntry = z
  .object({
    id: z.number().int(),
    at: isoTime,
    actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    action: z.string(),
    entity_type: z.string(),
    entity_id: z.string(),
    before: z.unknown().describe('the entity before the change; null on create'),
    after: z.unknown().describe('the entity after the change; null on delete'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.output<typeof auditEntry>;
