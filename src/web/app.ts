// Assembles the HTTP application from its parts. No I/O happens here beyond
// what the injected database and clock provide.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Clock } from '../lib/clock.js';
import { changeToken } from '../services/audit-log/queries.js';
import type { ServiceContext } from '../services/context.js';
import type { MonitorRunner } from '../services/monitors/schemas.js';
import { loadPublicModel } from '../services/public/loadPublicModel.js';
import type { PublicModel } from '../services/public/model.js';
import { API_V1_PREFIX, apiV1Routes } from './api/v1/index.js';
import { installErrorHandling } from './errors.js';
import { buildOpenApi } from './openapi.js';
import { registerOpsRoutes } from './ops.routes.js';
import { publicRoutes } from './public/routes.js';
import { attachPublicSite, publicServerFactory } from './public/serving/fastify.js';
import type { RefreshTiming } from './public/serving/refresher.js';
import { createPublicSite, type PublicCacheConfig, type PublicSite } from './public/serving/site.js';
import type { PublicRoute } from './public/types.js';
import { registerHeartbeatRoutes } from './heartbeat.routes.js';
import { registerSubscriptionRoutes } from './subscriptions/routes.js';
import { AuthFailureThrottle } from './auth-throttle.js';
import { registerMetricsRoute } from './metrics.routes.js';
import { registerRoutes } from './route.js';
import type { OutboundGuard } from '../outbound/guard.js';
import { defaultMonitorGuard, defaultStrictGuard } from '../outbound/guards.js';
import type { NotificationRuntime } from '../services/notifications/runtime.js';
import { installSecurityHeaders, securityHeaders, type SecurityHeaders } from './security-headers.js';
import { loadAssets } from './admin/assets.js';
import { registerAdminApp } from './admin/register.js';
import { adminRoutes } from './admin/routes.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../services/sessions/policy.js';

export interface AppOptions {
  db: ServiceContext['db'];
  clock: Clock;
  logger?: Logger | false;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  version?: string;
  /** The public status page, v2 API and feeds, served from an in-memory snapshot; false leaves them out. */
  public?: PublicOptions | false;
  /** Runs monitor checks on demand; given when this process runs the scheduler role. */
  monitors?: MonitorRunner;
  /** Vets monitor targets when they are saved; the built-in monitor policy by default. */
  outbound?: OutboundGuard;
  /** Vets webhook targets (channels, subscribers) when they are saved; the built-in strict policy by default. */
  strictOutbound?: OutboundGuard;
  /** Channel tests and SMTP presence, from the composition root. */
  notifications?: NotificationRuntime;
  /** Served at /metrics in Prometheus text format (leave out when VIGIL_METRICS_PORT serves it elsewhere). */
  metrics?: Registry;
  /** VIGIL_METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`. */
  metricsToken?: string | null;
  /** Response headers and proxy trust (README "Security"). */
  security?: AppSecurityOptions;
  /** The web app under /admin; false leaves it out. */
  admin?: AdminOptions | false;
}

export interface AdminOptions {
  /** Session lifetimes; the defaults are 12 h idle and 7 days absolute. */
  sessions?: Partial<SessionPolicy>;
}

export interface AppSecurityOptions {
  /** VIGIL_TRUST_PROXY, as Fastify's trustProxy: request.ip and protocol then come from X-Forwarded-For/Proto. */
  trustProxy?: boolean | number | string[];
  /** VIGIL_FRAME_ANCESTORS: CSP frame-ancestors sources, `'none'` by default. */
  frameAncestors?: string;
}

export interface PublicOptions {
  /** VIGIL_PUBLIC_URL: the page URL unless settings name one. */
  publicUrl?: string;
  cache?: PublicCacheConfig;
  timing?: Partial<RefreshTiming>;
  /** Stand-ins for the real model loader and renderers (tests of the serving layer). */
  load?: () => Promise<PublicModel>;
  routes?: readonly PublicRoute[];
}

/** VIGIL_PUBLIC_URL, the page URL unless settings name one. */
function publicUrlOf(options: AppOptions): string {
  return (options.public || undefined)?.publicUrl ?? 'http://localhost:3000';
}

function publicSite(options: AppOptions, security: SecurityHeaders): PublicSite | null {
  if (options.public === false) return null;
  const o = options.public ?? {};
  const ctx: ServiceContext = { db: options.db, clock: options.clock, actor: { type: 'system', id: null, name: 'public-snapshot' } };
  const publicUrl = publicUrlOf(options);
  return createPublicSite({
    routes: o.routes ?? publicRoutes,
    load: o.load ?? (() => loadPublicModel(ctx, { publicUrl })),
    changeToken: () => changeToken(ctx),
    cache: o.cache,
    timing: o.timing,
    logger: options.logger || null,
    security,
  });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // HSTS tells browsers to use https for a year: only promised when users reach Vigil over https.
  const security = securityHeaders({ frameAncestors: options.security?.frameAncestors, hsts: publicUrlOf(options).startsWith('https:') });
  const site = publicSite(options, security);
  const app = Fastify({
    trustProxy: options.security?.trustProxy ?? false,
    // Public documents are answered from the snapshot before Fastify routing (docs/adr/0008).
    serverFactory: site ? publicServerFactory(site) : undefined,
    loggerInstance: options.logger || undefined,
    logger: options.logger ? undefined : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  // JSON only: anything else is 415. An empty JSON body (common on DELETE) counts as no body.
  app.removeContentTypeParser('text/plain');
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    return jsonParser(request, text, done);
  });

  installErrorHandling(app);
  installSecurityHeaders(app, security, API_V1_PREFIX);
  const authFailures = new AuthFailureThrottle(options.clock);
  registerOpsRoutes(app, options.db);
  if (options.metrics) registerMetricsRoute(app, { registry: options.metrics, token: options.metricsToken, authFailures });
  registerRoutes(app, API_V1_PREFIX, apiV1Routes, { db: options.db, clock: options.clock, publicUrl: publicUrlOf(options), monitors: options.monitors, outbound: options.outbound ?? defaultMonitorGuard(), strictOutbound: options.strictOutbound ?? defaultStrictGuard(), notifications: options.notifications, authFailures });
  registerHeartbeatRoutes(app, { db: options.db, clock: options.clock });
  if (options.admin !== false) {
    registerAdminApp(
      app,
      {
        db: options.db,
        clock: options.clock,
        publicUrl: publicUrlOf(options),
        monitors: options.monitors,
        outbound: options.outbound ?? defaultMonitorGuard(),
        strictOutbound: options.strictOutbound ?? defaultStrictGuard(),
        notifications: options.notifications,
        sessions: { ...DEFAULT_SESSION_POLICY, ...options.admin?.sessions },
        secure: publicUrlOf(options).startsWith('https:'),
        assets: loadAssets(),
        authFailures,
      },
      adminRoutes,
    );
  }
  registerSubscriptionRoutes(app, {
    db: options.db,
    clock: options.clock,
    strictOutbound: options.strictOutbound ?? defaultStrictGuard(),
    security,
    // The snapshot's model when the public site runs (the page's frame and components, no query).
    model: () => {
      const cached = site?.snapshot.model;
      return cached ? Promise.resolve(cached) : loadPublicModel({ db: options.db, clock: options.clock, actor: { type: 'system', id: null, name: 'subscription pages' } }, { publicUrl: publicUrlOf(options) });
    },
  });
  if (site) attachPublicSite(app, site, API_V1_PREFIX);

  const openapi = buildOpenApi(apiV1Routes, { title: 'Vigil admin API', version: options.version ?? '0.0.0' }, API_V1_PREFIX);
  app.get(`${API_V1_PREFIX}/openapi.json`, async () => openapi);
  return app;
}
