// Liveness and readiness for load balancers and orchestrators; unauthenticated.
// (/metrics lives in metrics.routes.ts: it may need a token or its own port.)
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { databaseReachable } from '../store/health.js';
import { databaseReadOnlyCause, READ_ONLY_REASON } from '../store/read-only.js';
import type { DB } from '../store/schema.js';

export function registerOpsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const database = await databaseReachable(db);
    if (!database) return reply.code(503).send({ status: 'degraded', checks: { database: 'unreachable' } });
    // Reads work on a read-only database, so it is named as such rather than left to fail each write.
    // (Its cause, which names paths, is logged at start, not told to unauthenticated callers.)
    const readOnly = await databaseReadOnlyCause(db).catch(() => null);
    if (readOnly !== null) return reply.code(503).send({ status: 'degraded', checks: { database: 'read-only' }, reason: READ_ONLY_REASON });
    return reply.code(200).send({ status: 'ready', checks: { database: 'ok' } });
  });
}
