// Starts the real HTTP application on a loopback port against a real test
// database, with one API key per scope, and speaks to it with fetch.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../lib/clock.js';
import { createApiKey } from '../services/api-keys/createApiKey.js';
import type { ServiceContext } from '../services/context.js';
import type { Database } from '../store/database.js';
import type { DB } from '../store/schema.js';
import type { Dialect } from '../store/migrations/columns.js';
import { buildApp, type AdminOptions } from '../web/app.js';
import type { EngineConfig } from '../engine/config.js';
import { MonitorEngine } from '../engine/engine.js';
import { openTestDatabase } from './databases.test-support.js';
import type { OutboundGuard } from '../outbound/guard.js';
import type { NotificationRuntime } from '../services/notifications/runtime.js';
import { defaultMonitorGuard } from '../outbound/guards.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is, bypassing JSON encoding. */
  rawBody?: string;
  /** Which key to send: a scope name, a literal token, or null for none. Defaults to admin. */
  key?: 'admin' | 'write' | 'read' | null | { token: string };
  headers?: Record<string, string>;
}

export interface TestApi {
  dialect: Dialect;
  database: Database;
  app: FastifyInstance;
  baseUrl: string;
  keys: { admin: string; write: string; read: string };
  /** A service context acting as the CLI, for arranging data directly. */
  ctx: ServiceContext;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** POSTs a component (`name` plus any other fields), asserts 201 and returns its id. */
  createComponent(name: string, fields?: Record<string, unknown>): Promise<string>;
  /** The component's current status, as the API reports it. */
  componentStatus(id: string): Promise<string>;
  /** The audit-log actions recorded for one entity, oldest first, read from the database. */
  auditActions(entityId: string): Promise<string[]>;
  /** Row counts of these tables, to show a refused request changed nothing. */
  rowCounts(tables: readonly (keyof DB)[]): Promise<Record<string, number>>;
  /** Sends the request, asserts a 422 VALIDATION naming `field`, and returns that issue and the error. */
  expectValidation(method: string, path: string, body: unknown, field: string): Promise<{ issue: { path: string; message: string }; message: string }>;
  /** The monitoring engine, when started with `engine` options (not scheduling: tests drive it with run-now). */
  engine: MonitorEngine | null;
  close(): Promise<void>;
}

export interface TestApiOptions {
  clock?: Clock;
  bodyLimit?: number;
  /** Gives the app a monitoring engine with these tunables (answering POST /monitors/{id}/run). */
  engine?: Partial<EngineConfig>;
  /** The monitor outbound policy of the app and engine; the built-in monitor policy (which permits loopback) by default. */
  outbound?: OutboundGuard;
  /** The strict policy webhook targets are vetted with; the built-in strict policy (which refuses loopback) by default. */
  strictOutbound?: OutboundGuard;
  /** The notification runtime of the app (channel tests, SMTP state); none by default. */
  notifications?: NotificationRuntime;
  /** The web app's options (session lifetimes). */
  admin?: AdminOptions;
}

export async function startTestApi(dialect: Dialect, options: TestApiOptions = {}): Promise<TestApi> {
  const { database, close: closeDb } = await openTestDatabase(dialect);
  const clock = options.clock ?? systemClock;
  const ctx: ServiceContext = { db: database.db, clock, actor: { type: 'cli', id: null, name: 'test' } };
  const keys = {
    admin: (await createApiKey(ctx, { name: 'admin', scope: 'admin' })).key,
    write: (await createApiKey(ctx, { name: 'writer', scope: 'write' })).key,
    read: (await createApiKey(ctx, { name: 'reader', scope: 'read' })).key,
  };
  const outbound = options.outbound ?? defaultMonitorGuard();
  const engine = options.engine ? new MonitorEngine({ db: database.db, clock, config: options.engine, outbound }) : null;
  const app = await buildApp({ db: database.db, clock, logger: false, bodyLimit: options.bodyLimit, monitors: engine ?? undefined, outbound, strictOutbound: options.strictOutbound, notifications: options.notifications, admin: options.admin });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...o.headers };
    const key = o.key === undefined ? 'admin' : o.key;
    if (key !== null) headers.authorization = `Bearer ${typeof key === 'string' ? keys[key] : key.token}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  async function createComponent(name: string, fields: Record<string, unknown> = {}): Promise<string> {
    const res = await request<{ id: string }>('POST', '/api/v1/components', { body: { name, ...fields } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  }

  async function componentStatus(id: string): Promise<string> {
    return (await request<{ status: string }>('GET', `/api/v1/components/${id}`)).body.status;
  }

  async function auditActions(entityId: string): Promise<string[]> {
    const rows = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('id').execute();
    return rows.map((r) => r.action);
  }

  async function rowCounts(tables: readonly (keyof DB)[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const row = await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      out[t] = Number(row.n);
    }
    return out;
  }

  async function expectValidation(method: string, path: string, body: unknown, field: string) {
    const res = await request<any>(method, path, { body });
    assert.equal(res.status, 422, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.code, 'VALIDATION');
    const issue = res.body.error.details.issues.find((i: { path: string }) => i.path === field);
    assert.ok(issue, `${field} in ${JSON.stringify(res.body)}`);
    return { issue, message: res.body.error.message as string };
  }

  return {
    dialect,
    database,
    app,
    baseUrl,
    keys,
    ctx,
    request,
    createComponent,
    componentStatus,
    auditActions,
    rowCounts,
    expectValidation,
    engine,
    close: async () => {
      await app.close();
      await engine?.stop();
      await closeDb();
    },
  };
}

/**
 * Starts the API before the enclosing suite's tests and closes it after them. The handle can be used at
 * once (helpers can be built from it at describe time): each member is looked up on the running API
 * when it is read, which must be inside a hook or test.
 */
export function useTestApi(dialect: Dialect, options: TestApiOptions = {}): TestApi {
  let running: TestApi | undefined;
  before(async () => {
    running = await startTestApi(dialect, options);
  });
  after(() => running?.close());
  return new Proxy({} as TestApi, {
    get(_target, member) {
      if (!running) throw new Error(`the test API is not running: read api.${String(member)} inside a hook or test`);
      return Reflect.get(running, member);
    },
  });
}
