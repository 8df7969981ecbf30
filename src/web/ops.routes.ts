// Liveness and readiness for load balancers and orchestrators; unauthenticated.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { databaseReachable } from '../store/health.js';
import type { DB } from '../store/schema.js';

export function registerOpsRoutes(app: FastifyInstance, db: Kysely<DB>, metrics?: Registry): void {
  // Prometheus text format: monitor state, check latency, scheduler lag, process figures.
  if (metrics) {
    app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));
  }
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const database = await databaseReachable(db);
    return reply.code(database ? 200 : 503).send({ status: database ? 'ready' : 'degraded', checks: { database: database ? 'ok' : 'unreachable' } });
  });
}
