// A route is declared once: method, path, scope and zod schemas. The same
// declaration registers the Fastify handler and feeds the OpenAPI document,
// so what is documented is what is validated.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { ApiKeyScope } from '../domain/statuses.js';
import type { Clock } from '../lib/clock.js';
import type { ServiceContext } from '../services/context.js';
import type { MonitorRunner } from '../services/monitors/schemas.js';
import { authenticate, scopeAllows } from '../services/api-keys/queries.js';
import { zodIssues } from '../services/validation.js';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

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
  handler(input: HandlerInput<z.output<P>, z.output<Q>>): Promise<unknown>;
}

/** Keeps the params/query generics of one route while collecting many in a list. */
export function route<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType>(def: RouteDef<P, Q>): RouteDef {
  return def as unknown as RouteDef;
}

export const idParams = z.strictObject({ id: z.string().min(1).max(64) });

/** What handlers may need from the process beyond a service context. */
export interface HandlerDeps {
  /** VIGIL_PUBLIC_URL: the public base URL when settings name none (e.g. for heartbeat ping URLs). */
  publicUrl: string;
  /** Present when this process runs the scheduler role: runs a monitor's check on demand. */
  monitors?: MonitorRunner;
}

export interface RouteDeps extends HandlerDeps {
  db: Kysely<DB>;
  clock: Clock;
}

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
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
  const handlerDeps: HandlerDeps = { publicUrl: deps.publicUrl, monitors: deps.monitors };
  for (const def of defs) {
    app.route({
      method: def.method,
      url: prefix + def.path,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const anonymous: ServiceContext = { db: deps.db, clock: deps.clock, actor: { type: 'system', id: null, name: null } };
        const key = await authenticate(anonymous, bearerToken(request));
        if (!scopeAllows(key.scope, def.scope)) {
          throw new AppError('FORBIDDEN', `this needs a key with the "${def.scope}" scope; this key has "${key.scope}"`);
        }
        const ctx: ServiceContext = { ...anonymous, actor: { type: 'api_key', id: key.id, name: key.name } };
        const params = parsePart(def.params, request.params, 'params');
        const query = parsePart(def.query, request.query, 'query');
        const result = await def.handler({ params, query, body: request.body, ctx, deps: handlerDeps });
        const status = def.status ?? (def.method === 'POST' ? 201 : 200);
        if (status === 204) return reply.code(204).send();
        return reply.code(status).send(result);
      },
    });
  }
}
