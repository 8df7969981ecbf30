// /metrics in Prometheus text format, optionally behind a bearer token
// (VIGIL_METRICS_TOKEN) and optionally on its own loopback-only server
// (VIGIL_METRICS_PORT), so scrapers need not share the public port.
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { AppError } from '../domain/errors.js';
import type { Clock } from '../lib/clock.js';
import { AuthFailureThrottle } from './auth-throttle.js';
import { installErrorHandling } from './errors.js';
import { installSecurityHeaders, securityHeaders, type SecurityHeaderOptions } from './security-headers.js';

export interface MetricsEndpoint {
  registry: Registry;
  /** When set, scrapes need `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Failed token checks count against the client address like failed API keys. */
  authFailures?: AuthFailureThrottle;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function registerMetricsRoute(app: FastifyInstance, endpoint: MetricsEndpoint): void {
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const expected = endpoint.token ? digest(endpoint.token) : null;
  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(sent), expected)) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        const failure = new AppError('UNAUTHENTICATED', 'send the metrics token as "Authorization: Bearer <token>"');
        throw endpoint.authFailures ? endpoint.authFailures.failed(request.ip, failure, request.log) : failure;
      }
    }
    return reply.type(endpoint.registry.contentType).header('cache-control', 'no-store').send(await endpoint.registry.metrics());
  });
}

export interface MetricsAppOptions {
  registry: Registry;
  token?: string | null;
  clock: Clock;
  logger?: Logger | false;
  security?: SecurityHeaderOptions;
}

/** The server of VIGIL_METRICS_PORT: /metrics and nothing else (the caller listens on 127.0.0.1). */
export function buildMetricsApp(options: MetricsAppOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: options.logger || undefined, logger: options.logger ? undefined : false } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  installErrorHandling(app);
  installSecurityHeaders(app, securityHeaders(options.security));
  registerMetricsRoute(app, { registry: options.registry, token: options.token, authFailures: new AuthFailureThrottle(options.clock) });
  return app;
}
