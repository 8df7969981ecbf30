// A route is declared once: method, path, scope and zod schemas. The same
// declaration registers the Fastify handler and feeds the OpenAPI document,
// so what is documented is what is validated.
import type { OutboundGuard } from '../outbound/guard.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, validationError } from '../domain/errors.js';
import { SCOPE_ROLE } from '../domain/roles.js';
import type { ApiKeyScope } from '../domain/statuses.js';
import type { Clock } from '../lib/clock.js';
import type { ServiceContext } from '../services/context.js';
import type { MonitorRunner } from '../services/monitors/schemas.js';
import type { NotificationRuntime } from '../services/notifications/runtime.js';
import { authenticate, scopeAllows } from '../services/api-keys/queries.js';
import { entityRef, unsafeTextIssues, zodIssues } from '../services/validation.js';
import { AuthFailureThrottle } from './auth-throttle.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HandlerInput<P, Q> {
  params: P;
  query: Q;
  /** The raw JSON body; services parse it with the schema named in `body`. */
  body: unknown;
  ctx: ServiceContext;
  deps: HandlerDeps;
}

export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: Method;
  /** Fastify syntax: `/components/:id`. */
  path: string;
  summary: string;
  tag: string;
  scope: ApiKeyScope;
  params?: P;
  query?: Q;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 204 sends no body. */
  status?: number;
  /** The answer's media type when it is not JSON (e.g. `text/csv; charset=utf-8`): the handler returns the text. */
  contentType?: string;
  handler(input: HandlerInput<z.output<P>, z.output<Q>>): Promise<unknown>;
}

/** Keeps the params/query generics of one route while collecting many in a list. */
export function route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType>(def: RouteDef<P, Q>): RouteDef {
  return def as unknown as RouteDef;
}

export const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** `/components/:id`, `/component-groups/:id`: the id or the key vigil.yaml gave it; the service resolves it. */
export const refParams = z.strictObject({ id: entityRef });

/** What handlers may need from the process beyond a service context. */
export interface HandlerDeps {
  /** VIGIL_PUBLIC_URL: the public base URL when settings name none (e.g. for heartbeat ping URLs). */
  publicUrl: string;
  /** Present when this process runs the scheduler role: runs a monitor's check on demand. */
  monitors?: MonitorRunner;
  /** The monitor outbound policy: targets are vetted against it when a monitor is saved. */
  outbound: OutboundGuard;
  /** The strict outbound policy: webhook targets (channels, subscribers) are vetted against it when saved. */
  strictOutbound: OutboundGuard;
  /** Channel tests and whether SMTP is configured; absent when notifications are not wired (some tests). */
  notifications?: NotificationRuntime;
}

export interface RouteDeps extends HandlerDeps {
  db: ServiceContext['db'];
  clock: Clock;
  /** Counts failed authentication per client address (one per app; a fresh one by default). */
  authFailures?: AuthFailureThrottle;
}

type ApiKey = Awaited<ReturnType<typeof authenticate>>;

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  // NUL or a lone surrogate is refused like in bodies (422 naming the parameter), before any query sees it.
  const unsafe = unsafeTextIssues(value, where);
  if (unsafe.length > 0) throw validationError(unsafe);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = zodIssues(result.error, where);
  throw new AppError('BAD_REQUEST', `${issues[0]?.path ?? where}: ${issues[0]?.message ?? 'invalid'}`, { issues });
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw new AppError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <key>"');
  return match[1];
}

export function registerRoutes(app: FastifyInstance, prefix: string, defs: RouteDef[], deps: RouteDeps): void {
  const handlerDeps: HandlerDeps = { publicUrl: deps.publicUrl, monitors: deps.monitors, outbound: deps.outbound, strictOutbound: deps.strictOutbound, notifications: deps.notifications };
  const anonymous: ServiceContext = { db: deps.db, clock: deps.clock, actor: { type: 'system', id: null, name: null } };
  const throttle = deps.authFailures ?? new AuthFailureThrottle(deps.clock);
  const keys = new WeakMap<FastifyRequest, ApiKey>();

  // onRequest runs before the body is read: a request without a valid key (or with a key of too
  // small a scope) is refused without parsing whatever it sent.
  const guard = (scope: ApiKeyScope) => async (request: FastifyRequest) => {
    let key: ApiKey;
    try {
      key = await authenticate(anonymous, bearerToken(request));
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') throw throttle.failed(request.ip, err, request.log);
      throw err;
    }
    if (!scopeAllows(key.scope, scope)) {
      throw new AppError('FORBIDDEN', `this needs a key with the "${scope}" scope; this key has "${key.scope}"`);
    }
    keys.set(request, key);
  };

  for (const def of defs) {
    app.route({
      method: def.method,
      url: prefix + def.path,
      onRequest: guard(def.scope),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const key = keys.get(request);
        if (!key) throw new AppError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
        const ctx: ServiceContext = { ...anonymous, actor: { type: 'api_key', id: key.id, name: key.name, role: SCOPE_ROLE[key.scope] } };
        const params = parsePart(def.params, request.params, 'params');
        const query = parsePart(def.query, request.query, 'query');
        const result = await def.handler({ params, query, body: request.body, ctx, deps: handlerDeps });
        const status = def.status ?? (def.method === 'POST' ? 201 : 200);
        if (status === 204) return reply.code(204).send();
        if (def.contentType) return reply.code(status).type(def.contentType).send(result);
        return reply.code(status).send(result);
      },
    });
  }
}
