// Liveness and readiness for load balancers and orchestrators; unauthenticated.
// (/metrics lives in metrics.routes.ts: it may need a token or its own port.)
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../services/context.js';
import { databaseReadiness } from '../services/health/queries.js';

export function registerOpsRoutes(app: FastifyInstance, db: ServiceContext['db']): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await databaseReadiness(db);
    if (readiness.database === 'unreachable') return reply.code(503).send({ status: 'degraded', checks: { database: 'unreachable' } });
    if (readiness.database === 'read-only') return reply.code(503).send({ status: 'degraded', checks: { database: 'read-only' }, reason: readiness.reason });
    return reply.code(200).send({ status: 'ready', checks: { database: 'ok' } });
  });
}
