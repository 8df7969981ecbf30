import { z } from 'zod';
import { listAuditLog } from '../../../services/audit-log/queries.js';
import { auditEntry, listAuditQuery } from '../../../services/audit-log/schemas.js';
import { route } from '../../route.js';

const tag = 'Audit log';

export const auditLogRoutes = [
  route({ method: 'GET', path: '/audit-log', tag, scope: 'admin',
    summary: 'Every change, newest first; page on with before_id = the last id received',
    query: listAuditQuery, response: z.array(auditEntry),
    handler: ({ ctx, query }) => listAuditLog(ctx, query) }),
];
