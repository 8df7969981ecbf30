// Liveness and readiness for load balancers and orchestrators; unauthenticated.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { databaseReachable } from '../store/health.js';
import type { DB } from '../store/schema.js';

export function registerOpsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const database = await databaseReachable(db);
    return reply.code(database ? 200 : 503).send({ status: database ? 'ready' : 'degraded', checks: { database: database ? 'ok' : 'unreachable' } });
  });
}
